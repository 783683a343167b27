/**
 * Marks the identity subgraph's GraphQL types (`registerIn: IdentityGraph`), so a
 * process running several subgraphs builds each schema from its own types only.
 */
export class IdentityGraph {}
