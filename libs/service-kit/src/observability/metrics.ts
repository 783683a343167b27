import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** Seconds buckets for request durations: 5 ms to 30 s. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * Operation names are chosen by clients: past this many distinct names a
 * service reports further ones as `other`, so a client cannot grow the
 * series without bound.
 */
export const MAX_OPERATION_NAMES = 200;

const OPERATION_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,99}$/;

/**
 * One service's Prometheus registry and the families every service has.
 * A registry per service, not the process-wide default: embedded mode runs
 * every service in one process, each with its own /metrics.
 */
export class ServiceMetrics {
  readonly registry = new Registry();
  readonly graphqlRequests: Counter<'operation_name' | 'operation_type'>;
  readonly graphqlErrors: Counter<'operation_name' | 'code'>;
  readonly graphqlDuration: Histogram<'operation_name' | 'operation_type'>;
  private readonly operationNames = new Set<string>();

  constructor(readonly service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry, prefix: 'mosaic_' });
    const registers = [this.registry];
    this.graphqlRequests = new Counter({
      name: 'mosaic_graphql_requests_total',
      help: 'GraphQL operations received, by operation name and type.',
      labelNames: ['operation_name', 'operation_type'],
      registers,
    });
    this.graphqlErrors = new Counter({
      name: 'mosaic_graphql_errors_total',
      help: 'Errors in GraphQL responses, by operation name and extensions.code.',
      labelNames: ['operation_name', 'code'],
      registers,
    });
    this.graphqlDuration = new Histogram({
      name: 'mosaic_graphql_request_duration_seconds',
      help: 'Time from receiving a GraphQL operation to sending its response.',
      labelNames: ['operation_name', 'operation_type'],
      buckets: DURATION_BUCKETS,
      registers,
    });
  }

  /** The label for a client's operation name: anonymous, the name, or `other` past the cap. */
  operationLabel(name: string | null | undefined): string {
    if (!name) return 'anonymous';
    if (!OPERATION_NAME.test(name)) return 'other';
    if (this.operationNames.has(name)) return name;
    if (this.operationNames.size >= MAX_OPERATION_NAMES) return 'other';
    this.operationNames.add(name);
    return name;
  }

  /** The registry in Prometheus' text format. */
  async text(): Promise<string> {
    return this.registry.metrics();
  }
}
