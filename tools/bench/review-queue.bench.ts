// The review queue's read cost (issue 18 target: a page of 50 at p99 ≤ 100 ms
// at 100k persons), embedded (PGlite in a temporary folder) and infra (a
// throwaway database on the machine's PostgreSQL). The identity tables are
// filled straight with SQL, not by resolving a synthetic population: what is
// measured is the queue query over persons, records, decisions and open
// items of that size, not resolution. Each sample reads one page through
// ReviewQueueService (the resolver's own path: ranking again the items whose
// persons changed since the last read, then an index range scan on the stored
// rank from a keyset cursor), the first page or one further on, against a
// baseline on the same database: the oldest 50 open items by the pending
// index, with no priority at all. A tenth of the samples follow a change to
// one person (a record added), so the re-ranking path is measured too.
import type { DataSource } from 'typeorm';
import {
  identityEntities,
  identityMigrations,
  seedResolutionVersions,
} from '@mosaic/identity-data';
import { openServiceDataSource } from '@mosaic/persistence';
import { ReviewQueueService } from '../../apps/identity/src/review/review-queue.service';
import { benchDatabase, percentile } from './bench-support';

export type ReviewQueueBenchMode = 'embedded' | 'infra';

export interface ReviewQueueBenchOptions {
  modes: ReviewQueueBenchMode[];
  persons: number;
  /** Open review items per person (0.3: 30k open items at 100k persons). */
  itemsPerPerson: number;
  /** Pages read per pattern. */
  samples: number;
  workDir: string;
}

export interface ReviewQueueBenchRow {
  mode: ReviewQueueBenchMode;
  persons: number;
  records: number;
  openItems: number;
  pageSize: number;
  samples: number;
  queue: { p50: number; p95: number; p99: number; max: number };
  baseline: { p50: number; p95: number; p99: number; max: number };
  seedSeconds: number;
}

const PAGE = 50;
const round1 = (n: number) => Math.round((Number.isNaN(n) ? 0 : n) * 10) / 10;

function latency(ms: number[]) {
  const sorted = [...ms].sort((a, b) => a - b);
  return {
    p50: round1(percentile(sorted, 50)),
    p95: round1(percentile(sorted, 95)),
    p99: round1(percentile(sorted, 99)),
    max: round1(percentile(sorted, 100)),
  };
}

/**
 * Persons of 1–3 records (2 on average), REVIEW decisions between records of
 * neighbouring persons with an open item each, ages spread over 30 days, and
 * a pending verification request on 1% of the persons.
 */
