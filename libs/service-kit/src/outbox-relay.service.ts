import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { EventBus } from '@mosaic/event-bus';
import { OutboxRelay } from '@mosaic/outbox';
import type { DataSource } from 'typeorm';
import { logger } from './observability/logging';
import { EVENT_BUS, SERVICE_CONFIG, SERVICE_DATA_SOURCE } from './tokens';
import type { ServiceConfig } from '@mosaic/config';

/** Runs the service's outbox relay for the life of the app: its database → the bus of its mode. */
@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, OnModuleDestroy {
  readonly relay: OutboxRelay;

  constructor(
    @Inject(SERVICE_DATA_SOURCE) dataSource: DataSource,
    @Inject(EVENT_BUS) bus: EventBus,
    @Inject(SERVICE_CONFIG) config: ServiceConfig<unknown>,
  ) {
    this.relay = new OutboxRelay(dataSource, bus, {
      onError: (error) =>
        logger.error(
          { service: config.service, err: error },
          'outbox relay round failed; retrying',
        ),
    });
  }

  onApplicationBootstrap(): void {
    this.relay.start();
  }

  // Before the database closes (that happens in onApplicationShutdown).
  async onModuleDestroy(): Promise<void> {
    await this.relay.stop();
  }
}
