import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InProcessEventBus, type EventEnvelope } from '@mosaic/event-bus';
import { importNdjson, type RecordSink } from '@mosaic/ingest';
import { OutboxRelay } from '@mosaic/outbox';
import { createServiceDataSource } from '@mosaic/persistence';
import {
  generateBlocks,
  resolveSynthOptions,
  type FingerprintEnrollmentRecord,
} from '@mosaic/synth';
import { validateRecord } from '@mosaic/validation';
import type { DataSource, EntityManager } from 'typeorm';
import {
  FINGERPRINT_ENROLLMENT_TOPIC,
  FingerprintEnrollmentStore,
  fingerprintEnrollmentSchema,
  fingerprintEntities,
  fingerprintMigrations,
  type FingerprintEnrollmentInput,
} from '..';

const validate = (value: unknown) => validateRecord(fingerprintEnrollmentSchema, value);

async function openDatabase(): Promise<DataSource> {
  const dataSource = await createServiceDataSource({
    database: { kind: 'pglite', dataDir: 'memory://' },
    entities: fingerprintEntities,
    migrations: fingerprintMigrations,
  });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  return dataSource;
}

async function count(dataSource: DataSource, table: string): Promise<number> {
  const [row] = (await dataSource.query(`SELECT count(*)::int AS n FROM ${table}`)) as {
    n: number;
  }[];
  return row?.n ?? 0;
}

/** 256 float32 values, all equal: the right length, but nowhere near unit norm. */
const notUnitNorm = Buffer.from(new Float32Array(256).fill(0.5).buffer).toString('base64');

/** Synthetic enrollment lines plus every kind of bad line the importer must survive. */
function importFile(): {
  lines: string[];
  records: FingerprintEnrollmentRecord[];
  bad: number;
} {
  const options = resolveSynthOptions({ persons: 300, seed: 23 });
  const records = [...generateBlocks(options)].flatMap((b) => b.fingerprint);
  const good = records.map((r) => JSON.stringify(r));
  const base = records.find((r) => r.fingers.length >= 4 && r.missingFingers.length > 0);
  if (!base) throw new Error('the generator made no enrollment with captured and missing fingers');
  const fingers = base.fingers.map((f, i) => (i === 3 ? { ...f, template: notUnitNorm } : f));
  const bad = [
    '{"recordId": "FE-TRUNCATED", "fingers": [',
    'not json at all',
    JSON.stringify({ ...base, recordId: 'FE-NO-AGENCY', enrollmentId: 'E1', agency: undefined }),
    JSON.stringify({ ...base, recordId: 'FE-BAD-DATE', enrolledAt: '2024-02-30T10:00:00Z' }),
    JSON.stringify({
      ...base,
      recordId: 'FE-BAD-COUNTRY',
      subject: { ...base.subject, nationality: 'ZZZ' },
    }),
    JSON.stringify({ ...base, recordId: 'FE-NOT-UNIT', fingers }),
    JSON.stringify({
      ...base,
      recordId: 'FE-BOTH',
      missingFingers: [
        ...base.missingFingers,
        { position: base.fingers[1]?.position, reason: 'BANDAGED' },
      ],
    }),
  ];
  // A repeated line inside the file is a duplicate, not a second record.
  const lines = [
    ...good.slice(0, 40),
    ...bad.slice(0, 3),
    good[5] as string,
    ...good.slice(40),
    ...bad.slice(3),
    '',
  ];
  return { lines, records, bad: bad.length };
}

