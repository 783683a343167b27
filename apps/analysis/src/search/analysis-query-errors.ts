import { AnalysisQueryError } from '@mosaic/analysis-model';
import { GraphQLError } from 'graphql';

/**
 * Runs a query whose arguments may be refused: an AnalysisQueryError becomes
 * a typed BAD_USER_INPUT whose `extensions.issues` name each argument and
 * reason; anything else propagates unchanged.
 */
export async function withAnalysisQueryErrors<T>(
  what: string,
  run: () => T | Promise<T>,
): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof AnalysisQueryError) {
      throw new GraphQLError(`Invalid ${what}: ${error.message}`, {
        extensions: { code: 'BAD_USER_INPUT', issues: error.issues },
      });
    }
    throw error;
  }
}
