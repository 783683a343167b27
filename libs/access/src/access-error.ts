export type AccessErrorCode = 'UNAUTHENTICATED' | 'PURPOSE_REQUIRED' | 'FORBIDDEN';

/**
 * Why a request may not do what it asks. `reason` is meant for the caller (it
 * says what to fix, never a secret); `field` names the `Type.field` refused.
 */
export class AccessError extends Error {
  override readonly name = 'AccessError';

  constructor(
    readonly code: AccessErrorCode,
    readonly reason: string,
    readonly field?: string,
  ) {
    super(reason);
  }
}
