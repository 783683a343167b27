import 'reflect-metadata';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  FIELD_ACCESS,
  fieldRule,
  PURPOSE_ROLES,
  PURPOSES,
  ROLES,
  type AccessContext,
  type FieldRule,
  type Purpose,
  type Role,
} from '@mosaic/access';
import {
  closeEmbeddedBus,
  RequestBudget,
  SUBGRAPH_REQUEST_BUDGET,
  type SubgraphContext,
} from '@mosaic/service-kit';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import {
  GraphQLError,
  isInterfaceType,
  isNonNullType,
  isObjectType,
  Kind,
  parse,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
} from 'graphql';
import { AUDIT_SUBGRAPH_NAME, buildAuditSubgraphSchema } from '../../apps/gateway/src/audit';
import { SUBGRAPHS } from '../schema/subgraph-sdl';

/**
 * The role × field matrix (FIELD_ACCESS in @mosaic/access) against the
 * schemas the subgraphs really serve: every field classified, no rule for a
 * field that no longer exists, and each field's wrapped resolver refusing a
 * role outside its rule and letting an allowed role through.
 */

const root = resolve(__dirname, '../..');
const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

type Field = { type: GraphQLObjectType; field: GraphQLField<unknown, unknown> };

function objectFields(schema: GraphQLSchema): Field[] {
  return Object.values(schema.getTypeMap())
    .filter((type): type is GraphQLObjectType => isObjectType(type) && !type.name.startsWith('__'))
    .flatMap((type) => Object.values(type.getFields()).map((field) => ({ type, field })));
}

/** `Type.field` of every object and interface field of a schema. */
function classifiableFields(schema: GraphQLSchema): string[] {
  return Object.values(schema.getTypeMap())
    .filter((type) => (isObjectType(type) || isInterfaceType(type)) && !type.name.startsWith('__'))
    .flatMap((type) =>
      Object.keys((type as GraphQLObjectType).getFields()).map((f) => `${type.name}.${f}`),
    );
}

/** The committed subgraph SDL files (schema/*.graphql but the supergraph), federation directives stripped. */
function committedSubgraphFields(): Set<string> {
  const fields = new Set<string>();
  for (const file of readdirSync(join(root, 'schema'))) {
    if (!file.endsWith('.graphql') || file === 'supergraph.graphql') continue;
    const doc = parse(readFileSync(join(root, 'schema', file), 'utf8'));
    for (const d of doc.definitions) {
      if (
        d.kind === Kind.OBJECT_TYPE_DEFINITION ||
        d.kind === Kind.OBJECT_TYPE_EXTENSION ||
        d.kind === Kind.INTERFACE_TYPE_DEFINITION
      ) {
        fields.add(`${d.name.value}.`);
        for (const f of d.fields ?? []) fields.add(`${d.name.value}.${f.name.value}`);
      }
    }
  }
  return fields;
}

/** A purpose the role may act under (the first the policy gives it). */
function purposeOf(role: Role): Purpose {
  return PURPOSES.find((p) => PURPOSE_ROLES[p].includes(role)) as Purpose;
}

function context(role: Role | null): SubgraphContext {
  const access: AccessContext | null =
    role === null
      ? null
      : {
          user: 'field.access',
          roles: [role],
          tokenId: null,
          expiresAt: new Date(Date.now() + 3600_000),
          purpose: purposeOf(role),
          caseNumber: 'CASE-2026-000001',
        };
  return {
    req: { headers: {} } as SubgraphContext['req'],
    requestId: 'field-access',
    access,
    accessError: null,
    identity: access ? { user: access.user, roles: access.roles } : null,
    audit: { personIds: new Set(), decisionIds: new Set() },
    loaders: new Map(),
    budget: new RequestBudget(SUBGRAPH_REQUEST_BUDGET),
  };
}

function info(schema: GraphQLSchema, { type, field }: Field): GraphQLResolveInfo {
  return {
    fieldName: field.name,
    fieldNodes: [],
    returnType: field.type,
    parentType: type,
    path: { prev: undefined, key: field.name, typename: type.name },
    schema,
    fragments: {},
    rootValue: undefined,
    operation: {
      kind: Kind.OPERATION_DEFINITION,
      operation: type.name === 'Mutation' ? ('mutation' as never) : ('query' as never),
      selectionSet: { kind: Kind.SELECTION_SET, selections: [] },
    },
    variableValues: {},
  } as GraphQLResolveInfo;
}

