import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import {
  DEFAULT_RETENTION_DAYS,
  isExpired,
  purgeInBatches,
  RETENTION_TOMBSTONE_TOPIC,
  retentionCutoff,
  retentionPolicyFromEnv,
  retentionTombstoneEventSchema,
  retentionTombstones,
} from '..';

describe('retention policy', () => {
  it('defaults every source when nothing is configured', () => {
    expect(retentionPolicyFromEnv({})).toEqual({ travel: 1095, seizure: 3650, fingerprint: 3650 });
    expect(retentionPolicyFromEnv({ MOSAIC_RETENTION_TRAVEL_DAYS: '  ' })).toEqual(
      DEFAULT_RETENTION_DAYS,
    );
  });

  it('takes each source period from its own variable', () => {
    expect(
      retentionPolicyFromEnv({
        MOSAIC_RETENTION_TRAVEL_DAYS: '30',
        MOSAIC_RETENTION_FINGERPRINT_DAYS: '1826',
      }),
    ).toEqual({ travel: 30, seizure: 3650, fingerprint: 1826 });
  });

  it.each([
    ['MOSAIC_RETENTION_TRAVEL_DAYS', '0'],
    ['MOSAIC_RETENTION_SEIZURE_DAYS', '-5'],
    ['MOSAIC_RETENTION_SEIZURE_DAYS', '2.5'],
    ['MOSAIC_RETENTION_FINGERPRINT_DAYS', 'ten years'],
    ['MOSAIC_RETENTION_FINGERPRINT_DAYS', '36501'],
  ])('refuses %s=%s, naming the variable', (variable, value) => {
    expect(() => retentionPolicyFromEnv({ [variable]: value })).toThrow(
      expect.objectContaining({ code: 'INVALID_RETENTION_CONFIG', variable }),
    );
  });

  it('expires a record only once it is more than the period old (24-hour days, UTC)', () => {
    const now = new Date('2026-03-01T12:00:00Z');
    // 2024 is a leap year: 730 days of 24 hours before now is 2024-03-01T12:00Z, not 03-02.
    expect(retentionCutoff(now, 730).toISOString()).toBe('2024-03-01T12:00:00.000Z');
    expect(isExpired(new Date('2024-03-01T12:00:00Z'), now, 730)).toBe(false);
    expect(isExpired(new Date('2024-03-01T11:59:59.999Z'), now, 730)).toBe(true);
  });
});

describe('retention tombstones', () => {
  const purge = {
    purgedAt: new Date('2026-01-01T00:00:00Z'),
    cutoff: new Date('2023-01-02T00:00:00Z'),
    retentionDays: 1095,
  };

  it('name the record, the purge and the events that had carried the record', () => {
    const [event] = retentionTombstones(
      'seizure',
      [
        {
          recordType: 'SUBJECT',
          recordId: 'SS-000123',
          sourceEventIds: ['0190a6b2-3c4d-7e5f-8a9b-0c1d2e3f4a5b'],
        },
      ],
      purge,
    );
    expect(event).toEqual({
      topic: RETENTION_TOMBSTONE_TOPIC,
      type: 'retention.record.purged',
      source: 'seizure',
      key: 'seizure:SS-000123',
      payload: {
        source: 'seizure',
        recordType: 'SUBJECT',
        recordId: 'SS-000123',
        purgedAt: '2026-01-01T00:00:00.000Z',
        cutoff: '2023-01-02T00:00:00.000Z',
        retentionDays: 1095,
        reason: 'RETENTION_PERIOD_EXPIRED',
        sourceEventIds: ['0190a6b2-3c4d-7e5f-8a9b-0c1d2e3f4a5b'],
      },
    });
    expect(retentionTombstoneEventSchema.parse(event?.payload)).toEqual(event?.payload);
  });

  it('match the committed schema file (regenerate it with the schema printer if not)', () => {
    const committed = readFileSync(
      join(resolve(__dirname, '../../../..'), 'schema/events', `${RETENTION_TOMBSTONE_TOPIC}.json`),
      'utf8',
    );
    const rendered = {
      $id: `https://mosaic.invalid/schema/events/${RETENTION_TOMBSTONE_TOPIC}.json`,
      title: RETENTION_TOMBSTONE_TOPIC,
      ...z.toJSONSchema(retentionTombstoneEventSchema, {
        target: 'draft-2020-12',
        io: 'input',
        unrepresentable: 'any',
      }),
    };
    expect(committed).toBe(JSON.stringify(rendered, null, 2) + '\n');
  });
});

describe('purgeInBatches', () => {
  it('runs batches until one removes nothing, adding up what each removed', async () => {
    const left = [4, 4, 2];
    const seen: number[] = [];
    const report = await purgeInBatches(
      {
        now: new Date('2026-01-01T00:00:00Z'),
        retentionDays: 10,
        batchSize: 4,
        onBatch: (p) => seen.push(p.done),
      },
      async (cutoff, limit) => {
        expect(cutoff.toISOString()).toBe('2025-12-22T00:00:00.000Z');
        const n = Math.min(limit, left.shift() ?? 0);
        return { records: n, removed: { ENCOUNTER: n }, tombstones: n, outboxEventsDeleted: n };
      },
    );
    expect(seen).toEqual([4, 8, 10]);
    expect(report).toMatchObject({ removed: { ENCOUNTER: 10 }, tombstones: 10, batches: 3 });
  });
});
