import {
  COMPARISON_FIELDS,
  compareFeatures,
  FieldIndex,
  levelName,
  NameLevel,
  type ComparisonFieldName,
} from '../compare';
import { normaliseRecord } from '../normalise';
import type { ResolutionRecord } from '../record';

function record(overrides: Partial<ResolutionRecord> = {}): ResolutionRecord {
  return {
    key: 'travel:T1',
    source: 'travel',
    recordId: 'T1',
    observedAt: '2024-05-01T10:00:00Z',
    givenNames: 'Jan',
    surname: 'Kowalski',
    dateOfBirth: '1980-04-17',
    sex: 'M',
    nationality: 'POL',
    documents: [],
    phones: [],
    addresses: [],
    vehicles: [],
    face: null,
    fingers: [],
    ...overrides,
  };
}

function compare(a: Partial<ResolutionRecord>, b: Partial<ResolutionRecord>) {
  return compareFeatures(
    normaliseRecord(record({ key: 'travel:A', ...a })),
    normaliseRecord(record({ key: 'travel:B', ...b })),
  );
}

function level(
  field: ComparisonFieldName,
  a: Partial<ResolutionRecord>,
  b: Partial<ResolutionRecord>,
) {
  return levelName(compare(a, b), field);
}

const NAME_LEVELS = COMPARISON_FIELDS[FieldIndex.given]!.levels;
/** Whether a name level is at least as strong as `floor`. */
const atLeast = (reached: string | null, floor: keyof typeof NameLevel) =>
  reached !== null && NAME_LEVELS.indexOf(reached) <= NameLevel[floor];

describe('COMPARISON_FIELDS', () => {
  it('lists every field once, in vector order, each ending in a disagreement level', () => {
    expect(COMPARISON_FIELDS.map((f) => f.field)).toEqual(Object.keys(FieldIndex));
    for (const field of COMPARISON_FIELDS) expect(field.levels.at(-1)).toBe('DIFFERENT');
  });

  it('adjusts names, phones and addresses by term frequency', () => {
    expect(COMPARISON_FIELDS.filter((f) => f.termFrequency).map((f) => f.field)).toEqual([
      'given',
      'surname',
      'phone',
      'address',
    ]);
  });
});

