/**
 * Marks the analysis subgraph's GraphQL types (`registerIn: AnalysisGraph`), so a
 * process running several subgraphs builds each schema from its own types only.
 */
export class AnalysisGraph {}
