export * from './access-error';
export * from './development';
export * from './field-access';
export * from './gateway-credential';
export * from './principal';
export * from './purpose';
export * from './roles';
export * from './token';
