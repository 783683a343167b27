import { RecordValidationError } from '@mosaic/validation';
import { GraphQLError } from 'graphql';

/**
 * Runs a write whose input may be invalid: a RecordValidationError becomes a
 * typed BAD_USER_INPUT error whose `extensions.issues` name each field and
 * reason; anything else propagates unchanged.
 */
export async function withUserInputErrors<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof RecordValidationError) {
      throw new GraphQLError(`Invalid ${what}: ${error.message}`, {
        extensions: { code: 'BAD_USER_INPUT', issues: error.issues },
      });
    }
    throw error;
  }
}

/** A GraphQL input object as plain JSON: the shape the record schemas validate. */
export function plainInput(input: object): unknown {
  return JSON.parse(JSON.stringify(input));
}

/** A typed NOT_FOUND: the id was well formed, but nothing has it. */
export function notFoundError(what: string, id: string): GraphQLError {
  return new GraphQLError(`No ${what} has the id ${JSON.stringify(id)}`, {
    extensions: { code: 'NOT_FOUND', what, id },
  });
}

/** A typed BAD_USER_INPUT naming the argument and what is wrong with it. */
export function badUserInputError(field: string, reason: string): GraphQLError {
  return new GraphQLError(`Invalid ${field}: ${reason}`, {
    extensions: { code: 'BAD_USER_INPUT', issues: [{ field, reason }] },
  });
}