describe('name comparison', () => {
  it('treats case, diacritics, hyphens and spacing as the same name', () => {
    expect(level('surname', { surname: 'Müller' }, { surname: 'MULLER' })).toBe('EXACT');
    expect(level('given', { givenNames: 'Min-jun' }, { givenNames: 'Minjun' })).toBe('EXACT');
    expect(level('given', { givenNames: 'Min Jun' }, { givenNames: 'MIN-JUN' })).toBe('EXACT');
    expect(level('surname', { surname: 'Al-Masri' }, { surname: 'Almasri' })).toBe('EXACT');
  });

  it.each([
    ['surname', 'Müller', 'MUELLER'],
    ['given', 'Mohammed', 'Muhammad'],
    ['given', 'Mohamed', 'Mohammad'],
    ['surname', 'Hussein', 'Husain'],
    ['given', 'Youssef', 'Yusuf'],
    ['given', 'Aleksandr', 'Alexander'],
    ['surname', 'Schmidt', 'Schmitt'],
    ['surname', 'El Masri', 'Al-Masri'],
  ] as const)('matches %s %s and %s phonetically or better', (field, a, b) => {
    const name = field === 'given' ? 'givenNames' : 'surname';
    expect(atLeast(level(field, { [name]: a }, { [name]: b }), 'PHONETIC')).toBe(true);
  });

  it('reaches JW_HIGH or better for a typo', () => {
    expect(
      atLeast(level('given', { givenNames: 'Katarzyna' }, { givenNames: 'Katarzyan' }), 'JW_HIGH'),
    ).toBe(true);
    expect(
      atLeast(level('surname', { surname: 'Kowalski' }, { surname: 'Kowalsik' }), 'JW_HIGH'),
    ).toBe(true);
  });

  it('sees a dropped middle name, second surname or particle, or reordered names, as a SUBSET', () => {
    expect(level('given', { givenNames: 'José Luis' }, { givenNames: 'JOSE' })).toBe('SUBSET');
    expect(level('surname', { surname: 'García López' }, { surname: 'Garcia' })).toBe('SUBSET');
    expect(level('surname', { surname: 'Al-Masri' }, { surname: 'Masri' })).toBe('SUBSET');
    expect(level('surname', { surname: 'Alkhatib' }, { surname: 'Khatib' })).toBe('SUBSET');
    expect(level('given', { givenNames: 'María José' }, { givenNames: 'José María' })).toBe(
      'SUBSET',
    );
  });

  it('agrees on both names when one record has them in the other order', () => {
    const vector = compare(
      { givenNames: 'Wei', surname: 'Zhang' },
      { givenNames: 'ZHANG', surname: 'WEI' },
    );
    expect(levelName(vector, 'given')).toBe('EXACT');
    expect(levelName(vector, 'surname')).toBe('EXACT');
    expect(vector.tfValues[FieldIndex.given]).toBe('WEI');
    expect(vector.tfValues[FieldIndex.surname]).toBe('ZHANG');
  });

  it('reports the agreed folded value for term frequency only at the exact level', () => {
    const vector = compare(
      { givenNames: 'José', surname: 'Núñez' },
      { givenNames: 'Jose Luis', surname: 'NUNEZ' },
    );
    expect(vector.tfValues[FieldIndex.surname]).toBe('NUNEZ');
    expect(vector.tfValues[FieldIndex.given]).toBeNull();
  });

  it.each([
    ['Maria', 'Garcia', 'Ana', 'Lopez'],
    ['John', 'Smith', 'James', 'Jones'],
    ['Mohammed', 'Ali', 'Ahmed', 'Ibrahim'],
    ['Wei', 'Wang', 'Jun', 'Liu'],
  ])('tells %s %s and %s %s apart', (g1, s1, g2, s2) => {
    const vector = compare({ givenNames: g1, surname: s1 }, { givenNames: g2, surname: s2 });
    expect(levelName(vector, 'given')).toBe('DIFFERENT');
    expect(levelName(vector, 'surname')).toBe('DIFFERENT');
  });

  it('does not let two different given names pass for one because their first name agrees', () => {
    expect(level('given', { givenNames: 'María José' }, { givenNames: 'María Elena' })).toBe(
      'DIFFERENT',
    );
  });
});

describe('date of birth comparison', () => {
  it.each([
    ['1980-04-17', '1980-04-17', 'EXACT'],
    ['1980-04-07', '1980-07-04', 'DAY_MONTH_SWAPPED'],
    ['1980-04-17', '1980-04-21', 'YEAR_MONTH'],
    ['1980-04', '1980-04-17', 'YEAR_MONTH'],
    ['1980', '1980-04-17', 'YEAR'],
    ['1980-05', '1980-04-17', 'YEAR'],
    ['1980-04-17', '1980-11-02', 'YEAR'],
    ['1980-04-17', '1981-04-17', 'DIFFERENT'],
  ])('%s against %s is %s', (a, b, expected) => {
    expect(level('dob', { dateOfBirth: a }, { dateOfBirth: b })).toBe(expected);
  });
});

describe('document comparison', () => {
  const passport = (number: string, issuingCountry = 'POL') => ({
    documents: [{ type: 'PASSPORT', number, issuingCountry }],
  });

  it('finds the same number however it was punctuated', () => {
    expect(level('document', passport('AB 1234567'), passport('ab1234567'))).toBe('SAME');
  });

  it('sees a misread character or two swapped neighbours as ONE_EDIT', () => {
    expect(level('document', passport('AB1234567'), passport('A81234567'))).toBe('ONE_EDIT');
    expect(level('document', passport('AB1234567'), passport('AB1243567'))).toBe('ONE_EDIT');
    expect(level('document', passport('AB1234567'), passport('AB123456'))).toBe('ONE_EDIT');
  });

  it('tells different numbers of one country and type apart', () => {
    expect(level('document', passport('AB1234567'), passport('CD7654321'))).toBe('DIFFERENT');
  });

  it('does not compare documents of different countries or types', () => {
    expect(
      level('document', passport('AB1234567', 'POL'), passport('AB1234567', 'DEU')),
    ).toBeNull();
    expect(
      level('document', passport('AB1234567'), {
        documents: [{ type: 'NATIONAL_ID', number: '1234567890', issuingCountry: 'POL' }],
      }),
    ).toBeNull();
  });
});

