import { describeSecuritySuite } from '../security/security.contract';

// Infra: PostgreSQL, Kafka and Elasticsearch started by `npm run infra:up`.
describeSecuritySuite('infra');
