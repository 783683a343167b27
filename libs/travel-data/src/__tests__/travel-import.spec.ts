import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InProcessEventBus, type EventEnvelope } from '@mosaic/event-bus';
import { importNdjson, type RecordSink } from '@mosaic/ingest';
import { OutboxRelay } from '@mosaic/outbox';
import { createServiceDataSource } from '@mosaic/persistence';
import { generateBlocks, resolveSynthOptions } from '@mosaic/synth';
import { validateRecord } from '@mosaic/validation';
import type { DataSource, EntityManager } from 'typeorm';
import {
  TRAVEL_ENCOUNTER_TOPIC,
  TravelEncounterStore,
  travelEncounterSchema,
  travelEntities,
  travelMigrations,
  type TravelEncounterInput,
} from '..';

const validate = (value: unknown) => validateRecord(travelEncounterSchema, value);

async function openDatabase(): Promise<DataSource> {
  const dataSource = await createServiceDataSource({
    database: { kind: 'pglite', dataDir: 'memory://' },
    entities: travelEntities,
    migrations: travelMigrations,
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

/** Synthetic travel lines plus every kind of bad line the importer must survive. */
function importFile(): { lines: string[]; valid: number; bad: number } {
  const options = resolveSynthOptions({ persons: 150, seed: 11 });
  const records = [...generateBlocks(options)].flatMap((b) => b.travel);
  const good = records.map((r) => JSON.stringify(r));
  const base = records[0] as unknown as Record<string, unknown>;
  const bad = [
    '{"recordId": "TE-TRUNCATED", "port": ',
    'not json at all',
    JSON.stringify({ ...base, recordId: 'TE-NO-PORT', port: undefined }),
    JSON.stringify({ ...base, recordId: 'TE-BAD-DATE', encounteredAt: '2024-13-45T99:00:00Z' }),
    JSON.stringify({
      ...base,
      recordId: 'TE-BAD-COUNTRY',
      traveler: { ...(base['traveler'] as object), nationality: 'ZZZ' },
    }),
    JSON.stringify({
      ...base,
      recordId: 'TE-SHORT-TEMPLATE',
      face: {
        template: Buffer.alloc(256 * 4).toString('base64'),
        quality: 0.5,
        capturedAt: '2024-01-01T00:00:00Z',
      },
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
  return { lines, valid: good.length, bad: bad.length };
}

describe('travel bulk import (embedded PGlite)', () => {
  let dir: string;
  let dataSource: DataSource;
  let file: string;
  let expected: { valid: number; bad: number };
  let fileLines: string[];
  const sourceLine = (id: string) =>
    fileLines.find((l) => l.includes(`"recordId":"${id}"`)) as string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mosaic-import-'));
    const { lines, valid, bad } = importFile();
    expected = { valid, bad };
    fileLines = lines;
    file = join(dir, 'travel.ndjson');
    await writeFile(file, lines.join('\n'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));
  beforeEach(async () => {
    dataSource = await openDatabase();
  });
  afterEach(async () => dataSource.destroy());

  it('stores valid records with one event each, quarantines bad lines with field and reason, and goes on', async () => {
    const report = await importNdjson({
      dataSource,
      source: 'travel',
      file,
      validate,
      sink: new TravelEncounterStore(),
      batchSize: 50,
    });
    expect(report).toEqual({
      lines: expected.valid + expected.bad + 1,
      accepted: expected.valid,
      duplicates: 1,
      rejected: expected.bad,
    });
    expect(await count(dataSource, 'travel_encounter')).toBe(expected.valid);
    expect(await count(dataSource, 'outbox')).toBe(expected.valid);
    // Templates are stored as the exact float32 bytes that were sent.
    const [sample] = (await dataSource.query(
      'SELECT id, face_template FROM travel_encounter WHERE face_template IS NOT NULL ORDER BY id LIMIT 1',
    )) as { id: string; face_template: Uint8Array }[];
    const sent = (JSON.parse(sourceLine(sample?.id as string)) as { face: { template: string } })
      .face.template;
    expect(
      Buffer.from(sample?.face_template as Uint8Array).equals(Buffer.from(sent, 'base64')),
    ).toBe(true);

    const quarantined = (await dataSource.query(
      'SELECT raw, issues, line_number FROM quarantine ORDER BY line_number',
    )) as {
      raw: string;
      issues: { field: string; reason: string }[];
      line_number: number;
    }[];
    expect(quarantined).toHaveLength(expected.bad);
    const byRecord = (id: string) => quarantined.find((q) => q.raw.includes(`"${id}"`))?.issues;
    expect(quarantined[0]?.issues[0]).toEqual({
      field: '(line)',
      reason: expect.stringMatching(/malformed JSON/),
    });
    expect(quarantined[0]?.line_number).toBe(41);
    expect(byRecord('TE-NO-PORT')).toEqual([{ field: 'port', reason: 'is required' }]);
    expect(byRecord('TE-BAD-DATE')?.[0]?.field).toBe('encounteredAt');
    expect(byRecord('TE-BAD-COUNTRY')).toEqual([
      { field: 'traveler.nationality', reason: expect.stringMatching(/unknown country code/) },
    ]);
    expect(byRecord('TE-SHORT-TEMPLATE')).toEqual([
      { field: 'face.template', reason: expect.stringMatching(/512 float32 values/) },
    ]);
  });

  it('changes nothing and queues nothing when the same file is imported again', async () => {
    const sink = new TravelEncounterStore();
    await importNdjson({ dataSource, source: 'travel', file, validate, sink });
    const again = await importNdjson({ dataSource, source: 'travel', file, validate, sink });
    expect(again).toMatchObject({
      accepted: 0,
      duplicates: expected.valid + 1,
      rejected: expected.bad,
    });
    expect(await count(dataSource, 'travel_encounter')).toBe(expected.valid);
    expect(await count(dataSource, 'outbox')).toBe(expected.valid);
    expect(await count(dataSource, 'quarantine')).toBe(expected.bad);
  });

  it('after a crash mid-import, a rerun stores and publishes every valid record exactly once', async () => {
    const real = new TravelEncounterStore();
    let batches = 0;
    const crashing: RecordSink<TravelEncounterInput> = {
      async storeBatch(manager: EntityManager, records: readonly TravelEncounterInput[]) {
        batches += 1;
        const result = await real.storeBatch(manager, records);
        if (batches === 3) throw new Error('killed mid-batch');
        return result;
      },
    };
    await expect(
      importNdjson({ dataSource, source: 'travel', file, validate, sink: crashing, batchSize: 40 }),
    ).rejects.toThrow('killed');
    const partial = await count(dataSource, 'travel_encounter');
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(expected.valid);

    const bus = new InProcessEventBus();
    const relay = new OutboxRelay(dataSource, bus, { batchSize: 17 });
    await relay.drain();
    const rerun = await importNdjson({
      dataSource,
      source: 'travel',
      file,
      validate,
      sink: real,
      batchSize: 40,
    });
    expect(rerun.accepted).toBe(expected.valid - partial);

    const seen: EventEnvelope[] = [];
    await bus.subscribe({
      groupId: 'counter',
      topics: [TRAVEL_ENCOUNTER_TOPIC],
      fromBeginning: true,
      handler: async (e) => void seen.push(e.envelope),
    });
    await relay.drain();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await count(dataSource, 'travel_encounter')).toBe(expected.valid);
    expect(await relay.backlog()).toBe(0);
    const recordIds = seen.map((e) => e.key);
    expect(new Set(recordIds).size).toBe(expected.valid);
    expect(recordIds).toHaveLength(expected.valid);
    await bus.close();
  });
});
