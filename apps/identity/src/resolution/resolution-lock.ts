/**
 * The transaction-level advisory lock that makes resolution one batch at a
 * time across every identity worker on one database.
 *
 * Without it, two workers resolving records of the same individual at the
 * same time would each search the candidate index before the other's records
 * are in it (or before the other's transaction committed them), find nothing,
 * and each create a person: one individual, two persons, and no later event
 * would ever bring them together. The lock makes each batch see every record
 * the batches before it stored, which is also what keeps person sequences and
 * threshold versions consistent. Workers still share the work that needs no
 * lock: consuming, validating and decoding events.
 */
export const RESOLUTION_LOCK = 0x69646e74;
