/**
 * Marks the seizure subgraph's GraphQL types (`registerIn: SeizureGraph`), so a
 * process running several subgraphs builds each schema from its own types only.
 */
export class SeizureGraph {}
