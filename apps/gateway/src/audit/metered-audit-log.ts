import { AuditLog, type AuditEntry, type AuditRecordInput } from '@mosaic/audit-data';
import type { ServiceMetrics } from '@mosaic/service-kit';
import { Counter, Histogram } from 'prom-client';
import type { DataSource } from 'typeorm';

/**
 * The audit log with its appends counted and timed for /metrics:
 * `mosaic_audit_appends_total{outcome}` (committed, failed) and
 * `mosaic_audit_append_duration_seconds` (from the call to the commit,
 * group-commit wait included).
 */
export class MeteredAuditLog extends AuditLog {
  private readonly appends: Counter<'outcome'>;
  private readonly duration: Histogram;

  constructor(dataSource: DataSource, metrics: ServiceMetrics) {
    super(dataSource);
    const registers = [metrics.registry];
    this.appends = new Counter({
      name: 'mosaic_audit_appends_total',
      help: 'Audit log appends, by outcome: committed (durable and chained) or failed (the request was refused).',
      labelNames: ['outcome'],
      registers,
    });
    this.duration = new Histogram({
      name: 'mosaic_audit_append_duration_seconds',
      help: 'Time from an audit append to its commit, waiting for a group commit included.',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    });
  }

  override async append(input: AuditRecordInput): Promise<AuditEntry> {
    const began = process.hrtime.bigint();
    try {
      const entry = await super.append(input);
      this.appends.inc({ outcome: 'committed' });
      return entry;
    } catch (error) {
      this.appends.inc({ outcome: 'failed' });
      throw error;
    } finally {
      this.duration.observe(Number(process.hrtime.bigint() - began) / 1e9);
    }
  }
}
