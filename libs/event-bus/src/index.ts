export * from './consumer-group-start';
export * from './dead-letter';
export * from './envelope';
export * from './event-bus.port';
export * from './in-process-event-bus';
export * from './kafka-event-bus';