export async function seedReviewPopulation(
  db: DataSource,
  persons: number,
  items: number,
): Promise<number> {
  await seedResolutionVersions(db);
  const chunk = 20_000;
  for (let from = 0; from < persons; from += chunk) {
    const to = Math.min(persons, from + chunk) - 1;
    await db.query(
      `INSERT INTO person (id, sequence, created_at, updated_at)
       SELECT ('00000000-0000-7000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, i,
              now() - interval '40 days', now() - interval '1 day'
         FROM generate_series($1::int, $2::int) AS i`,
      [from, to],
    );
    await db.query(
      `INSERT INTO identity_record (key, source, record_id, person_id, observed_at, biographic, event_id)
       SELECT 'travel:B' || i || '-' || j, 'travel', 'B' || i || '-' || j,
              ('00000000-0000-7000-8000-' || lpad(to_hex(i), 12, '0'))::uuid,
              now() - (i % 1000) * interval '1 hour',
              jsonb_build_object('key', 'travel:B' || i || '-' || j, 'source', 'travel',
                                 'recordId', 'B' || i || '-' || j, 'givenNames', 'Ana',
                                 'surname', 'S' || (i % 5000), 'dateOfBirth', '1990-01-01',
                                 'documents', '[]'::jsonb, 'phones', '[]'::jsonb,
                                 'addresses', '[]'::jsonb, 'vehicles', '[]'::jsonb),
              ('00000000-0000-7000-9000-' || lpad(to_hex(i * 4 + j), 12, '0'))::uuid
         FROM generate_series($1::int, $2::int) AS i, generate_series(0, 2) AS j
        WHERE j <= i % 3`,
      [from, to],
    );
  }
  for (let from = 0; from < items; from += chunk) {
    const to = Math.min(items, from + chunk) - 1;
    // Item k joins person p = k mod (persons-1) and p+1, record j = k div persons.
    await db.query(
      `WITH k AS (
         SELECT k, k % ($3::int - 1) AS p,
                ('00000000-0000-7000-a000-' || lpad(to_hex(k), 12, '0'))::uuid AS id
           FROM generate_series($1::int, $2::int) AS k)
       INSERT INTO link_decision (id, a_key, b_key, outcome, llr, biometric_llr, probability, profile,
                                  thresholds, contributions, biometrics, model_version, threshold_version)
       SELECT id, 'travel:B' || p || '-0', 'travel:B' || (p + 1) || '-0', 'REVIEW',
              6 + (k % 97) / 10.0, 0, 0.99, 'biographic',
              '{"autoLink": null, "review": 6, "biometric": null}'::jsonb,
              '[{"kind": "PRIOR", "name": "candidate prior", "detail": "", "weight": -4}]'::jsonb,
              '[]'::jsonb, 'test-model', 'test-thresholds'
         FROM k`,
      [from, to, persons],
    );
    await db.query(
      `INSERT INTO review_item (decision_id, a_key, b_key, created_at)
       SELECT d.id, d.a_key, d.b_key,
              now() - ((('x' || substr(md5(d.id::text), 1, 8))::bit(32)::int & 2147483647) % 2592000) * interval '1 second'
         FROM link_decision d
        WHERE d.id BETWEEN ('00000000-0000-7000-a000-' || lpad(to_hex($1::int), 12, '0'))::uuid
                       AND ('00000000-0000-7000-a000-' || lpad(to_hex($2::int), 12, '0'))::uuid`,
      [from, to],
    );
  }
  await db.query(
    `INSERT INTO verification_request (id, target, probe_key, person_id, requested_by, purpose, case_number,
                                       requested_at)
     SELECT ('00000000-0000-7000-b000-' || lpad(to_hex(i), 12, '0'))::uuid, 'IDENTIFICATION',
            'travel:PROBE' || i, ('00000000-0000-7000-8000-' || lpad(to_hex(i), 12, '0'))::uuid,
            'bench.officer', 'IDENTITY_VERIFICATION', 'CASE-2026-000001', now() - interval '1 day'
       FROM generate_series(0, $1::int - 1, 100) AS i`,
    [persons],
  );
  await db.query('ANALYZE');
  const [row] = (await db.query('SELECT count(*)::int AS n FROM identity_record')) as {
    n: number;
  }[];
  return Number(row?.n ?? 0);
}

