import { resolve } from 'node:path';
import { loadServiceConfig, z, type ServiceConfig, type ServiceDefinition } from '@mosaic/config';

const unset = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** The variable holding a subgraph's GraphQL URL, e.g. `MOSAIC_GATEWAY_TRAVEL_URL`. */
export const subgraphUrlVariable = (name: string) =>
  `MOSAIC_GATEWAY_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_URL`;

const subgraphUrl = (port: number) =>
  z.preprocess(
    unset,
    z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
      .default(`http://127.0.0.1:${port}/graphql`),
  );

// apps/gateway/src/config → the repository root, whatever the working directory.
const repositoryRoot = resolve(__dirname, '../../../..');

const gatewayVariables = {
  /** The composed supergraph the gateway serves (`npm run schema:compose` writes it). */
  MOSAIC_GATEWAY_SUPERGRAPH: z.preprocess(
    unset,
    z.string().default(resolve(repositoryRoot, 'schema/supergraph.graphql')),
  ),
  /** How long the gateway waits for one subgraph request before reporting it unavailable. */
  MOSAIC_GATEWAY_SUBGRAPH_TIMEOUT_MS: z.preprocess(
    unset,
    z.coerce
      .number({ error: 'MOSAIC_GATEWAY_SUBGRAPH_TIMEOUT_MS must be a number' })
      .int('must be an integer')
      .min(100, 'must be at least 100')
      .max(600_000, 'must be at most 600000')
      .default(30_000),
  ),
  // Each subgraph's GraphQL URL; they replace the routing URLs baked into the supergraph.
  // The defaults are where `npm start` runs them.
  MOSAIC_GATEWAY_TRAVEL_URL: subgraphUrl(4101),
  MOSAIC_GATEWAY_SEIZURE_URL: subgraphUrl(4102),
  MOSAIC_GATEWAY_FINGERPRINT_URL: subgraphUrl(4103),
  MOSAIC_GATEWAY_IDENTITY_URL: subgraphUrl(4104),
  MOSAIC_GATEWAY_ANALYSIS_URL: subgraphUrl(4105),
};

/** The one public GraphQL endpoint (Apollo Federation gateway). */
export const gatewayService: ServiceDefinition<typeof gatewayVariables> = {
  name: 'gateway',
  defaultPort: 4000,
  needs: { database: false, bus: false, search: false },
  extra: gatewayVariables,
};

export type GatewayConfig = ServiceConfig<z.infer<z.ZodObject<typeof gatewayVariables>>>;

export const loadGatewayConfig = (
  env: Record<string, string | undefined> = process.env,
): GatewayConfig => loadServiceConfig(gatewayService, env);

/** The configured URL of every subgraph the gateway knows, by subgraph name. */
export function subgraphUrls({ extra }: GatewayConfig): ReadonlyMap<string, string> {
  return new Map([
    ['travel', extra.MOSAIC_GATEWAY_TRAVEL_URL],
    ['seizure', extra.MOSAIC_GATEWAY_SEIZURE_URL],
    ['fingerprint', extra.MOSAIC_GATEWAY_FINGERPRINT_URL],
    ['identity', extra.MOSAIC_GATEWAY_IDENTITY_URL],
    ['analysis', extra.MOSAIC_GATEWAY_ANALYSIS_URL],
  ]);
}
