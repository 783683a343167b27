/** The LinkGraph over the analysis read model (PostgreSQL or PGlite, the same in both modes). */
export const LINK_GRAPH = Symbol('LINK_GRAPH');
