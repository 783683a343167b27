/** The identity service's typed config (SERVICE_CONFIG holds the same object, untyped). */
export const IDENTITY_CONFIG = Symbol('IDENTITY_CONFIG');
export const MODEL_PROVIDER = Symbol('MODEL_PROVIDER');
export const MODEL_BOOTSTRAP = Symbol('MODEL_BOOTSTRAP');
