/** The PersonSearchIndex of the run mode: PostgreSQL (embedded) or the search engine (infra). */
export const PERSON_SEARCH = Symbol('PERSON_SEARCH');
