import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  getNamedType,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  Kind,
  type FieldNode,
  type GraphQLCompositeType,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { QueryTooComplexError } from './query-too-complex';

/** The limits every operation is held to (gateway config MOSAIC_GATEWAY_MAX_*). */
export interface OperationLimits {
  maxDepth: number;
  maxAliases: number;
  maxCost: number;
  maxTokens: number;
  maxDirectives: number;
  maxRootFields: number;
}

/**
 * What every subgraph holds an operation to, whoever sent it: the same rules
 * as the gateway, with room for what the gateway's query planner adds to a
 * client operation (an `_entities` level, `__typename` and key fields, inline
 * fragments per type) above the gateway's highest configurable limits'
 * defaults. Defence in depth: a subgraph reached past the gateway still
 * refuses a bomb before executing it.
 */
export const SUBGRAPH_OPERATION_LIMITS: OperationLimits = {
  maxDepth: 12,
  maxAliases: 30,
  maxCost: 20_000,
  maxTokens: 5_000,
  maxDirectives: 20,
  maxRootFields: 10,
};

type RejectCallbacks = NonNullable<NonNullable<Parameters<typeof maxDepthRule>[0]>['onReject']>;

/** graphql-armor reports through its callbacks; the gateway turns that into its own typed error. */
function reject(limit: string): { propagateOnRejection: false; onReject: RejectCallbacks } {
  return {
    propagateOnRejection: false,
    onReject: [
      (context, error) =>
        context?.reportError(
          new QueryTooComplexError(
            `The operation is too complex: ${error.message.replace(/^Syntax Error: /, '')}`,
            limit,
          ),
        ),
    ],
  };
}

/**
 * Top-level fields by response key, through fragments: each is one lookup,
 * so this bounds how many a request batches. Aliases are counted by the
 * aliases rule as well; two selections of one key merge into one lookup.
 */
export function maxRootFieldsRule(max: number): ValidationRule {
  return (context: ValidationContext) => ({
    OperationDefinition(operation) {
      const keys = new Set<string>();
      const collect = (selectionSet: SelectionSetNode, fragments: ReadonlySet<string>) => {
        for (const selection of selectionSet.selections) {
          if (selection.kind === Kind.FIELD) {
            if (selection.name.value !== '__typename') {
              keys.add((selection.alias ?? selection.name).value);
            }
          } else if (selection.kind === Kind.INLINE_FRAGMENT) {
            collect(selection.selectionSet, fragments);
          } else if (!fragments.has(selection.name.value)) {
            const fragment = context.getFragment(selection.name.value);
            if (fragment)
              collect(fragment.selectionSet, new Set([...fragments, fragment.name.value]));
          }
        }
      };
      collect(operation.selectionSet, new Set());
      if (keys.size > max) {
        context.reportError(
          new QueryTooComplexError(
            `The operation is too complex: ${keys.size} top-level fields, at most ${max} (send separate requests)`,
            'maxRootFields',
            [operation],
          ),
        );
      }
    },
  });
}

/** The link-analysis fields: each expands around one subject. */
const LINK_ANALYSIS: Readonly<Record<string, ReadonlySet<string>>> = {
  Person: new Set(['neighbors', 'paths', 'coTravelers']),
};

/**
 * Link analysis starts from one subject the caller names: a link-analysis
 * field inside another's result would expand around every person found,
 * which is a dragnet, not an investigation.
 */
export const noNestedLinkAnalysisRule: ValidationRule = (context) => {
  const schema = context.getSchema();
  const isLinkAnalysis = (parent: GraphQLCompositeType, field: string) =>
    LINK_ANALYSIS[parent.name]?.has(field) === true;
  return {
    OperationDefinition(operation) {
      const root = schema.getRootType(operation.operation);
      if (!root) return;
      const found: { nested: FieldNode | null } = { nested: null };
      const walk = (
        selectionSet: SelectionSetNode,
        parent: GraphQLCompositeType,
        inside: boolean,
        fragments: ReadonlySet<string>,
      ) => {
        for (const selection of selectionSet.selections) {
          if (found.nested) return;
          if (selection.kind === Kind.FIELD) {
            const linked = isLinkAnalysis(parent, selection.name.value);
            if (linked && inside) {
              found.nested = selection;
              return;
            }
            const definition =
              isObjectType(parent) || isInterfaceType(parent)
                ? parent.getFields()[selection.name.value]
                : undefined;
            const type = definition && getNamedType(definition.type);
            if (selection.selectionSet && type && isCompositeType(type)) {
              walk(selection.selectionSet, type, inside || linked, fragments);
            }
          } else if (selection.kind === Kind.INLINE_FRAGMENT) {
            const type = selection.typeCondition
              ? schema.getType(selection.typeCondition.name.value)
              : parent;
            if (type && isCompositeType(type))
              walk(selection.selectionSet, type, inside, fragments);
          } else if (!fragments.has(selection.name.value)) {
            const fragment = context.getFragment(selection.name.value);
            const type = fragment && schema.getType(fragment.typeCondition.name.value);
            if (fragment && type && isCompositeType(type)) {
              walk(
                fragment.selectionSet,
                type,
                inside,
                new Set([...fragments, fragment.name.value]),
              );
            }
          }
        }
      };
      walk(operation.selectionSet, root, false, new Set());
      if (found.nested) {
        context.reportError(
          new QueryTooComplexError(
            'The operation is too complex: link analysis (neighbors, paths, coTravelers) inside another link analysis expands around every person it finds; ask about one of them in a separate operation',
            'nestedLinkAnalysis',
            [found.nested],
          ),
        );
      }
    },
  };
};

/**
 * The validation rules that hold an operation to the limits. The token limit
 * is not among them: the parser enforces it (`parseOptions.maxTokens`), so an
 * oversized document is never parsed whole.
 */
export function operationLimitRules(limits: OperationLimits): ValidationRule[] {
  return [
    maxDepthRule({ n: limits.maxDepth, flattenFragments: true, ...reject('maxDepth') }),
    // graphql-armor lets `__typename` aliases through by default; 200 of them are still 200 answers.
    maxAliasesRule({ n: limits.maxAliases, allowList: [], ...reject('maxAliases') }),
    costLimitRule({ maxCost: limits.maxCost, flattenFragments: true, ...reject('maxCost') }),
    maxDirectivesRule({ n: limits.maxDirectives, ...reject('maxDirectives') }),
    maxRootFieldsRule(limits.maxRootFields),
    noNestedLinkAnalysisRule,
  ];
}