async function benchMode(
  mode: ReviewQueueBenchMode,
  options: ReviewQueueBenchOptions,
  log: (line: string) => void,
): Promise<ReviewQueueBenchRow> {
  const { database, cleanup } = await benchDatabase(mode, 'review', options.workDir);
  let db: DataSource | null = null;
  try {
    db = await openServiceDataSource({
      database,
      entities: identityEntities,
      migrations: identityMigrations,
    });
    const items = Math.round(options.persons * options.itemsPerPerson);
    const started = process.hrtime.bigint();
    const records = await seedReviewPopulation(db, options.persons, items);
    const seedSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    log(
      `review queue: ${mode}: ${options.persons} persons, ${records} records, ${items} open items seeded in ${seedSeconds.toFixed(1)} s`,
    );
    const queue = new ReviewQueueService(db, () => new Date());
    const actor = {
      user: 'bench.reviewer',
      roles: ['REVIEWER' as const],
      purpose: 'DATA_QUALITY' as const,
      caseNumber: 'CASE-2026-000001',
    };
    const filter = {
      states: ['PENDING' as const, 'ESCALATED' as const],
      profile: null,
      officerWaiting: null,
      claimableOnly: true,
    };
    const queueMs: number[] = [];
    const baselineMs: number[] = [];
    const time = async (run: () => Promise<unknown>) => {
      const t = process.hrtime.bigint();
      await run();
      return Number(process.hrtime.bigint() - t) / 1e6;
    };
    // Warm-up, unmeasured: the first page ranks every item (as after a bulk load), then caches.
    for (let i = 0; i < 3; i++) await queue.page(actor, filter, PAGE, null);
    let cursor: string | null = null;
    for (let i = 0; i < options.samples; i++) {
      if (i % 10 === 5) {
        // A record resolved into one person meanwhile: its items are ranked again on this read.
        const p = (i * 7919) % options.persons;
        await db.query(
          `INSERT INTO identity_record (key, source, record_id, person_id, observed_at, biographic, event_id)
           SELECT 'travel:X' || $2, 'travel', 'X' || $2, person_id, observed_at, biographic,
                  gen_random_uuid()
             FROM identity_record WHERE key = $1`,
          [`travel:B${p}-0`, i],
        );
        await db.query(
          "UPDATE person SET updated_at = now() WHERE id = ('00000000-0000-7000-8000-' || lpad(to_hex($1::int), 12, '0'))::uuid",
          [p],
        );
      }
      // Alternate which goes first, so other work on the machine weighs on both alike.
      const measureQueue = async () => {
        let next: string | null = null;
        queueMs.push(
          await time(async () => {
            const page = await queue.page(actor, filter, PAGE, i % 4 === 0 ? null : cursor);
            next = page.hasNextPage ? (page.cursors.at(-1) ?? null) : null;
          }),
        );
        cursor = next;
      };
      const measureBaseline = async () => {
        baselineMs.push(
          await time(() =>
            (db as DataSource).query(
              "SELECT decision_id, a_key, b_key, created_at FROM review_item WHERE state = 'PENDING' ORDER BY created_at LIMIT 50",
            ),
          ),
        );
      };
      if (i % 2 === 0) {
        await measureQueue();
        await measureBaseline();
      } else {
        await measureBaseline();
        await measureQueue();
      }
    }
    return {
      mode,
      persons: options.persons,
      records,
      openItems: items,
      pageSize: PAGE,
      samples: options.samples,
      queue: latency(queueMs),
      baseline: latency(baselineMs),
      seedSeconds: Math.round(seedSeconds * 10) / 10,
    };
  } finally {
    if (db?.isInitialized) await db.destroy();
    await cleanup();
  }
}

export async function benchReviewQueue(
  options: ReviewQueueBenchOptions,
  log: (line: string) => void,
): Promise<ReviewQueueBenchRow[]> {
  const rows: ReviewQueueBenchRow[] = [];
  for (const mode of options.modes) rows.push(await benchMode(mode, options, log));
  return rows;
}

export function reviewQueueTable(rows: readonly ReviewQueueBenchRow[]): string {
  return [
    '| mode | persons | records | open items | page | samples | queue p50 (ms) | p95 | p99 | max | baseline: oldest 50, no priority p50 (ms) | p99 | queue / baseline p99 |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.mode} | ${r.persons.toLocaleString('en')} | ${r.records.toLocaleString('en')} | ${r.openItems.toLocaleString('en')} | ${r.pageSize} | ${r.samples} | ${r.queue.p50} | ${r.queue.p95} | ${r.queue.p99} | ${r.queue.max} | ${r.baseline.p50} | ${r.baseline.p99} | ${r.baseline.p99 > 0 ? Math.round((r.queue.p99 / r.baseline.p99) * 10) / 10 : '—'}× |`,
    ),
  ].join('\n');
}
