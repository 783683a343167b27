import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Server } from 'node:http';
import type { ServiceConfig } from '@mosaic/config';
import { ConfigValidationError, redactConfig } from '@mosaic/config';
import { logger, PinoNestLogger, serviceLogger } from './observability/logging';

export interface RunningService {
  app: INestApplication;
  url: string;
}

/**
 * How long an idle keep-alive connection stays open. The gateway pools its
 * connections to the subgraphs; Node's 5 s default closes them so soon that
 * a reuse races the close (the gateway sees ECONNRESET). A minute, with the
 * header timeout just above it, as Node's documentation advises.
 */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

export function keepConnectionsAlive(app: INestApplication): void {
  const server = app.getHttpServer() as Server;
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;
}

/** Starts one service's HTTP server on its configured host and port. */
export async function startService(
  module: Type<unknown> | DynamicModule,
  config: ServiceConfig<unknown>,
): Promise<RunningService> {
  // Nest's own messages go through pino too: JSON lines at the service's level.
  const app = await NestFactory.create(module, {
    logger: new PinoNestLogger(serviceLogger(config.service, config.logLevel)),
  });
  app.enableShutdownHooks();
  keepConnectionsAlive(app);
  await app.listen(config.port, config.host);
  const url = `http://${config.host}:${config.port}`;
  logger.info(
    { config: redactConfig(config) },
    `${config.service} listening on ${url} (${config.mode} mode)`,
  );
  return { app, url };
}

/** Entry point of a standalone service process: a bad config is printed plainly, not as a stack. */
export function runServiceMain(start: () => Promise<unknown>): void {
  start().catch((error: unknown) => {
    if (error instanceof ConfigValidationError) {
      logger.fatal({ issues: error.issues }, error.message);
    } else {
      logger.fatal({ err: error }, 'service failed to start');
    }
    process.exit(1);
  });
}
