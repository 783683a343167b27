import { describeObservability } from '../observability/observability.contract';

// Embedded: PGlite databases, the in-process bus, PostgreSQL-backed search.
describeObservability('embedded');
