import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigValidationError, loadServiceConfig, redactConfig } from '@mosaic/config';
import type { ServiceMetrics } from '../observability';
import { ServiceModule } from '../service.module';
import { SERVICE_METRICS } from '../tokens';

const TOKEN = 'metrics-scrape-token-0123456789abcdef';
const definition = {
  name: 'probe',
  defaultPort: 4999,
  needs: { database: false, bus: false, search: false, auth: false },
};

async function serve(env: Record<string, string>): Promise<{ app: INestApplication; url: string }> {
  const app = await NestFactory.create(
    ServiceModule.forRoot({ config: loadServiceConfig(definition, env) }),
    {
      logger: false,
    },
  );
  await app.listen(0, '127.0.0.1');
  return { app, url: `${(await app.getUrl()).replace('[::1]', '127.0.0.1')}/metrics` };
}

describe('/metrics', () => {
  it('is open without MOSAIC_METRICS_TOKEN and serves the Prometheus text of the service', async () => {
    const { app, url } = await serve({});
    try {
      const response = await fetch(url);
      expect(response.status).toBe(200);
      const text = await response.text();
      expect(text).toMatch(/^# TYPE mosaic_graphql_requests_total counter$/m);
      expect(text).toMatch(/^mosaic_process_cpu_seconds_total\{service="probe"\} /m);
      app.get<ServiceMetrics>(SERVICE_METRICS).graphqlRequests.inc({
        operation_name: 'Lookup',
        operation_type: 'query',
      });
      expect(await (await fetch(url)).text()).toMatch(
        /^mosaic_graphql_requests_total\{operation_name="Lookup",operation_type="query",service="probe"\} 1$/m,
      );
    } finally {
      await app.close();
    }
  });

  it('with MOSAIC_METRICS_TOKEN answers only a scrape that carries it', async () => {
    const { app, url } = await serve({ MOSAIC_METRICS_TOKEN: TOKEN });
    try {
      expect((await fetch(url)).status).toBe(401);
      expect((await fetch(url, { headers: { authorization: `Bearer ${TOKEN}x` } })).status).toBe(
        401,
      );
      const ok = await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(ok.status).toBe(200);
      expect(await ok.text()).toContain('mosaic_graphql_requests_total');
    } finally {
      await app.close();
    }
  });

  it('refuses a short token at boot, and never logs the token', () => {
    expect(() => loadServiceConfig(definition, { MOSAIC_METRICS_TOKEN: 'short' })).toThrow(
      ConfigValidationError,
    );
    const config = loadServiceConfig(definition, { MOSAIC_METRICS_TOKEN: TOKEN });
    expect(config.metricsToken).toBe(TOKEN);
    expect(JSON.stringify(redactConfig(config))).not.toContain(TOKEN);
  });
});
