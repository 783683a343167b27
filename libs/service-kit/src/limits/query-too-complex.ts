import { GraphQLError, type ASTNode, type GraphQLFormattedError } from 'graphql';

export const QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX';

/**
 * An operation over one of the gateway's limits. Apollo reports validation
 * errors under its own code; formatGatewayError restores this one, so a
 * client sees QUERY_TOO_COMPLEX and the limit it crossed.
 */
export class QueryTooComplexError extends GraphQLError {
  constructor(
    message: string,
    readonly limit: string,
    nodes?: readonly ASTNode[],
  ) {
    super(message, {
      ...(nodes ? { nodes } : {}),
      extensions: { code: QUERY_TOO_COMPLEX, limit, http: { status: 400 } },
    });
    this.name = 'QueryTooComplexError';
  }
}

/** graphql-js's own message ("more that" in graphql 16) when a document has more tokens than `parseOptions.maxTokens`. */
const TOO_MANY_TOKENS = /^Syntax Error: Document contains more tha[nt] (\d+) tokens/;

/**
 * The QUERY_TOO_COMPLEX error a reported error stands for, if any: a limit
 * rule's error (wrapped by Apollo as a validation failure), or the parser's
 * token limit.
 */
export function queryTooComplexOf(error: unknown): { message: string; limit: string } | null {
  if (!(error instanceof GraphQLError)) return null;
  const original = error.originalError;
  if (original instanceof QueryTooComplexError) {
    return { message: original.message, limit: original.limit };
  }
  if (error instanceof QueryTooComplexError) return { message: error.message, limit: error.limit };
  const tokens = TOO_MANY_TOKENS.exec(error.message);
  if (tokens) {
    return {
      message: `The operation is too complex: the document has more than ${tokens[1]} tokens`,
      limit: 'maxTokens',
    };
  }
  return null;
}

/**
 * A formatted error as a client should see it when it stands for a crossed
 * limit: QUERY_TOO_COMPLEX naming the limit, whichever stage (parser or
 * validation) caught it; null when it is another error.
 */
export function queryTooComplexFormatted(
  formatted: GraphQLFormattedError,
  error: unknown,
): GraphQLFormattedError | null {
  const tooComplex = queryTooComplexOf(error);
  if (!tooComplex) return null;
  return {
    message: tooComplex.message,
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    extensions: { code: QUERY_TOO_COMPLEX, limit: tooComplex.limit },
  };
}
