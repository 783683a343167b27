import { ConfigValidationError, loadServiceConfig, redactConfig } from '..';
import { z } from 'zod';

const travel = {
  name: 'travel',
  defaultPort: 4101,
  needs: { database: true, bus: true, search: false },
};

function failure(fn: () => unknown): ConfigValidationError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigValidationError) return error;
    throw error;
  }
  throw new Error('expected a ConfigValidationError');
}

describe('loadServiceConfig', () => {
  it('defaults to embedded mode with a PGlite folder per service and the in-process bus', () => {
    const config = loadServiceConfig(travel, {});
    expect(config.mode).toBe('embedded');
    expect(config.port).toBe(4101);
    expect(config.database).toEqual({ kind: 'pglite', dataDir: '.data/travel' });
    expect(config.bus).toEqual({ kind: 'in-process' });
    expect(config.search).toBeNull();
  });

  it('switches to infra mode when service URLs are set, one database per service', () => {
    const config = loadServiceConfig(travel, {
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432',
      KAFKA_BROKERS: '127.0.0.1:9092,127.0.0.1:9093',
      TRAVEL_PORT: '5000',
    });
    expect(config.mode).toBe('infra');
    expect(config.port).toBe(5000);
    expect(config.database).toEqual({
      kind: 'postgres',
      url: 'postgres://postgres@127.0.0.1:5432',
      database: 'mosaic_travel',
    });
    expect(config.bus).toEqual({
      kind: 'kafka',
      brokers: ['127.0.0.1:9092', '127.0.0.1:9093'],
      clientId: 'mosaic-travel',
    });
  });

  it('refuses a half-configured infra deployment, naming the missing variable', () => {
    const error = failure(() =>
      loadServiceConfig(travel, { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432' }),
    );
    expect(error.issues).toEqual([
      { variable: 'KAFKA_BROKERS', reason: 'required in infra mode by travel' },
    ]);
    expect(error.message).toContain('KAFKA_BROKERS');
  });

  it('names every malformed variable and why', () => {
    const error = failure(() =>
      loadServiceConfig(travel, {
        KAFKA_BROKERS: 'not a broker list',
        TRAVEL_PORT: '70000',
        LOG_LEVEL: 'loud',
      }),
    );
    const variables = error.issues.map((i) => i.variable).sort();
    expect(variables).toEqual(['KAFKA_BROKERS', 'LOG_LEVEL', 'TRAVEL_PORT']);
    expect(error.issues.find((i) => i.variable === 'TRAVEL_PORT')?.reason).toMatch(/65535/);
    expect(error.issues.find((i) => i.variable === 'KAFKA_BROKERS')?.reason).toMatch(/host:port/);
  });

  it('lets MOSAIC_MODE force embedded even with stray URLs set', () => {
    const config = loadServiceConfig(travel, {
      MOSAIC_MODE: 'embedded',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432',
    });
    expect(config.mode).toBe('embedded');
    expect(config.database?.kind).toBe('pglite');
  });

  it('validates app-specific variables alongside the platform ones', () => {
    const gateway = {
      name: 'gateway',
      defaultPort: 4000,
      needs: { database: false, bus: false, search: false },
      extra: { SUPERGRAPH_PATH: z.string().min(1, 'must name the committed supergraph file') },
    };
    expect(failure(() => loadServiceConfig(gateway, {})).issues[0]?.variable).toBe(
      'SUPERGRAPH_PATH',
    );
    const config = loadServiceConfig(gateway, { SUPERGRAPH_PATH: 'schema/supergraph.graphql' });
    expect(config.extra.SUPERGRAPH_PATH).toBe('schema/supergraph.graphql');
    expect(config.database).toBeNull();
  });

  it('masks credentials before the config is logged', () => {
    const config = loadServiceConfig(travel, {
      DATABASE_URL: 'postgres://mosaic:s3cret@db.internal:5432',
      KAFKA_BROKERS: '127.0.0.1:9092',
    });
    const shown = JSON.stringify(redactConfig(config));
    expect(shown).not.toContain('s3cret');
    expect(shown).toContain('mosaic:***@db.internal');
  });

  describe('token checking (needs.auth)', () => {
    const guarded = { ...travel, needs: { ...travel.needs, auth: true } };
    const gatewaySecret = 'the-gateway-credential-key-32-chars';
    const infra = {
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432',
      KAFKA_BROKERS: '127.0.0.1:9092',
      MOSAIC_GATEWAY_SECRET: gatewaySecret,
    };
    const secret = 'a-development-secret-of-32-chars!';

    it('embedded without a secret keeps a generated one in the data folder', () => {
      expect(loadServiceConfig(guarded, { MOSAIC_DATA_DIR: '/tmp/m' }).auth).toEqual({
        kind: 'hs256-file',
        file: '/tmp/m/auth-secret',
        issuer: 'mosaic',
        audience: 'mosaic',
      });
    });

    it('infra mode refuses to start without a secret or a JWKS URL, naming the variable', () => {
      const issues = failure(() => loadServiceConfig(guarded, infra)).issues;
      expect(issues).toEqual([
        {
          variable: 'MOSAIC_AUTH_SECRET',
          reason: 'required in infra mode by travel (or MOSAIC_AUTH_JWKS_URL)',
        },
      ]);
    });

    it('takes a JWKS URL or a secret, not both, and refuses a short secret', () => {
      expect(
        loadServiceConfig(guarded, { ...infra, MOSAIC_AUTH_JWKS_URL: 'https://idp/jwks' }).auth,
      ).toEqual({ kind: 'jwks', url: 'https://idp/jwks', issuer: 'mosaic', audience: 'mosaic' });
      expect(
        failure(() =>
          loadServiceConfig(guarded, {
            ...infra,
            MOSAIC_AUTH_JWKS_URL: 'https://idp/jwks',
            MOSAIC_AUTH_SECRET: secret,
          }),
        ).issues[0]?.variable,
      ).toBe('MOSAIC_AUTH_JWKS_URL');
      expect(
        failure(() => loadServiceConfig(guarded, { MOSAIC_AUTH_SECRET: 'short' })).issues,
      ).toEqual([{ variable: 'MOSAIC_AUTH_SECRET', reason: 'must be at least 32 characters' }]);
    });

    it('masks the secrets and ignores auth for services that do not check tokens', () => {
      const config = loadServiceConfig(guarded, { ...infra, MOSAIC_AUTH_SECRET: secret });
      expect(config.auth).toMatchObject({ kind: 'hs256', secret });
      expect(config.gatewayCredential).toEqual({ kind: 'hs256', secret: gatewaySecret });
      expect(JSON.stringify(redactConfig(config))).not.toContain(secret);
      expect(JSON.stringify(redactConfig(config))).not.toContain(gatewaySecret);
      expect(loadServiceConfig(travel, infra).auth).toBeNull();
      expect(loadServiceConfig(travel, infra).gatewayCredential).toBeNull();
    });

    it('embedded without a gateway key keeps a generated one beside the token secret', () => {
      expect(loadServiceConfig(guarded, { MOSAIC_DATA_DIR: '/tmp/m' }).gatewayCredential).toEqual({
        kind: 'hs256-file',
        file: '/tmp/m/gateway-secret',
      });
    });

    it('infra mode refuses to start without the gateway key, or with the token secret as the key', () => {
      const { MOSAIC_GATEWAY_SECRET: _unset, ...withoutKey } = infra;
      expect(
        failure(() => loadServiceConfig(guarded, { ...withoutKey, MOSAIC_AUTH_SECRET: secret }))
          .issues,
      ).toEqual([
        {
          variable: 'MOSAIC_GATEWAY_SECRET',
          reason: 'required in infra mode by travel: the key the gateway signs subgraph calls with',
        },
      ]);
      expect(
        failure(() =>
          loadServiceConfig(guarded, {
            ...infra,
            MOSAIC_AUTH_SECRET: secret,
            MOSAIC_GATEWAY_SECRET: secret,
          }),
        ).issues[0],
      ).toMatchObject({
        variable: 'MOSAIC_GATEWAY_SECRET',
        reason: expect.stringMatching(/differ/),
      });
    });
  });

  it('names the database after the definition when it owns one under another name', () => {
    const gateway = { ...travel, name: 'gateway', database: 'audit' };
    expect(loadServiceConfig(gateway, {}).database).toEqual({
      kind: 'pglite',
      dataDir: '.data/audit',
    });
    expect(
      loadServiceConfig(gateway, { DATABASE_URL: 'postgres://h:5432', KAFKA_BROKERS: 'h:9092' })
        .database,
    ).toMatchObject({ database: 'mosaic_audit' });
  });
});
