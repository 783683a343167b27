import 'reflect-metadata';
import type { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { printSubgraphSchema } from '@apollo/subgraph';
import type { ServiceConfig } from '@mosaic/config';
import { AnalysisAppModule } from '../../apps/analysis/src/app.module';
import { loadAnalysisConfig } from '../../apps/analysis/src/config/analysis.config';
import { AUDIT_SUBGRAPH_NAME, buildAuditSubgraphSchema } from '../../apps/gateway/src/audit';
import { FingerprintAppModule } from '../../apps/fingerprint/src/app.module';
import { loadFingerprintConfig } from '../../apps/fingerprint/src/config/fingerprint.config';
import { IdentityAppModule } from '../../apps/identity/src/app.module';
import { loadIdentityConfig } from '../../apps/identity/src/config/identity.config';
import { SeizureAppModule } from '../../apps/seizure/src/app.module';
import { loadSeizureConfig } from '../../apps/seizure/src/config/seizure.config';
import { TravelAppModule } from '../../apps/travel/src/app.module';
import { loadTravelConfig } from '../../apps/travel/src/config/travel.config';

interface Subgraph {
  name: string;
  module: (config: ServiceConfig<unknown>) => DynamicModule;
  config: (env: Record<string, string>) => ServiceConfig<unknown>;
}

/** Every subgraph whose SDL is committed under schema/<name>.graphql. */
export const SUBGRAPHS: readonly Subgraph[] = [
  { name: 'travel', module: (c) => TravelAppModule.register(c), config: loadTravelConfig },
  { name: 'seizure', module: (c) => SeizureAppModule.register(c), config: loadSeizureConfig },
  {
    name: 'fingerprint',
    module: (c) => FingerprintAppModule.register(c),
    config: loadFingerprintConfig,
  },
  {
    name: 'identity',
    // No model is trained just to print a schema; nothing is resolved meanwhile.
    module: (c) =>
      IdentityAppModule.register(c as Parameters<typeof IdentityAppModule.register>[0], {
        modelProvider: {
          ready: async () => undefined,
          current: () => Promise.reject(new Error('no model while printing the schema')),
        },
      }),
    config: loadIdentityConfig,
  },
  {
    name: 'analysis',
    module: (c) =>
      AnalysisAppModule.register(c as Parameters<typeof AnalysisAppModule.register>[0]),
    config: loadAnalysisConfig,
  },
];

/**
 * Boots the subgraph on a throwaway in-memory database and prints the schema it
 * actually serves (printSubgraphSchema: federation directives included).
 */
export async function renderSubgraphSdl(subgraph: Subgraph): Promise<string> {
  const config = subgraph.config({ MOSAIC_DATA_DIR: 'memory://', LOG_LEVEL: 'error' });
  const app = await NestFactory.create(subgraph.module(config), { logger: false });
  try {
    await app.init();
    const { schema } = app.get(GraphQLSchemaHost);
    return `${printSubgraphSchema(schema).trim()}\n`;
  } finally {
    await app.close();
  }
}

/**
 * The audit subgraph, served inside the gateway: SDL-first, so its schema is
 * printed without booting anything (written to schema/audit.graphql).
 */
export const AUDIT_SUBGRAPH_SDL_FILE = `schema/${AUDIT_SUBGRAPH_NAME}.graphql`;

export function renderAuditSubgraphSdl(): string {
  return `${printSubgraphSchema(buildAuditSubgraphSchema()).trim()}\n`;
}
