import { KafkaEventBus } from '..';
import { describeEventBusContract } from './event-bus.contract';

// The broker started by `npm run infra:up`.
const brokers = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',');

describeEventBusContract('Kafka (infra mode)', {
  create: async () =>
    new KafkaEventBus({ brokers, clientId: 'mosaic-contract-test', partitions: 4 }),
  deliveryTimeoutMs: 60_000,
});
