import { Controller, Get, HttpStatus, Inject, Optional, Res } from '@nestjs/common';
import type { ServiceConfig } from '@mosaic/config';
import type { EventBus } from '@mosaic/event-bus';
import { pingSearchEngine, type SearchClient } from '@mosaic/search-engine';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import {
  EVENT_BUS,
  HEALTH_CHECKS,
  SEARCH_CLIENT,
  SERVICE_CONFIG,
  SERVICE_DATA_SOURCE,
} from './tokens';

export type CheckResult = { status: 'up' } | { status: 'down'; reason: string };

/** A dependency of one service beyond the platform ones, reported under `name` by `/health`. */
export interface HealthCheck {
  name: string;
  /** Resolves when the dependency answers; rejects with the reason it does not. */
  probe(): Promise<unknown>;
}

export interface HealthReport {
  status: 'ok' | 'unavailable';
  service: string;
  mode: string;
  checks: Record<string, CheckResult>;
}

async function check(probe: () => Promise<unknown>): Promise<CheckResult> {
  try {
    await probe();
    return { status: 'up' };
  } catch (error) {
    return { status: 'down', reason: error instanceof Error ? error.message : String(error) };
  }
}

/** `/health`: 200 when every dependency of this service answers, 503 naming the one that does not. */
@Controller('health')
export class HealthController {
  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig<unknown>,
    @Optional() @Inject(SERVICE_DATA_SOURCE) private readonly dataSource?: DataSource,
    @Optional() @Inject(EVENT_BUS) private readonly bus?: EventBus,
    @Optional() @Inject(SEARCH_CLIENT) private readonly search?: SearchClient,
    @Optional() @Inject(HEALTH_CHECKS) private readonly extra?: readonly HealthCheck[],
  ) {}

  @Get()
  async health(@Res({ passthrough: true }) res: Response): Promise<HealthReport> {
    const checks: Record<string, CheckResult> = {};
    if (this.dataSource) checks['database'] = await check(() => this.dataSource!.query('SELECT 1'));
    if (this.bus) checks['bus'] = await check(() => this.bus!.ping());
    if (this.search) checks['search'] = await check(() => pingSearchEngine(this.search!));
    // Probed together: several dependencies that time out cost one timeout, not their sum.
    const extra = this.extra ?? [];
    const results = await Promise.all(extra.map((c) => check(() => c.probe())));
    for (const [i, c] of extra.entries()) checks[c.name] = results[i]!;
    const ok = Object.values(checks).every((c) => c.status === 'up');
    res.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return {
      status: ok ? 'ok' : 'unavailable',
      service: this.config.service,
      mode: this.config.mode,
      checks,
    };
  }
}
