import { timingSafeEqual } from 'node:crypto';
import { Controller, Get, Headers, HttpStatus, Inject, Res } from '@nestjs/common';
import type { ServiceConfig } from '@mosaic/config';
import type { Response } from 'express';
import { SERVICE_CONFIG, SERVICE_METRICS } from '../tokens';
import type { ServiceMetrics } from './metrics';

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * `/metrics`: the service's registry in Prometheus' text format. With
 * MOSAIC_METRICS_TOKEN set, only a scrape carrying `Authorization: Bearer
 * <token>` is answered (401 otherwise).
 */
@Controller('metrics')
export class MetricsController {
  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig<unknown>,
    @Inject(SERVICE_METRICS) private readonly metrics: ServiceMetrics,
  ) {}

  @Get()
  async scrape(
    @Headers('authorization') authorization: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    const token = this.config.metricsToken;
    if (token && !sameToken(authorization ?? '', `Bearer ${token}`)) {
      res.status(HttpStatus.UNAUTHORIZED).type('text/plain').send('metrics token required\n');
      return;
    }
    res
      .status(HttpStatus.OK)
      .type(this.metrics.registry.contentType)
      .send(await this.metrics.text());
  }
}
