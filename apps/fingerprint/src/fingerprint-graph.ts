/**
 * Marks the fingerprint subgraph's GraphQL types (`registerIn: FingerprintGraph`),
 * so a process running several subgraphs builds each schema from its own types only.
 */
export class FingerprintGraph {}
