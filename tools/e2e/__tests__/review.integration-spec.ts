import { describeReviewSuite } from '../review/review.contract';

// Infra: PostgreSQL, Kafka and Elasticsearch started by `npm run infra:up`.
describeReviewSuite('infra');
