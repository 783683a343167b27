import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ConfigValidationError, type ConfigIssue } from '@mosaic/config';
import { Kind, parse, type ConstDirectiveNode, type DocumentNode } from 'graphql';
import {
  LOCAL_SUBGRAPHS,
  subgraphUrls,
  subgraphUrlVariable,
  type GatewayConfig,
} from '../config/gateway.config';

/** One subgraph of the supergraph and where the gateway reaches it. */
export interface SubgraphEndpoint {
  name: string;
  url: string;
}

/** The supergraph the gateway serves, with each subgraph's URL taken from the gateway config. */
export interface Supergraph {
  path: string;
  sdl: string;
  /** The subgraphs the gateway calls over HTTP (not those it serves itself, LOCAL_SUBGRAPHS). */
  subgraphs: readonly SubgraphEndpoint[];
}

const SUPERGRAPH_VARIABLE = 'MOSAIC_GATEWAY_SUPERGRAPH';

function stringArgument(directive: ConstDirectiveNode, name: string): string | undefined {
  const argument = directive.arguments?.find((a) => a.name.value === name);
  return argument?.value.kind === Kind.STRING ? argument.value.value : undefined;
}

/**
 * The subgraphs a composed supergraph names, with the routing URLs composition
 * baked in: the values of its `join__Graph` enum and their `@join__graph`.
 */
export function supergraphSubgraphs(document: DocumentNode): SubgraphEndpoint[] {
  const graphs = document.definitions.find(
    (d) => d.kind === Kind.ENUM_TYPE_DEFINITION && d.name.value === 'join__Graph',
  );
  if (graphs?.kind !== Kind.ENUM_TYPE_DEFINITION) return [];
  return (graphs.values ?? []).flatMap((value) => {
    const directive = value.directives?.find((d) => d.name.value === 'join__graph');
    const name = directive && stringArgument(directive, 'name');
    const url = directive && stringArgument(directive, 'url');
    return name !== undefined && url !== undefined ? [{ name, url }] : [];
  });
}

const invalid = (issues: ConfigIssue[]) => new ConfigValidationError('gateway', issues);

/**
 * Reads the committed supergraph at boot. Each subgraph's URL comes from the
 * gateway config, not from the file, so one supergraph serves every
 * deployment; a subgraph the config has no URL for stops the gateway at boot.
 */
export async function loadSupergraph(config: GatewayConfig): Promise<Supergraph> {
  const path = resolve(config.extra.MOSAIC_GATEWAY_SUPERGRAPH);
  let sdl: string;
  try {
    sdl = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw invalid([
      {
        variable: SUPERGRAPH_VARIABLE,
        reason: `cannot read ${path} (${code}); run npm run schema:compose`,
      },
    ]);
  }
  let document: DocumentNode;
  try {
    document = parse(sdl);
  } catch (error) {
    throw invalid([
      {
        variable: SUPERGRAPH_VARIABLE,
        reason: `${path} is not GraphQL: ${error instanceof Error ? error.message : String(error)}`,
      },
    ]);
  }
  const baked = supergraphSubgraphs(document);
  if (baked.length === 0) {
    throw invalid([
      {
        variable: SUPERGRAPH_VARIABLE,
        reason: `${path} is not a composed supergraph (it names no subgraph); run npm run schema:compose`,
      },
    ]);
  }
  const urls = subgraphUrls(config);
  const remote = baked.filter(({ name }) => !LOCAL_SUBGRAPHS.has(name));
  const unknown = remote.filter(({ name }) => !urls.has(name));
  if (unknown.length > 0) {
    throw invalid(
      unknown.map(({ name }) => ({
        variable: subgraphUrlVariable(name),
        reason: `the supergraph has a subgraph "${name}" the gateway config declares no URL for`,
      })),
    );
  }
  return {
    path,
    sdl,
    subgraphs: remote.map(({ name }) => ({ name, url: urls.get(name)! })),
  };
}
