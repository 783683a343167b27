import type { ApolloServerPlugin } from '@apollo/server';
import { AccessError, checkField } from '@mosaic/access';
import {
  defaultFieldResolver,
  GraphQLError,
  isObjectType,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from 'graphql';
import type { SubgraphContext } from './subgraph';

/** What one subgraph request touched, returned to the gateway for its audit entry. */
export interface RequestAudit {
  personIds: Set<string>;
  decisionIds: Set<string>;
}

/** The extension key under which a subgraph reports what it touched. */
export const AUDIT_EXTENSION = 'mosaicAudit';

/** The typed GraphQL error for an access refusal: `extensions.code` and, for a field, `extensions.field`. */
export function accessDeniedError(error: AccessError): GraphQLError {
  return new GraphQLError(error.reason, {
    extensions: {
      code: error.code,
      ...(error.field === undefined ? {} : { field: error.field }),
    },
  });
}

/** A typed FORBIDDEN naming the field (or argument rule) that refused the caller. */
export function forbiddenError(field: string, reason: string): GraphQLError {
  return accessDeniedError(new AccessError('FORBIDDEN', reason, field));
}

/** Records the decisions a mutation acted on, for the gateway's audit entry. */
export function auditDecisions(context: SubgraphContext, ids: Iterable<string>): void {
  for (const id of ids) context.audit.decisionIds.add(id);
}

function refusalFor(context: Partial<SubgraphContext> | undefined, type: string, field: string) {
  const access = context?.access;
  if (!access) {
    return (
      context?.accessError ??
      new AccessError('UNAUTHENTICATED', 'the request carries no verified access context')
    );
  }
  return checkField(access, type, field);
}

function rethrowAccess(error: unknown): never {
  throw error instanceof AccessError ? accessDeniedError(error) : error;
}

/**
 * Puts the role × field matrix in front of every field of a subgraph schema:
 * no verified token and purpose → UNAUTHENTICATED / PURPOSE_REQUIRED, a role
 * outside the field's rule → FORBIDDEN, before the resolver runs. An
 * AccessError a resolver throws (e.g. the hop rule) becomes the same typed
 * error. Each Person whose fields resolve is noted in `context.audit`. Every
 * field spends from the request's budget (RequestBudget); once it is spent,
 * nothing more resolves.
 *
 * The fields are changed in place, so what federation attached to the schema
 * (entity resolvers, `_service`, `_entities`, type extensions) stays as it is,
 * and the federation plumbing fields are guarded like the rest.
 */
export function guardSubgraphSchema(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const typeName = type.name;
    const isPerson = typeName === 'Person';
    for (const field of Object.values(type.getFields())) {
      const resolve: GraphQLFieldResolver<unknown, unknown> = field.resolve ?? defaultFieldResolver;
      const fieldName = field.name;
      field.resolve = (source, args, context: SubgraphContext, info) => {
        const budget = context?.budget;
        if (budget && !budget.spend()) throw budget.exceeded;
        const refusal = refusalFor(context, typeName, fieldName);
        if (refusal) throw accessDeniedError(refusal);
        if (isPerson) notePerson(context, source);
        let result: unknown;
        try {
          result = resolve(source, args, context, info);
        } catch (error) {
          rethrowAccess(error);
        }
        return result instanceof Promise ? result.catch(rethrowAccess) : result;
      };
    }
  }
  return schema;
}

function notePerson(context: SubgraphContext, source: unknown): void {
  const id = (source as { id?: unknown } | null)?.id;
  if (typeof id === 'string' && id !== '') context.audit.personIds.add(id);
}

/** Adds `extensions.mosaicAudit {personIds, decisionIds}` to every answer of the subgraph. */
export function auditExtensionPlugin(): ApolloServerPlugin<SubgraphContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single') return;
          const audit = contextValue.audit;
          const result = response.body.singleResult;
          result.extensions = {
            ...result.extensions,
            [AUDIT_EXTENSION]: {
              personIds: audit ? [...audit.personIds] : [],
              decisionIds: audit ? [...audit.decisionIds] : [],
            },
          };
        },
      };
    },
  };
}
