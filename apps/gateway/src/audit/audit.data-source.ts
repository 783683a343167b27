import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { AccessError } from '@mosaic/access';
import type { AuditLog } from '@mosaic/audit-data';
import { graphql, type GraphQLSchema } from 'graphql';
import type { AuditedContext } from './audit.plugin';
import {
  buildAuditSubgraphSchema,
  type AuditSubgraphContext,
  type AuditSubgraphOptions,
} from './audit-subgraph';

/** The caller as the audit subgraph sees it: the gateway's checks, already made, carried over. */
export function auditSubgraphContext(gateway: Partial<AuditedContext>): AuditSubgraphContext {
  const { principal, purpose } = gateway;
  if (!principal) {
    return {
      access: null,
      accessError: new AccessError('UNAUTHENTICATED', 'no caller: the request has no token'),
    };
  }
  if (!principal.ok) return { access: null, accessError: principal.error };
  if (!purpose?.ok) {
    return {
      access: null,
      accessError:
        purpose?.error ?? new AccessError('PURPOSE_REQUIRED', 'the request declares no purpose'),
    };
  }
  return { access: { ...principal.value, ...purpose.value }, accessError: null };
}

/**
 * How the gateway reaches the audit subgraph: in its own process, against the
 * audit database it owns, with the caller's verified principal and purpose
 * taken from the gateway context (there is no token to check again: nothing
 * crossed a network).
 */
export class AuditGraphQLDataSource implements GraphQLDataSource<Partial<AuditedContext>> {
  private readonly schema: GraphQLSchema;

  constructor(
    auditLog: Pick<AuditLog, 'query' | 'verify' | 'reconcile'>,
    options: AuditSubgraphOptions = {},
  ) {
    this.schema = buildAuditSubgraphSchema(auditLog, options);
  }

  async process(options: GraphQLDataSourceProcessOptions<Partial<AuditedContext>>) {
    const { request } = options;
    const result = await graphql({
      schema: this.schema,
      source: request.query ?? '',
      variableValues: request.variables ?? null,
      operationName: request.operationName ?? null,
      contextValue: auditSubgraphContext(options.context),
    });
    return {
      data: result.data ?? null,
      ...(result.errors ? { errors: result.errors.map((error) => error.toJSON()) } : {}),
    };
  }
}
