export interface ConfigIssue {
  /** The environment variable at fault, e.g. `KAFKA_BROKERS`. */
  variable: string;
  reason: string;
}

/**
 * Thrown at boot when the environment does not describe a runnable service.
 * The message names every bad variable so an operator can fix them in one go.
 */
export class ConfigValidationError extends Error {
  readonly code = 'CONFIG_INVALID';

  constructor(
    readonly service: string,
    readonly issues: readonly ConfigIssue[],
  ) {
    super(
      `Invalid configuration for ${service}: ` +
        issues.map((i) => `${i.variable}: ${i.reason}`).join('; '),
    );
    this.name = 'ConfigValidationError';
  }
}
