/** Base of every error the candidate index adapters raise themselves. */
export class CandidateIndexError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CandidateIndexError';
  }
}

/**
 * A record, query or option the index cannot accept (wrong vector length, a
 * zero or non-finite vector, a finger position outside 1–10, k below 1). Raised
 * before anything is written, so a rejected batch leaves the index unchanged.
 */
export class CandidateInputError extends CandidateIndexError {
  constructor(
    /** The record or query key, when the problem belongs to one. */
    readonly key: string | undefined,
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${key === undefined ? '' : `${key}: `}${field} ${reason}`);
    this.name = 'CandidateInputError';
  }
}

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