describe('fingerprint bulk import (embedded PGlite)', () => {
  let dir: string;
  let dataSource: DataSource;
  let file: string;
  let records: FingerprintEnrollmentRecord[];
  let expected: { valid: number; bad: number; fingers: number; missing: number };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mosaic-import-'));
    const made = importFile();
    records = made.records;
    expected = {
      valid: records.length,
      bad: made.bad,
      fingers: records.reduce((n, r) => n + r.fingers.length, 0),
      missing: records.reduce((n, r) => n + r.missingFingers.length, 0),
    };
    file = join(dir, 'fingerprint.ndjson');
    await writeFile(file, made.lines.join('\n'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));
  beforeEach(async () => {
    dataSource = await openDatabase();
  });
  afterEach(async () => dataSource.destroy());

  it('accepts every enrollment the synthetic generator writes', () => {
    expect(records.length).toBeGreaterThan(50);
    expect(records.some((r) => r.face === null)).toBe(true);
    expect(records.some((r) => r.missingFingers.length > 0)).toBe(true);
    const rejected = records
      .map((r) => ({ recordId: r.recordId, result: validate(JSON.parse(JSON.stringify(r))) }))
      .filter(({ result }) => !result.ok);
    expect(rejected).toEqual([]);
  });

  it('stores valid enrollments with their fingers and one event each, quarantines bad lines with field and reason', async () => {
    const report = await importNdjson({
      dataSource,
      source: 'fingerprint',
      file,
      validate,
      sink: new FingerprintEnrollmentStore(),
      batchSize: 25,
    });
    expect(report).toEqual({
      lines: expected.valid + expected.bad + 1,
      accepted: expected.valid,
      duplicates: 1,
      rejected: expected.bad,
    });
    expect(await count(dataSource, 'fingerprint_enrollment')).toBe(expected.valid);
    expect(await count(dataSource, 'fingerprint_finger')).toBe(expected.fingers);
    expect(await count(dataSource, 'fingerprint_missing_finger')).toBe(expected.missing);
    expect(await count(dataSource, 'outbox')).toBe(expected.valid);

    const quarantined = (await dataSource.query(
      'SELECT raw, issues, line_number FROM quarantine ORDER BY line_number',
    )) as { raw: string; issues: { field: string; reason: string }[]; line_number: number }[];
    expect(quarantined).toHaveLength(expected.bad);
    const byRecord = (id: string) => quarantined.find((q) => q.raw.includes(`"${id}"`))?.issues;
    expect(quarantined[0]?.issues[0]).toEqual({
      field: '(line)',
      reason: expect.stringMatching(/malformed JSON/),
    });
    expect(quarantined[0]?.line_number).toBe(41);
    expect(byRecord('FE-NO-AGENCY')).toEqual([{ field: 'agency', reason: 'is required' }]);
    expect(byRecord('FE-BAD-DATE')?.[0]?.field).toBe('enrolledAt');
    expect(byRecord('FE-BAD-COUNTRY')).toEqual([
      { field: 'subject.nationality', reason: expect.stringMatching(/unknown country code/) },
    ]);
    expect(byRecord('FE-NOT-UNIT')).toEqual([
      { field: 'fingers.3.template', reason: expect.stringMatching(/unit-norm/) },
    ]);
    const both = byRecord('FE-BOTH');
    expect(both).toHaveLength(1);
    expect(both?.[0]?.field).toMatch(/^missingFingers\.\d+\.position$/);
    expect(both?.[0]?.reason).toMatch(/already listed at fingers\.1/);
  });

  it('keeps each finger with its enrollment and queues the whole record, templates included', async () => {
    await importNdjson({
      dataSource,
      source: 'fingerprint',
      file,
      validate,
      sink: new FingerprintEnrollmentStore(),
    });
    const record = records.find((r) => r.fingers.length > 0 && r.face !== null);
    if (!record) throw new Error('the generator made no enrollment with fingers and a face');
    const fingers = (await dataSource.query(
      `SELECT f.position, encode(f.template, 'base64') AS template FROM fingerprint_finger f
       JOIN fingerprint_enrollment e ON e.enrollment_id = f.enrollment_id
       WHERE e.id = $1 ORDER BY f.position`,
      [record.recordId],
    )) as { position: number; template: string }[];
    expect(fingers.map((f) => f.position)).toEqual(record.fingers.map((f) => f.position));
    expect(fingers.map((f) => f.template.replace(/\s/g, ''))).toEqual(
      record.fingers.map((f) => f.template),
    );
    const [event] = (await dataSource.query('SELECT envelope FROM outbox WHERE key = $1', [
      record.recordId,
    ])) as { envelope: EventEnvelope }[];
    expect(event?.envelope).toMatchObject({
      type: 'fingerprint.enrollment.recorded',
      source: 'fingerprint',
      key: record.recordId,
      payload: record,
    });
  });

  it('changes nothing and queues nothing when the same file is imported again', async () => {
    const sink = new FingerprintEnrollmentStore();
    await importNdjson({ dataSource, source: 'fingerprint', file, validate, sink });
    const again = await importNdjson({ dataSource, source: 'fingerprint', file, validate, sink });
    expect(again).toMatchObject({
      accepted: 0,
      duplicates: expected.valid + 1,
      rejected: expected.bad,
    });
    expect(await count(dataSource, 'fingerprint_enrollment')).toBe(expected.valid);
    expect(await count(dataSource, 'fingerprint_finger')).toBe(expected.fingers);
    expect(await count(dataSource, 'fingerprint_missing_finger')).toBe(expected.missing);
    expect(await count(dataSource, 'outbox')).toBe(expected.valid);
    expect(await count(dataSource, 'quarantine')).toBe(expected.bad);
  });

  it('migrates down to no fingerprint tables at all', async () => {
    await dataSource.undoLastMigration({ transaction: 'each' });
    const [tables] = (await dataSource.query(
      `SELECT to_regclass('fingerprint_enrollment') AS enrollment,
              to_regclass('fingerprint_finger') AS finger,
              to_regclass('fingerprint_missing_finger') AS missing`,
    )) as Record<string, unknown>[];
    expect(tables).toEqual({ enrollment: null, finger: null, missing: null });
  });

  it('after a crash mid-import, a rerun stores and publishes every valid enrollment exactly once', async () => {
    const real = new FingerprintEnrollmentStore();
    let batches = 0;
    const crashing: RecordSink<FingerprintEnrollmentInput> = {
      async storeBatch(manager: EntityManager, batch: readonly FingerprintEnrollmentInput[]) {
        batches += 1;
        const result = await real.storeBatch(manager, batch);
        if (batches === 3) throw new Error('killed mid-batch');
        return result;
      },
    };
    await expect(
      importNdjson({
        dataSource,
        source: 'fingerprint',
        file,
        validate,
        sink: crashing,
        batchSize: 20,
      }),
    ).rejects.toThrow('killed');
    const partial = await count(dataSource, 'fingerprint_enrollment');
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(expected.valid);

    const bus = new InProcessEventBus();
    const relay = new OutboxRelay(dataSource, bus, { batchSize: 17 });
    await relay.drain();
    const rerun = await importNdjson({
      dataSource,
      source: 'fingerprint',
      file,
      validate,
      sink: real,
      batchSize: 20,
    });
    expect(rerun.accepted).toBe(expected.valid - partial);

    const seen: EventEnvelope[] = [];
    await bus.subscribe({
      groupId: 'counter',
      topics: [FINGERPRINT_ENROLLMENT_TOPIC],
      fromBeginning: true,
      handler: async (e) => void seen.push(e.envelope),
    });
    await relay.drain();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await count(dataSource, 'fingerprint_enrollment')).toBe(expected.valid);
    expect(await count(dataSource, 'fingerprint_finger')).toBe(expected.fingers);
    expect(await relay.backlog()).toBe(0);
    const recordIds = seen.map((e) => e.key);
    expect(new Set(recordIds).size).toBe(expected.valid);
    expect(recordIds).toHaveLength(expected.valid);
    await bus.close();
  });
});
