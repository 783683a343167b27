export * from './config-error';
export * from './service-config';
export { z } from 'zod';
