import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import {
  SERVICE_DATA_SOURCE,
  SERVICE_LOGGER,
  SERVICE_METRICS,
  type ServiceMetrics,
} from '@mosaic/service-kit';
import type { Logger } from 'pino';
import { Counter } from 'prom-client';
import type { DataSource } from 'typeorm';

/** At most this many new decisions are counted per scrape; the rest wait for the next one. */
const DECISIONS_PER_SCRAPE = 100_000;

/**
 * `mosaic_resolution_decisions_total{outcome, evidence_profile}`: link
 * decisions stored since this process started, read at scrape time from
 * `link_decision` past the last id counted (ids are UUIDv7, so they grow with
 * time). Read from the table rather than counted in the resolver so that every
 * decision counts once, whichever path wrote it, and the resolver stays free
 * of metrics code.
 */
@Injectable()
export class ResolutionMetrics implements OnApplicationBootstrap {
  private counted: string | null | undefined;

  constructor(
    @Inject(SERVICE_METRICS) metrics: ServiceMetrics,
    @Inject(SERVICE_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(SERVICE_LOGGER) private readonly log: Logger,
  ) {
    const newDecisions = () => this.newDecisions();
    new Counter({
      name: 'mosaic_resolution_decisions_total',
      help: 'Link decisions made, by outcome (AUTO_LINK, REVIEW, NO_LINK; blocked AUTO_LINKs as AUTO_LINK_BLOCKED) and evidence profile.',
      labelNames: ['outcome', 'evidence_profile'],
      registers: [metrics.registry],
      async collect() {
        for (const row of await newDecisions()) {
          this.inc({ outcome: row.outcome, evidence_profile: row.profile }, row.n);
        }
      },
    });
  }

  /** The count starts at boot: decisions stored by earlier processes are not counted again. */
  async onApplicationBootstrap(): Promise<void> {
    await this.start();
  }

  private async start(): Promise<void> {
    const [last] = (await this.dataSource.query(
      'SELECT id::text AS id FROM link_decision ORDER BY id DESC LIMIT 1',
    )) as { id: string }[];
    this.counted = last?.id ?? null;
  }

  private async newDecisions(): Promise<{ outcome: string; profile: string; n: number }[]> {
    try {
      if (this.counted === undefined) {
        await this.start();
        return [];
      }
      const rows = (await this.dataSource.query(
        `WITH fresh AS (
           SELECT id, outcome, blocked, profile FROM link_decision
            WHERE ($1::uuid IS NULL OR id > $1::uuid) ORDER BY id LIMIT ${DECISIONS_PER_SCRAPE})
         SELECT CASE WHEN blocked THEN outcome || '_BLOCKED' ELSE outcome END AS outcome,
                profile, count(*)::int AS n, max(id::text) AS last
           FROM fresh GROUP BY 1, 2`,
        [this.counted],
      )) as { outcome: string; profile: string; n: number; last: string }[];
      for (const row of rows) {
        if (this.counted === null || row.last > this.counted) this.counted = row.last;
      }
      return rows.map((r) => ({ outcome: r.outcome, profile: r.profile, n: Number(r.n) }));
    } catch (error) {
      this.log.warn({ err: error }, 'resolution decisions not counted this scrape');
      return [];
    }
  }
}
