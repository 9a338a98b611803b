export * from './compare';
export * from './figures';
export * from './identity';
