import { personAttributes, type AttributedRecord } from '..';

const record = (
  source: 'travel' | 'seizure' | 'fingerprint',
  recordId: string,
  observedAt: string,
  fields: Partial<AttributedRecord['record']>,
  linkedBy: AttributedRecord['linkedBy'] = [],
): AttributedRecord => ({
  record: {
    key: `${source}:${recordId}`,
    source,
    recordId,
    observedAt,
    givenNames: null,
    surname: null,
    dateOfBirth: null,
    sex: null,
    nationality: null,
    documents: [],
    phones: [],
    addresses: [],
    vehicles: [],
    ...fields,
  },
  linkedBy,
});

describe('person attributes', () => {
  const records = [
    record(
      'travel',
      'T1',
      '2024-01-05T00:00:00Z',
      { givenNames: 'Olena', surname: 'Kovalenko', dateOfBirth: '1988-04-12' },
      ['FACE'],
    ),
    record(
      'travel',
      'T2',
      '2024-03-09T00:00:00Z',
      { givenNames: 'Olena ', surname: 'Kovalenko', dateOfBirth: '1988-12-04' },
      ['FACE'],
    ),
    record(
      'seizure',
      'S1',
      '2024-02-01T00:00:00Z',
      {
        givenNames: 'Elena',
        surname: 'Kovalenko',
        dateOfBirth: '1988-04-12',
        phones: ['+380501112233'],
      },
      ['FINGER'],
    ),
    record(
      'fingerprint',
      'F1',
      '2023-11-20T00:00:00Z',
      { givenNames: 'Olena', surname: 'Kovalenko', dateOfBirth: '1988' },
      ['FINGER', 'FACE'],
    ),
  ];
  const attributes = personAttributes(records);

  it('lists every recorded value, most supported first, never merging spellings', () => {
    expect(attributes.names.map((n) => [n.value, n.support.records])).toEqual([
      ['Olena Kovalenko', 3],
      ['Elena Kovalenko', 1],
    ]);
    expect(attributes.datesOfBirth.map((d) => [d.value, d.support.records])).toEqual([
      ['1988-04-12', 2],
      // One record each: the most recently seen first.
      ['1988-12-04', 1],
      ['1988', 1],
    ]);
    expect(attributes.phones.map((p) => p.value)).toEqual(['+380501112233']);
    expect(attributes.addresses).toEqual([]);
  });

  it('gives each value its provenance per source, in order of observation, and the modalities behind it', () => {
    const [olena] = attributes.names;
    expect(olena?.provenance).toEqual([
      {
        source: 'travel',
        recordIds: ['T1', 'T2'],
        firstSeen: '2024-01-05T00:00:00Z',
        lastSeen: '2024-03-09T00:00:00Z',
      },
      {
        source: 'fingerprint',
        recordIds: ['F1'],
        firstSeen: '2023-11-20T00:00:00Z',
        lastSeen: '2023-11-20T00:00:00Z',
      },
    ]);
    expect(olena?.support.sources).toEqual(['travel', 'fingerprint']);
    expect(olena?.support.modalities).toEqual(['FACE', 'FINGER']);
    expect(olena?.detail).toEqual({ givenNames: 'Olena', surname: 'Kovalenko' });
    expect(attributes.names[1]?.support.modalities).toEqual(['FINGER']);
  });
});
