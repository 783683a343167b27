import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InProcessEventBus, type EventEnvelope } from '@mosaic/event-bus';
import { importNdjson, type RecordSink } from '@mosaic/ingest';
import { OutboxRelay } from '@mosaic/outbox';
import { createServiceDataSource } from '@mosaic/persistence';
import { generateBlocks, resolveSynthOptions, type SeizureCaseRecord } from '@mosaic/synth';
import { validateRecord } from '@mosaic/validation';
import type { DataSource, EntityManager } from 'typeorm';
import {
  SEIZURE_CASE_EVENT,
  SEIZURE_CASE_TOPIC,
  SEIZURE_SUBJECT_EVENT,
  SEIZURE_SUBJECT_TOPIC,
  SeizureCaseConflictError,
  SeizureCaseStore,
  seizureCaseSchema,
  seizureEntities,
  seizureMigrations,
  type SeizureCaseEvent,
  type SeizureCaseInput,
  type SeizureSubjectEvent,
} from '..';

const validate = (value: unknown) => validateRecord(seizureCaseSchema, value);

async function openDatabase(): Promise<DataSource> {
  const dataSource = await createServiceDataSource({
    database: { kind: 'pglite', dataDir: 'memory://' },
    entities: seizureEntities,
    migrations: seizureMigrations,
  });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  return dataSource;
}

async function count(dataSource: DataSource, table: string, where = 'true'): Promise<number> {
  const [row] = (await dataSource.query(
    `SELECT count(*)::int AS n FROM ${table} WHERE ${where}`,
  )) as { n: number }[];
  return row?.n ?? 0;
}

/** More cases, and more of them with prints, than the defaults give for a small population. */
function generatedCases(): SeizureCaseRecord[] {
  const options = resolveSynthOptions(
    { persons: 600, seed: 11 },
    {
      'seizure.casesPerNetwork': '10',
      'seizure.loneCaseRate': '0.05',
      'seizure.printsRate': '0.6',
    },
  );
  return [...generateBlocks(options)].flatMap((b) => b.seizure);
}

function unitTemplate(dimensions: number): string {
  const v = new Float32Array(dimensions).fill(1 / Math.sqrt(dimensions));
  return Buffer.from(v.buffer).toString('base64');
}

/** Synthetic seizure lines plus every kind of bad line the importer must survive. */
function importFile(records: readonly SeizureCaseRecord[]) {
  const good = records.map((r) => JSON.stringify(r));
  const base = records[0] as SeizureCaseRecord;
  const printed = records.find((r) => (r.subjects[0]?.fingerprints?.length ?? 0) >= 3);
  if (!printed) throw new Error('the generated cases hold no subject with three prints');
  const subject0 = base.subjects[0] as SeizureCaseRecord['subjects'][number];
  const bad = [
    '{"recordId": "SC-TRUNCATED", "caseNumber": ',
    JSON.stringify({ ...base, recordId: 'SC-NO-NUMBER', caseNumber: undefined }),
    JSON.stringify({ ...base, recordId: 'SC-BAD-DATE', openedAt: '2024-02-30T10:00:00Z' }),
    JSON.stringify({
      ...base,
      recordId: 'SC-BAD-COUNTRY',
      subjects: [{ ...subject0, subjectId: 'SC-BAD-COUNTRY-S1', nationality: 'ZZZ' }],
    }),
    JSON.stringify({
      ...printed,
      recordId: 'SC-FACE-LENGTH-PRINT',
      subjects: printed.subjects.map((s, i) =>
        i === 0
          ? {
              ...s,
              fingerprints: (s.fingerprints ?? []).map((f, j) =>
                j === 2 ? { ...f, template: unitTemplate(512) } : f,
              ),
            }
          : s,
      ),
    }),
    JSON.stringify({
      ...base,
      recordId: 'SC-TWO-SAME-SUBJECT',
      subjects: [subject0, { ...subject0, role: 'DRIVER' }],
    }),
    JSON.stringify({ ...base, recordId: 'SC-NO-SUBJECT', subjects: [] }),
  ];
  // A repeated line inside the file is a duplicate, not a second record.
  const lines = [
    ...good.slice(0, 10),
    ...bad.slice(0, 3),
    good[4] as string,
    ...good.slice(10),
    ...bad.slice(3),
    '',
  ];
  return { lines, valid: good.length, bad: bad.length };
}

