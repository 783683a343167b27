import { describeSecuritySuite } from '../security/security.contract';

// Embedded: PGlite databases, the in-process bus, PostgreSQL-backed search.
describeSecuritySuite('embedded');
