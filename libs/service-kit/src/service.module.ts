import {
  Module,
  type DynamicModule,
  type MiddlewareConsumer,
  type NestModule,
  type OnApplicationShutdown,
  Inject,
  Optional,
} from '@nestjs/common';
import type { ServiceConfig } from '@mosaic/config';
import type { EventBus } from '@mosaic/event-bus';
import { openServiceDataSource } from '@mosaic/persistence';
import { createSearchClient, type SearchClient } from '@mosaic/search-engine';
import type { DataSource } from 'typeorm';
import { APP_FILTER } from '@nestjs/core';
import type { Logger } from 'pino';
import { HealthController } from './health.controller';
import { GraphQLHttpRefusalFilter } from './http-refusals';
import {
  MetricsController,
  registerEventBusMetrics,
  registerOutboxMetrics,
  requestLoggingMiddleware,
  serviceLogger,
  ServiceEventBus,
  ServiceMetrics,
} from './observability';
import { OutboxRelayService } from './outbox-relay.service';
import { eventBusFor } from './shared-bus';
import {
  EVENT_BUS,
  SEARCH_CLIENT,
  SERVICE_CONFIG,
  SERVICE_DATA_SOURCE,
  SERVICE_LOGGER,
  SERVICE_METRICS,
} from './tokens';

const OUTBOX_METRICS = Symbol('OUTBOX_METRICS');

/** Registers the platform's scrape-time metrics: the bus's lag and dead letters, the outbox backlog. */
class PlatformMetrics {
  constructor(
    @Inject(SERVICE_METRICS) metrics: ServiceMetrics,
    @Inject(SERVICE_LOGGER) log: Logger,
    @Inject(OUTBOX_METRICS) outbox: boolean,
    @Optional() @Inject(SERVICE_DATA_SOURCE) dataSource?: DataSource,
    @Optional() @Inject(EVENT_BUS) bus?: EventBus,
  ) {
    if (bus instanceof ServiceEventBus) registerEventBusMetrics(metrics, bus, log);
    if (outbox && dataSource) registerOutboxMetrics(metrics, dataSource, log);
  }
}

export interface ServiceModuleOptions {
  config: ServiceConfig<unknown>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities?: Function[];
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations?: Function[];
  /** Run the transactional-outbox relay (services that publish events). */
  outbox?: boolean;
}

class ServiceLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig<unknown>,
    @Optional() @Inject(SERVICE_DATA_SOURCE) private readonly dataSource?: DataSource,
    @Optional() @Inject(EVENT_BUS) private readonly bus?: EventBus,
    @Optional() @Inject(SEARCH_CLIENT) private readonly search?: SearchClient,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource?.isInitialized) await this.dataSource.destroy();
    await this.search?.close();
    // The embedded bus is shared by every service in the process; its owner closes it.
    if (this.config.bus?.kind === 'kafka') await this.bus?.close();
  }
}

/**
 * The platform under every Mosaic service: its validated config, its own
 * database (migrated at boot), the event bus for its mode, the search engine
 * client in infra mode, and `/health`.
 */
@Module({})
export class ServiceModule implements NestModule {
  constructor(@Inject(SERVICE_LOGGER) private readonly log: Logger) {}

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(requestLoggingMiddleware(this.log)).forRoutes('*');
  }

  static forRoot(options: ServiceModuleOptions): DynamicModule {
    const { config } = options;
    const providers: DynamicModule['providers'] = [
      { provide: SERVICE_CONFIG, useValue: config },
      { provide: SERVICE_LOGGER, useValue: serviceLogger(config.service, config.logLevel) },
      { provide: SERVICE_METRICS, useValue: new ServiceMetrics(config.service) },
      { provide: OUTBOX_METRICS, useValue: Boolean(options.outbox) },
      ServiceLifecycle,
      // A refusal before GraphQL runs (body too large, not JSON) still answers as a GraphQL error.
      { provide: APP_FILTER, useClass: GraphQLHttpRefusalFilter },
    ];
    if (config.database) {
      const database = config.database;
      providers.push({
        provide: SERVICE_DATA_SOURCE,
        useFactory: () =>
          openServiceDataSource({
            database,
            entities: options.entities ?? [],
            migrations: options.migrations ?? [],
            // Named in the lock another process trips over (embedded mode).
            holder: `${config.service} service`,
          }),
      });
    }
    if (config.bus) {
      const bus = config.bus;
      providers.push({
        provide: EVENT_BUS,
        useFactory: () => new ServiceEventBus(eventBusFor(bus)),
      });
    }
    if (options.outbox && config.database && config.bus) providers.push(OutboxRelayService);
    if (config.search?.kind === 'engine') {
      const url = config.search.url;
      providers.push({ provide: SEARCH_CLIENT, useFactory: () => createSearchClient(url) });
    }
    // Last: it reads the bus and the database the providers above open.
    providers.push(PlatformMetrics);
    return {
      module: ServiceModule,
      global: true,
      controllers: [HealthController, MetricsController],
      providers,
      exports: providers.filter(
        (p) =>
          typeof p === 'object' &&
          'provide' in p &&
          p.provide !== APP_FILTER &&
          p.provide !== OUTBOX_METRICS,
      ),
    };
  }
}
