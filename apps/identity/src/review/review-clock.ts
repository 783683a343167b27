/** The clock review leases and verdicts are timed by (injected, so tests can move it). */
export const REVIEW_CLOCK = Symbol('REVIEW_CLOCK');
export type ReviewClock = () => Date;
export const systemClock: ReviewClock = () => new Date();
