import { PERSON_TOPIC } from '@mosaic/analysis-data';
import { createEnvelope } from '@mosaic/event-bus';
import { v7 as uuidv7 } from 'uuid';
import { ProjectionEventMapper } from '../projection-event.mapper';

const mapper = new ProjectionEventMapper();

const personEvent = (change: string, records: { source: string; recordId: string }[]) => {
  const personId = uuidv7();
  return {
    topic: PERSON_TOPIC,
    partition: 0,
    offset: '0',
    envelope: createEnvelope({
      type: 'identity.person.changed',
      source: 'identity',
      key: personId,
      payload: {
        personId,
        change,
        records,
        mergedInto: null,
        splitFrom: null,
        into: [],
        modelVersion: 'm',
        thresholdVersion: 't',
      },
    }),
  };
};

describe('ProjectionEventMapper: dispute and retention changes', () => {
  it.each(['SUSPENDED', 'RESTORED', 'RECORDS_REMOVED'])(
    'projects a %s change naming its records',
    (change) => {
      const mapped = mapper.map(personEvent(change, [{ source: 'travel', recordId: 'TE-1' }]));
      expect(mapped).toMatchObject({ kind: 'person', change: { change } });
    },
  );

  it.each(['SUSPENDED', 'RESTORED', 'RECORDS_REMOVED'])(
    'rejects a %s change that names no record, with the reason',
    (change) => {
      const mapped = mapper.map(personEvent(change, []));
      expect(mapped.kind).toBe('rejected');
      expect(mapped.kind === 'rejected' && mapped.error.message).toMatch(/must name the records/);
    },
  );

  it('rejects a change kind the contract does not know', () => {
    const mapped = mapper.map(personEvent('VANISHED', [{ source: 'travel', recordId: 'TE-1' }]));
    expect(mapped.kind).toBe('rejected');
  });
});
