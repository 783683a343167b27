/**
 * Marks the travel subgraph's GraphQL types (`registerIn: TravelGraph`), so a
 * process running several subgraphs builds each schema from its own types only.
 */
export class TravelGraph {}
