export { EVENT_SCHEMA_DIR, EventSchemaError, EventSchemas, eventSchemas } from './event-schemas';
export { CreateOutbox1764200000000 } from './migrations/1764200000000-create-outbox';
export { appendToOutbox, type OutboxEvent } from './outbox';
export { OutboxMessage } from './outbox-message.entity';
export { OutboxRelay, type OutboxRelayOptions } from './outbox-relay';
export { deleteRecordEvents, type DeletedRecordEvents } from './record-events';
