import { describeReviewSuite } from '../review/review.contract';

// Embedded: PGlite databases, the in-process bus, PostgreSQL-backed search.
describeReviewSuite('embedded');
