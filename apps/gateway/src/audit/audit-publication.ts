import { dirname } from 'node:path';
import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import {
  appendPublishedEvents,
  AUDIT_EVENT_KEY,
  AUDIT_HEAD_EVENT,
  AUDIT_HEAD_TOPIC,
  AUDIT_PUBLISHED_TOPICS,
  auditHeadEventSchema,
  auditPublishedFile,
  readPublishedFile,
  readPublishedTopics,
  type AuditLog,
  type PublishedEvent,
} from '@mosaic/audit-data';
import { createEnvelope, type EventBus, type Subscription } from '@mosaic/event-bus';
import { EVENT_BUS, logger, SERVICE_CONFIG } from '@mosaic/service-kit';
import type { GatewayConfig } from '../config/gateway.config';
import { AUDIT_LOG } from './audit-gateway.tokens';

/** Where the audit log's published copy is read from, for reconciliation. */
export type PublishedCopy = () => AsyncIterable<PublishedEvent>;

/**
 * The published copy of this gateway's audit log: in infra mode the Kafka
 * topics themselves; in embedded mode the NDJSON file beside the databases
 * that AuditPublication appends to. Null without a bus (nothing is published).
 */
export function publishedCopyOf(config: GatewayConfig): PublishedCopy | null {
  const { bus, database } = config;
  if (bus?.kind === 'kafka') return () => readPublishedTopics({ brokers: bus.brokers });
  if (bus?.kind === 'in-process' && database?.kind === 'pglite') {
    const file = auditPublishedFile(dirname(database.dataDir));
    return () => readPublishedFile(file);
  }
  return null;
}

/**
 * What the gateway publishes about its audit log besides the entries the
 * outbox relay sends on audit.access.v1:
 *
 * - every MOSAIC_GATEWAY_AUDIT_HEAD_INTERVAL_MS, the chain's head on
 *   audit.head.v1 when it moved, straight on the bus: deleting outbox rows
 *   cannot hold it back;
 * - in embedded mode, a copy of both topics appended to
 *   `<MOSAIC_DATA_DIR>/audit-published.ndjson`, since the in-process bus forgets
 *   everything when the process ends. In infra mode the topics are the copy.
 */
@Injectable()
export class AuditPublication implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;
  private copy: Subscription | null = null;
  private lastHead: string | null = null;
  private publishing: Promise<void> = Promise.resolve();

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: GatewayConfig,
    @Inject(AUDIT_LOG) private readonly auditLog: AuditLog,
    @Inject(EVENT_BUS) private readonly bus: EventBus,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { bus, database } = this.config;
    if (bus?.kind === 'in-process' && database?.kind === 'pglite') {
      const file = auditPublishedFile(dirname(database.dataDir));
      this.copy = await this.bus.subscribe({
        // One group per file: several gateways in one process (tests) keep separate copies.
        groupId: `mosaic-audit-published-copy:${file}`,
        topics: [...AUDIT_PUBLISHED_TOPICS],
        fromBeginning: true,
        batchHandler: (events) =>
          appendPublishedEvents(
            file,
            events.map((e) => ({ topic: e.topic, envelope: e.envelope })),
          ),
      });
    }
    await this.publishHead();
    const every = this.config.extra.MOSAIC_GATEWAY_AUDIT_HEAD_INTERVAL_MS;
    this.timer = setInterval(() => void this.publishHead(), every);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.publishing;
    await this.copy?.close();
  }

  /** Publishes the head if it moved since the last one; a failure is logged and retried next time. */
  publishHead(): Promise<void> {
    this.publishing = this.publishing.then(async () => {
      try {
        const head = await this.auditLog.headCheckpoint();
        if (!head || `${head.sequence} ${head.hash}` === this.lastHead) return;
        const payload = auditHeadEventSchema.parse({ ...head, at: new Date().toISOString() });
        await this.bus.publish(AUDIT_HEAD_TOPIC, [
          createEnvelope({
            type: AUDIT_HEAD_EVENT,
            source: 'audit',
            key: AUDIT_EVENT_KEY,
            payload,
          }),
        ]);
        this.lastHead = `${head.sequence} ${head.hash}`;
      } catch (error) {
        logger.warn({ err: error }, 'audit head checkpoint not published; retrying next interval');
      }
    });
    return this.publishing;
  }
}
