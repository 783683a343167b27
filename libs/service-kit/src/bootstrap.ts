import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { ServiceConfig } from '@mosaic/config';
import { ConfigValidationError, redactConfig } from '@mosaic/config';
import { logger, PinoNestLogger, serviceLogger } from './observability/logging';

export interface RunningService {
  app: INestApplication;
  url: string;
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