/** The access error a call of the wrapped resolver raised, or null when it let the call through. */
async function refusalOf(
  schema: GraphQLSchema,
  entry: Field,
  role: Role | null,
): Promise<Record<string, unknown> | null> {
  const source = { id: '00000000-0000-4000-8000-000000000000' };
  try {
    const resolve = entry.field.resolve;
    if (!resolve) throw new Error(`${entry.type.name}.${entry.field.name} is not wrapped`);
    await resolve(source, {}, context(role), info(schema, entry));
  } catch (error) {
    const code = error instanceof GraphQLError ? error.extensions['code'] : undefined;
    if (code === 'FORBIDDEN' || code === 'UNAUTHENTICATED' || code === 'PURPOSE_REQUIRED') {
      return (error as GraphQLError).extensions as Record<string, unknown>;
    }
    // Anything else (no such row, bad input for a made-up parent) happened past the guard.
  }
  return null;
}

const outside = (rule: FieldRule) => ROLES.filter((role) => !rule.roles.includes(role));

describe('the role × field matrix covers every subgraph field', () => {
  const built = new Map<string, GraphQLSchema>();
  const apps: INestApplication[] = [];

  beforeAll(async () => {
    for (const subgraph of SUBGRAPHS) {
      const config = subgraph.config({ MOSAIC_DATA_DIR: 'memory://', LOG_LEVEL: 'error' });
      const app = await NestFactory.create(subgraph.module(config), { logger: false });
      await app.init();
      apps.push(app);
      built.set(subgraph.name, app.get(GraphQLSchemaHost).schema);
    }
    // Served inside the gateway; built as the gateway builds it (no audit log: nothing is read).
    built.set(AUDIT_SUBGRAPH_NAME, buildAuditSubgraphSchema());
  }, 240_000);

  afterAll(async () => {
    for (const app of apps) await app.close();
    await closeEmbeddedBus();
  }, 60_000);

  it('classifies every object and interface field of every subgraph', () => {
    const unclassified = [...built].flatMap(([name, schema]) =>
      classifiableFields(schema)
        .filter((f) => {
          const [type, field] = f.split('.') as [string, string];
          return fieldRule(type, field) === null;
        })
        .map((f) => `${name}: ${f}`),
    );
    expect(unclassified).toEqual([]);
  });

  it('has no rule for a type or field that no subgraph serves', () => {
    const served = new Set<string>(committedSubgraphFields());
    for (const schema of built.values()) {
      for (const f of classifiableFields(schema)) served.add(f);
      for (const type of Object.keys(schema.getTypeMap())) served.add(`${type}.`);
    }
    const stale = [
      ...Object.keys(FIELD_ACCESS.types).filter((type) => !served.has(`${type}.`)),
      ...Object.keys(FIELD_ACCESS.fields).filter((field) => !served.has(field)),
    ];
    expect(stale).toEqual([]);
  });

  it('makes a field narrower than its type nullable, so a refusal does not null its parent', () => {
    const wouldNullParent = [...built].flatMap(([name, schema]) =>
      objectFields(schema)
        .filter(({ type, field }) => {
          if (ROOT_TYPES.has(type.name) || !isNonNullType(field.type)) return false;
          const typeRule = FIELD_ACCESS.types[type.name];
          const rule = fieldRule(type.name, field.name);
          return typeRule && rule && typeRule.roles.some((role) => !rule.roles.includes(role));
        })
        .map(({ type, field }) => `${name}: ${type.name}.${field.name}`),
    );
    expect(wouldNullParent).toEqual([]);
  });

  it('refuses every field to a caller without a verified access context', async () => {
    for (const [name, schema] of built) {
      for (const entry of objectFields(schema)) {
        const refusal = await refusalOf(schema, entry, null);
        expect({ name, field: `${entry.type.name}.${entry.field.name}`, refusal }).toEqual({
          name,
          field: `${entry.type.name}.${entry.field.name}`,
          refusal: { code: 'UNAUTHENTICATED' },
        });
      }
    }
  }, 120_000);

  it('refuses each field to every role outside its rule (FORBIDDEN naming it) and lets its roles through', async () => {
    let refusals = 0;
    for (const [name, schema] of built) {
      for (const entry of objectFields(schema)) {
        const field = `${entry.type.name}.${entry.field.name}`;
        const rule = fieldRule(entry.type.name, entry.field.name);
        if (!rule) continue; // reported by the classification test
        for (const role of outside(rule)) {
          expect({ name, field, role, refusal: await refusalOf(schema, entry, role) }).toEqual({
            name,
            field,
            role,
            refusal: { code: 'FORBIDDEN', field },
          });
          refusals += 1;
        }
        for (const role of rule.roles) {
          expect({ name, field, role, refusal: await refusalOf(schema, entry, role) }).toEqual({
            name,
            field,
            role,
            refusal: null,
          });
        }
      }
    }
    expect(refusals).toBeGreaterThan(100);
  }, 300_000);
});