describe('seizure case schema', () => {
  it('accepts every case the generator writes', () => {
    const cases = generatedCases();
    expect(cases.length).toBeGreaterThanOrEqual(20);
    const rejected = cases
      .map((r) => ({ id: r.recordId, result: validate(JSON.parse(JSON.stringify(r))) }))
      .filter(({ result }) => !result.ok);
    expect(rejected).toEqual([]);
  });
});

describe('seizure bulk import (embedded PGlite)', () => {
  let dir: string;
  let dataSource: DataSource;
  let file: string;
  let records: SeizureCaseRecord[];
  let expected: { valid: number; bad: number; subjects: number };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mosaic-seizure-import-'));
    records = generatedCases();
    const { lines, valid, bad } = importFile(records);
    expected = { valid, bad, subjects: records.reduce((n, r) => n + r.subjects.length, 0) };
    file = join(dir, 'seizure.ndjson');
    await writeFile(file, lines.join('\n'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));
  beforeEach(async () => {
    dataSource = await openDatabase();
  });
  afterEach(async () => dataSource.destroy());

  it('stores each case with all its parts and one event per case and per subject, quarantines bad lines with field and reason, and goes on', async () => {
    const report = await importNdjson({
      dataSource,
      source: 'seizure',
      file,
      validate,
      sink: new SeizureCaseStore(),
      batchSize: 8,
    });
    expect(report).toEqual({
      lines: expected.valid + expected.bad + 1,
      accepted: expected.valid,
      duplicates: 1,
      rejected: expected.bad,
    });
    const all = records;
    const sum = (f: (r: SeizureCaseRecord) => number) => all.reduce((n, r) => n + f(r), 0);
    const subjects = all.flatMap((r) => r.subjects);
    expect(await count(dataSource, 'seizure_case')).toBe(expected.valid);
    expect(await count(dataSource, 'seizure_event')).toBe(sum((r) => r.events.length));
    expect(await count(dataSource, 'seizure_item')).toBe(sum((r) => r.items.length));
    expect(await count(dataSource, 'seizure_subject')).toBe(expected.subjects);
    expect(await count(dataSource, 'seizure_subject', 'face_template IS NOT NULL')).toBe(
      subjects.filter((s) => s.face).length,
    );
    expect(await count(dataSource, 'seizure_subject_finger')).toBe(
      subjects.reduce((n, s) => n + (s.fingerprints?.length ?? 0), 0),
    );
    expect(await count(dataSource, 'seizure_subject_identifier')).toBe(
      subjects.reduce(
        (n, { identifiers: i }) =>
          n + i.phones.length + i.addresses.length + i.vehicles.length + i.documents.length,
        0,
      ),
    );
    expect(await count(dataSource, 'outbox', `topic = '${SEIZURE_CASE_TOPIC}'`)).toBe(
      expected.valid,
    );
    expect(await count(dataSource, 'outbox', `topic = '${SEIZURE_SUBJECT_TOPIC}'`)).toBe(
      expected.subjects,
    );

    // Templates are stored as the exact float32 bytes that were sent.
    const [face] = (await dataSource.query(
      'SELECT id, face_template FROM seizure_subject WHERE face_template IS NOT NULL ORDER BY id LIMIT 1',
    )) as { id: string; face_template: Uint8Array }[];
    const [finger] = (await dataSource.query(
      'SELECT subject_id, position, template FROM seizure_subject_finger ORDER BY subject_id, position DESC LIMIT 1',
    )) as { subject_id: string; position: number; template: Uint8Array }[];
    const sentFace = subjects.find((s) => s.subjectId === face?.id)?.face?.template as string;
    const sentFinger = subjects
      .find((s) => s.subjectId === finger?.subject_id)
      ?.fingerprints?.find((f) => f.position === finger?.position)?.template as string;
    expect(
      Buffer.from(face?.face_template as Uint8Array).equals(Buffer.from(sentFace, 'base64')),
    ).toBe(true);
    expect(
      Buffer.from(finger?.template as Uint8Array).equals(Buffer.from(sentFinger, 'base64')),
    ).toBe(true);

    const quarantined = (await dataSource.query(
      'SELECT raw, issues, line_number FROM quarantine ORDER BY line_number',
    )) as { raw: string; issues: { field: string; reason: string }[]; line_number: number }[];
    expect(quarantined).toHaveLength(expected.bad);
    const byRecord = (id: string) => quarantined.find((q) => q.raw.includes(`"${id}"`))?.issues;
    expect(quarantined[0]?.issues).toEqual([
      { field: '(line)', reason: expect.stringMatching(/malformed JSON/) },
    ]);
    expect(quarantined[0]?.line_number).toBe(11);
    expect(byRecord('SC-NO-NUMBER')).toEqual([{ field: 'caseNumber', reason: 'is required' }]);
    expect(byRecord('SC-BAD-DATE')).toEqual([
      { field: 'openedAt', reason: expect.stringMatching(/ISO 8601/) },
    ]);
    expect(byRecord('SC-BAD-COUNTRY')).toEqual([
      { field: 'subjects.0.nationality', reason: expect.stringMatching(/unknown country code/) },
    ]);
    expect(byRecord('SC-FACE-LENGTH-PRINT')).toEqual([
      {
        field: 'subjects.0.fingerprints.2.template',
        reason: expect.stringMatching(/256 float32 values/),
      },
    ]);
    expect(byRecord('SC-TWO-SAME-SUBJECT')).toEqual([
      { field: 'subjects.1.subjectId', reason: expect.stringMatching(/duplicate subjectId/) },
    ]);
    expect(byRecord('SC-NO-SUBJECT')).toEqual([
      { field: 'subjects', reason: 'a case has at least one subject' },
    ]);
  });

  it('queues case and subject events that carry what identity and link analysis need', async () => {
    await importNdjson({
      dataSource,
      source: 'seizure',
      file,
      validate,
      sink: new SeizureCaseStore(),
    });
    const record = records.find(
      (r) => r.subjects.length >= 2 && r.subjects[0]?.face,
    ) as SeizureCaseRecord;
    const envelopes = (await dataSource.query(
      'SELECT topic, envelope FROM outbox WHERE key = $1 OR key = $2 ORDER BY position',
      [record.recordId, record.subjects[0]?.subjectId],
    )) as { topic: string; envelope: { key: string; payload: unknown } }[];
    expect(envelopes.map((e) => e.topic)).toEqual([SEIZURE_CASE_TOPIC, SEIZURE_SUBJECT_TOPIC]);
    const casePayload = envelopes[0]?.envelope.payload as SeizureCaseEvent;
    expect(casePayload).toEqual({
      caseId: record.recordId,
      caseNumber: record.caseNumber,
      agency: record.agency,
      openedAt: record.openedAt,
      events: record.events,
      items: record.items,
      subjects: record.subjects.map((s) => ({ subjectId: s.subjectId, role: s.role })),
    });
    const subject = record.subjects[0] as SeizureCaseRecord['subjects'][number];
    const subjectPayload = envelopes[1]?.envelope.payload as SeizureSubjectEvent;
    expect(subjectPayload).toEqual({
      ...subject,
      caseId: record.recordId,
      caseNumber: record.caseNumber,
      openedAt: record.openedAt,
      coSubjectIds: record.subjects.slice(1).map((s) => s.subjectId),
    });
    expect(subjectPayload.face?.template).toBe(subject.face?.template);
  });

  it('changes nothing and queues nothing when the same file is imported again', async () => {
    const sink = new SeizureCaseStore();
    await importNdjson({ dataSource, source: 'seizure', file, validate, sink });
    const outbox = await count(dataSource, 'outbox');
    const again = await importNdjson({ dataSource, source: 'seizure', file, validate, sink });
    expect(again).toMatchObject({
      accepted: 0,
      duplicates: expected.valid + 1,
      rejected: expected.bad,
    });
    expect(await count(dataSource, 'seizure_case')).toBe(expected.valid);
    expect(await count(dataSource, 'seizure_subject')).toBe(expected.subjects);
    expect(await count(dataSource, 'outbox')).toBe(outbox);
    expect(await count(dataSource, 'quarantine')).toBe(expected.bad);
  });

  it('refuses a new case that reuses a stored case number or subject id, storing none of it', async () => {
    const store = new SeizureCaseStore();
    const parse = (r: SeizureCaseRecord) => seizureCaseSchema.parse(r);
    const first = parse(records[0] as SeizureCaseRecord);
    // The same case twice in one batch is stored once.
    expect(await dataSource.transaction((m) => store.storeBatch(m, [first, first]))).toEqual({
      inserted: 1,
    });
    const sameNumber = { ...parse(records[1] as SeizureCaseRecord), caseNumber: first.caseNumber };
    await expect(dataSource.transaction((m) => store.storeBatch(m, [sameNumber]))).rejects.toEqual(
      expect.objectContaining({
        issues: [
          {
            field: 'caseNumber',
            reason: `case number ${first.caseNumber} is already recorded as case ${first.recordId}`,
          },
        ],
      }),
    );
    const other = parse(records[2] as SeizureCaseRecord);
    const reused: SeizureCaseInput = {
      ...other,
      subjects: [...other.subjects, first.subjects[0] as SeizureCaseInput['subjects'][number]],
    };
    const error = await dataSource
      .transaction((m) => store.storeBatch(m, [reused]))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SeizureCaseConflictError);
    expect((error as SeizureCaseConflictError).issues).toEqual([
      {
        field: `subjects.${other.subjects.length}.subjectId`,
        reason: `subject id ${first.subjects[0]?.subjectId} is already recorded in case ${first.recordId}`,
      },
    ]);
    expect(await count(dataSource, 'seizure_case')).toBe(1);
    expect(await count(dataSource, 'seizure_subject')).toBe(first.subjects.length);
    expect(await count(dataSource, 'outbox')).toBe(1 + first.subjects.length);
  });

  it('quarantines a case that reuses another case number in a bulk import and stores the rest of its batch', async () => {
    const [a, b, c] = records as [SeizureCaseRecord, SeizureCaseRecord, SeizureCaseRecord];
    const clashing = { ...b, caseNumber: a.caseNumber };
    const conflictFile = join(dir, 'conflict.ndjson');
    await writeFile(conflictFile, [a, clashing, c].map((r) => JSON.stringify(r)).join('\n'));
    const report = await importNdjson({
      dataSource,
      source: 'seizure',
      file: conflictFile,
      validate,
      sink: new SeizureCaseStore(),
    });
    expect(report).toMatchObject({ accepted: 2, rejected: 1, duplicates: 0 });
    const quarantined = (await dataSource.query('SELECT line_number, issues FROM quarantine')) as {
      line_number: number;
      issues: { field: string; reason: string }[];
    }[];
    expect(quarantined).toEqual([
      {
        line_number: 2,
        issues: [
          {
            field: 'caseNumber',
            reason: expect.stringContaining(`already recorded as case ${a.recordId}`),
          },
        ],
      },
    ]);
    expect(await count(dataSource, 'seizure_case')).toBe(2);
  });

  it('after a crash mid-import, a rerun stores every case and subject once and publishes every event once', async () => {
    const real = new SeizureCaseStore();
    let batches = 0;
    const crashing: RecordSink<SeizureCaseInput> = {
      async storeBatch(manager: EntityManager, batch: readonly SeizureCaseInput[]) {
        batches += 1;
        const result = await real.storeBatch(manager, batch);
        if (batches === 3) throw new Error('killed mid-batch');
        return result;
      },
    };
    await expect(
      importNdjson({ dataSource, source: 'seizure', file, validate, sink: crashing, batchSize: 8 }),
    ).rejects.toThrow('killed');
    const partial = await count(dataSource, 'seizure_case');
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(expected.valid);

    const bus = new InProcessEventBus();
    const relay = new OutboxRelay(dataSource, bus, { batchSize: 17 });
    await relay.drain();
    const rerun = await importNdjson({
      dataSource,
      source: 'seizure',
      file,
      validate,
      sink: real,
      batchSize: 8,
    });
    expect(rerun.accepted).toBe(expected.valid - partial);

    await relay.drain();
    expect(await relay.backlog()).toBe(0);
    expect(await count(dataSource, 'seizure_case')).toBe(expected.valid);
    expect(await count(dataSource, 'seizure_subject')).toBe(expected.subjects);

    // Read back everything the relay published, before and after the crash. The consumer joins
    // after the last publish: this test is about the outbox, and the in-process bus currently
    // livelocks when a publish arrives while one of its partitions is still being pumped.
    const seen: EventEnvelope[] = [];
    await bus.subscribe({
      groupId: 'counter',
      topics: [SEIZURE_CASE_TOPIC, SEIZURE_SUBJECT_TOPIC],
      fromBeginning: true,
      handler: async (e) => void seen.push(e.envelope),
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const keysOf = (type: string) => seen.filter((e) => e.type === type).map((e) => e.key);
    const caseKeys = keysOf(SEIZURE_CASE_EVENT);
    const subjectKeys = keysOf(SEIZURE_SUBJECT_EVENT);
    expect(caseKeys).toHaveLength(expected.valid);
    expect(new Set(caseKeys)).toEqual(new Set(records.map((r) => r.recordId)));
    expect(subjectKeys).toHaveLength(expected.subjects);
    expect(new Set(subjectKeys)).toEqual(
      new Set(records.flatMap((r) => r.subjects.map((s) => s.subjectId))),
    );
    await bus.close();
  });
});
