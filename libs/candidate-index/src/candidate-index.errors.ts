import { CandidateIndexError } from '@mosaic/resolution';

export { CandidateIndexError, CandidateInputError } from '@mosaic/resolution';

/** The store refused some records of a write; the keys say which and why. */
export class CandidateIndexWriteError extends CandidateIndexError {
  constructor(
    readonly operation: 'upsert' | 'remove',
    readonly failures: readonly { key: string; reason: string }[],
  ) {
    super(
      `candidate index ${operation} failed for ${failures.length} record(s): ${failures
        .slice(0, 5)
        .map((f) => `${f.key} (${f.reason})`)
        .join('; ')}${failures.length > 5 ? '; …' : ''}`,
    );
    this.name = 'CandidateIndexWriteError';
  }
}

/**
 * A search the store could not answer in full. Raised instead of returning the
 * candidates of the routes that did answer, which would silently miss some.
 */
export class CandidateIndexSearchError extends CandidateIndexError {
  constructor(
    readonly reasons: readonly string[],
    options?: { cause?: unknown },
  ) {
    super(`candidate search failed: ${reasons.slice(0, 3).join('; ')}`, options);
    this.name = 'CandidateIndexSearchError';
  }
}

/** The store's schema is missing or was built for other vector dimensions. */
export class CandidateIndexSchemaError extends CandidateIndexError {
  constructor(message: string) {
    super(message);
    this.name = 'CandidateIndexSchemaError';
  }
}
