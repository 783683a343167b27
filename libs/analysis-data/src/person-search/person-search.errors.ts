/** The person search index failed; never a wrong answer, always this. */
export class PersonSearchIndexError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PersonSearchIndexError';
  }
}

/** The search engine refused some documents of a sync; the person ids say which and why. */
export class PersonSearchWriteError extends PersonSearchIndexError {
  constructor(readonly failures: readonly { personId: string; reason: string }[]) {
    super(
      `person search sync failed for ${failures.length} person(s): ${failures
        .slice(0, 5)
        .map((f) => `${f.personId} (${f.reason})`)
        .join('; ')}${failures.length > 5 ? '; …' : ''}`,
    );
    this.name = 'PersonSearchWriteError';
  }
}

/** The search index exists with another mapping than this code writes and queries. */
export class PersonSearchSchemaError extends PersonSearchIndexError {
  constructor(message: string) {
    super(message);
    this.name = 'PersonSearchSchemaError';
  }
}
