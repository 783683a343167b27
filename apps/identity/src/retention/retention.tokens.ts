/** The identity service's typed config, as the retention module was given it. */
export const RETENTION_IDENTITY_CONFIG = Symbol('RETENTION_IDENTITY_CONFIG');
