import { describeObservability } from '../observability/observability.contract';

// Infra: PostgreSQL, Kafka and Elasticsearch started by `npm run infra:up`.
describeObservability('infra');