describe('identifier and demographic comparison', () => {
  it('shares a phone written two ways, reporting the number for term frequency', () => {
    const vector = compare(
      { phones: ['+44 7911 123456'] },
      { phones: ['0044 7911123456', '+33612345678'] },
    );
    expect(levelName(vector, 'phone')).toBe('SHARED');
    expect(vector.tfValues[FieldIndex.phone]).toBe('+447911123456');
  });

  it('shares an address written two ways', () => {
    const vector = compare(
      { addresses: ['12 Harbour Street, Port Alden, GBR'] },
      { addresses: ['12 HARBOUR STREET  PORT ALDEN GBR'] },
    );
    expect(levelName(vector, 'address')).toBe('SHARED');
    expect(vector.tfValues[FieldIndex.address]).toBe('12 HARBOUR STREET PORT ALDEN GBR');
  });

  it('compares sex and nationality', () => {
    expect(level('sex', { sex: 'F' }, { sex: 'F' })).toBe('SAME');
    expect(level('sex', { sex: 'F' }, { sex: 'M' })).toBe('DIFFERENT');
    expect(level('nationality', { nationality: 'POL' }, { nationality: 'pol' })).toBe('SAME');
    expect(level('nationality', { nationality: 'POL' }, { nationality: 'CZE' })).toBe('DIFFERENT');
  });
});

describe('missing fields', () => {
  it('gives -1 for every field either side lacks, and no term-frequency value', () => {
    const vector = compare(
      {
        phones: ['+447911123456'],
        addresses: ['1 Mill Road'],
        documents: [{ type: 'PASSPORT', number: 'AB1234567', issuingCountry: 'POL' }],
      },
      { givenNames: null, surname: null, dateOfBirth: null, sex: null, nationality: null },
    );
    expect([...vector.levels]).toEqual(COMPARISON_FIELDS.map(() => -1));
    expect(vector.tfValues).toEqual(COMPARISON_FIELDS.map(() => null));
  });

  it('compares the name field that both sides have', () => {
    const vector = compare(
      { givenNames: null, surname: 'Diallo' },
      { givenNames: 'Aminata', surname: 'Diallo' },
    );
    expect(vector.levels[FieldIndex.given]).toBe(-1);
    expect(levelName(vector, 'surname')).toBe('EXACT');
  });

  it('gives -1 for an unparseable date of birth', () => {
    expect(level('dob', { dateOfBirth: 'unknown' }, { dateOfBirth: '1980-04-17' })).toBeNull();
  });
});

describe('compareFeatures', () => {
  it('gives the same levels whichever record comes first', () => {
    const records: Partial<ResolutionRecord>[] = [
      { givenNames: 'José Luis', surname: 'García López', dateOfBirth: '1980-04' },
      { givenNames: 'GARCIA', surname: 'JOSE', dateOfBirth: '1980-04-17' },
      { givenNames: 'Jose', surname: 'Garcia Lopes', dateOfBirth: '1980-17-04', sex: null },
      { givenNames: 'Ana María', surname: 'de la Torre', dateOfBirth: '1980' },
      { givenNames: 'Anamaria', surname: 'Delatorre', nationality: 'ESP' },
      { givenNames: 'Zhi Wei', surname: 'Chen', phones: ['+8613812345678'] },
      { givenNames: 'Zhiwei', surname: 'Chan', phones: ['008613812345678'] },
    ];
    const keyed = records.map((r, i) => ({ ...r, key: `travel:R${i}` }));
    for (const a of keyed) {
      for (const b of keyed) {
        const ab = compare(a, b);
        const ba = compare(b, a);
        expect([...ab.levels]).toEqual([...ba.levels]);
      }
    }
  });
});
