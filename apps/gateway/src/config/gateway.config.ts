import { loadServiceConfig, type ServiceDefinition } from '@mosaic/config';

/** The one public GraphQL endpoint (Apollo Federation gateway). */
export const gatewayService: ServiceDefinition = {
  name: 'gateway',
  defaultPort: 4000,
  needs: { database: false, bus: false, search: false },
};

export const loadGatewayConfig = (env: Record<string, string | undefined> = process.env) =>
  loadServiceConfig(gatewayService, env);
