import { buildSchema, parse, specifiedRules, validate, GraphQLError } from 'graphql';
import { operationLimitRules, type OperationLimits } from '../limits/operation-limit-rules';
import { QueryTooComplexError, queryTooComplexFormatted } from '../limits/query-too-complex';

const schema = buildSchema(`
  type Query { person(id: ID!): Person  search(name: String!): [Person!]!  status: String }
  type Person {
    id: ID!
    name: String
    neighbors(hops: Int!): Neighbourhood!
    paths(to: ID!): PathsResult!
  }
  type Neighbourhood { nodes: [Node!]! }
  type Node { person: Person! hops: Int! }
  type PathsResult { paths: [Path!]! }
  type Path { persons: [Person!]! }
`);

const LIMITS: OperationLimits = {
  maxDepth: 8,
  maxAliases: 2,
  maxCost: 200,
  maxTokens: 1000,
  maxDirectives: 2,
  maxRootFields: 2,
};

/** The limits an operation crosses (each error's `limit`), or the other errors' messages. */
function crossed(query: string, limits: OperationLimits = LIMITS): unknown[] {
  return validate(schema, parse(query), [...specifiedRules, ...operationLimitRules(limits)]).map(
    (error) =>
      error instanceof QueryTooComplexError ? error.limit : `not a limit: ${error.message}`,
  );
}

describe('operation limits', () => {
  it('let an ordinary operation through', () => {
    expect(
      crossed(
        `query { person(id: "1") { id name neighbors(hops: 1) { nodes { hops person { id } } } } }`,
      ),
    ).toEqual([]);
  });

  it('count depth through fragments as if they were written inline', () => {
    const query = `query { person(id: "1") { ...N } }
      fragment N on Person { neighbors(hops: 1) { nodes { person { name } } } }`;
    expect(crossed(query)).toEqual([]);
    expect(crossed(query, { ...LIMITS, maxDepth: 4 })).toEqual(['maxDepth']);
  });

  it('count aliases wherever they are', () => {
    expect(crossed(`{ person(id: "1") { a: id b: id c: name } }`)).toEqual(['maxAliases']);
  });

  it('count top-level fields by response key, through fragments, without __typename', () => {
    expect(crossed(`{ person(id: "1") { id } status __typename }`)).toEqual([]);
    expect(
      crossed(
        `{ person(id: "1") { id } ...Q }  fragment Q on Query { status search(name: "x") { id } }`,
      ),
    ).toEqual(['maxRootFields']);
    // The same field twice is one lookup (GraphQL merges it).
    expect(crossed(`{ status status person(id: "1") { id } }`)).toEqual([]);
  });

  it('estimate cost (armor: 2 per object, 1 per scalar, ×1.5 per level)', () => {
    const wide = `{ search(name: "x") { id name neighbors(hops: 1) { nodes { hops person { id name } } } } }`;
    expect(crossed(wide)).toEqual([]);
    expect(crossed(wide, { ...LIMITS, maxCost: 20 })).toEqual(['maxCost']);
  });

  it('count directives', () => {
    expect(crossed(`{ status @include(if: true) @skip(if: false) }`)).toEqual([]);
    expect(crossed(`{ status @include(if: true) @skip(if: false) @include(if: true) }`)).toEqual(
      expect.arrayContaining(['maxDirectives']),
    );
  });

  it('refuse link analysis inside the result of another, also through a fragment', () => {
    expect(
      crossed(
        `{ person(id: "1") { neighbors(hops: 1) { nodes { person { paths(to: "2") { paths { persons { id } } } } } } } }`,
      ),
    ).toEqual(['nestedLinkAnalysis']);
    expect(
      crossed(`{ person(id: "1") { paths(to: "2") { paths { persons { ...More } } } } }
        fragment More on Person { neighbors(hops: 1) { nodes { hops } } }`),
    ).toEqual(['nestedLinkAnalysis']);
    // Side by side on one subject is not nesting; nor is PathsResult.paths under Person.paths.
    expect(
      crossed(
        `{ person(id: "1") { neighbors(hops: 1) { nodes { hops } } paths(to: "2") { paths { persons { id } } } } }`,
      ),
    ).toEqual([]);
  });

  it('survive a fragment cycle (reported by GraphQL itself, not looped on)', () => {
    const query = `{ person(id: "1") { ...A } } fragment A on Person { ...B } fragment B on Person { ...A }`;
    expect(crossed(query).every((c) => typeof c === 'string' && c.startsWith('not a limit'))).toBe(
      true,
    );
  });
});

describe('aliases of __typename', () => {
  it('count against the alias limit like any other alias', () => {
    const aliases = Array.from({ length: 3 }, (_, i) => `a${i}: __typename`).join(' ');
    expect(crossed(`{ ${aliases} }`)).toEqual(['maxAliases']);
  });
});

describe('an operation over a limit, as a client sees it', () => {
  it('reads QUERY_TOO_COMPLEX with the limit, not the validation code Apollo wraps it in', () => {
    const rule = new QueryTooComplexError(
      'The operation is too complex: 6 top-level fields',
      'maxRootFields',
    );
    // What Apollo hands formatError for a validation error: its wrapper, the rule's error as the cause.
    const wrapped = new GraphQLError(rule.message, {
      originalError: rule,
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    expect(
      queryTooComplexFormatted(
        { message: wrapped.message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
        wrapped,
      ),
    ).toEqual({
      message: 'The operation is too complex: 6 top-level fields',
      extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'maxRootFields' },
    });
  });

  it("reads QUERY_TOO_COMPLEX for the parser's token limit", () => {
    let error: unknown;
    try {
      parse(`{ ${'a '.repeat(20)} }`, { maxTokens: 10 });
    } catch (e) {
      error = e;
    }
    expect(
      queryTooComplexFormatted(
        { message: String(error), extensions: { code: 'GRAPHQL_PARSE_FAILED' } },
        error,
      ),
    ).toEqual({
      message: 'The operation is too complex: the document has more than 10 tokens',
      extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'maxTokens' },
    });
  });
});
