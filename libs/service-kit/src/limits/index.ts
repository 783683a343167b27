export * from './operation-limit-rules';
export * from './query-too-complex';
