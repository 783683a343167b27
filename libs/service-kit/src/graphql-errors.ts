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
