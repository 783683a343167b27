import { verifyAuditChain } from '@mosaic/audit-data';
import { TravelRetention } from '@mosaic/travel-data';
import { retentionCommand } from '../../../apps/cli/src/retention/retention.command';
import { startMosaicStack, type MosaicStack, type StackMode } from '../stack/mosaic-stack';
import { graphql } from '../security/security-client';

/**
 * Retention end to end: travel records past their period are purged from the
 * travel database, and the tombstones carry the removal through identity (links,
 * persons) to the analysis read model, while the other sources' records stay.
 * Infra mode runs the operator's command (`mosaic retention purge`), audited;
 * embedded mode, whose PGlite folders only the running services may hold,
 * purges through the running travel service's database.
 */

const NOW = '2030-01-01T00:00:00Z';
/** Everything the synthetic population holds for travel is older than this. */
const TRAVEL_DAYS = '1';
/** The other sources keep everything (the longest period allowed). */
const KEEP_DAYS = '36500';

const count = async (stack: MosaicStack, db: keyof MosaicStack['databases'], sql: string) => {
  const [row] = (await stack.databases[db].query(sql)) as { n: number }[];
  return row?.n ?? 0;
};

async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export function describeRetention(mode: StackMode): void {
  describe(`retention across the databases (${mode})`, () => {
    let stack: MosaicStack;
    let mixed: { personId: string; seizureRecordId: string };
    let travelOnly: string[];
    let output = '';

    beforeAll(async () => {
      stack = await startMosaicStack({
        mode,
        persons: 60,
        seed: 7,
        overrides: { 'population.networkRate': '0.5', 'fingerprint.participation': '0.7' },
      });
      const [row] = (await stack.databases.identity.query(`
        SELECT t.person_id, s.record_id AS seizure
          FROM identity_record t JOIN identity_record s ON s.person_id = t.person_id
         WHERE t.source = 'travel' AND s.source = 'seizure'
         ORDER BY t.person_id LIMIT 1`)) as { person_id: string; seizure: string }[];
      if (!row) throw new Error('no person with travel and seizure records');
      mixed = { personId: row.person_id, seizureRecordId: row.seizure };
      travelOnly = (
        (await stack.databases.identity.query(`
          SELECT person_id FROM identity_record GROUP BY person_id
          HAVING bool_and(source = 'travel')`)) as { person_id: string }[]
      ).map((r) => r.person_id);
      expect(travelOnly.length).toBeGreaterThan(0);

      if (mode === 'infra') {
        await retentionCommand({
          env: {
            ...stack.env,
            MOSAIC_RETENTION_TRAVEL_DAYS: TRAVEL_DAYS,
            MOSAIC_RETENTION_SEIZURE_DAYS: KEEP_DAYS,
            MOSAIC_RETENTION_FINGERPRINT_DAYS: KEEP_DAYS,
          },
          stdout: (text) => (output += text),
          stderr: () => undefined,
        })
          .exitOverride()
          .parseAsync(['purge', '--now', NOW, '--no-progress'], { from: 'user' });
      } else {
        await new TravelRetention(stack.databases.travel).purgeExpired({
          now: new Date(NOW),
          retentionDays: Number(TRAVEL_DAYS),
          batchSize: 50,
        });
      }
    }, 600_000);

    afterAll(async () => {
      await stack?.close();
    }, 120_000);

    it('empties the travel database and keeps the other sources', async () => {
      expect(await count(stack, 'travel', 'SELECT count(*)::int AS n FROM travel_encounter')).toBe(
        0,
      );
      expect(
        await count(stack, 'seizure', 'SELECT count(*)::int AS n FROM seizure_subject'),
      ).toBeGreaterThan(0);
    });

    it('removes the travel records from identity: travel-only persons are PURGED, mixed ones keep the rest', async () => {
      await eventually(
        async () =>
          (await count(
            stack,
            'identity',
            `SELECT count(*)::int AS n FROM identity_record WHERE source = 'travel'`,
          )) === 0,
        'identity to remove every travel record',
      );
      const statuses = (await stack.databases.identity.query(
        `SELECT DISTINCT status FROM person WHERE id = ANY($1)`,
        [travelOnly],
      )) as { status: string }[];
      expect(statuses.map((s) => s.status)).toEqual(['PURGED']);
      const token = await stack.token('analyst.ann', ['ANALYST']);
      const exchange = await graphql(
        stack.gatewayUrl,
        `
          query ($id: ID!) {
            person(id: $id) {
              status
              records {
                source
                recordId
              }
            }
          }
        `,
        { token, variables: { id: mixed.personId } },
      );
      expect(exchange.errors).toBeUndefined();
      const person = exchange.data?.['person'] as {
        status: string;
        records: { source: string; recordId: string }[];
      };
      expect(person.records.map((r) => r.source)).not.toContain('TRAVEL');
      expect(person.records.map((r) => r.recordId)).toContain(mixed.seizureRecordId);
    });

    it('removes them from the analysis read model', async () => {
      await eventually(
        async () =>
          (await count(
            stack,
            'analysis',
            `SELECT count(*)::int AS n FROM analysis_membership WHERE record_key LIKE 'travel:%'`,
          )) === 0,
        'the read model to drop the travel records',
      );
      expect(
        await count(
          stack,
          'analysis',
          `SELECT count(*)::int AS n FROM analysis_record WHERE key LIKE 'travel:%'`,
        ),
      ).toBe(0);
    });

    if (mode === 'infra') {
      it('the operator command audits each source it purged, in an intact chain', async () => {
        expect(output).toMatch(/travel/);
        const rows = (await stack.databases.audit.query(
          `SELECT outcome, detail FROM audit_entry WHERE operation_name = 'retention.purge'`,
        )) as { outcome: string; detail: string }[];
        expect(rows).toHaveLength(3);
        expect(rows.every((r) => r.outcome === 'OK')).toBe(true);
        expect(await verifyAuditChain(stack.databases.audit)).toMatchObject({ ok: true });
      });
    }
  });
}
