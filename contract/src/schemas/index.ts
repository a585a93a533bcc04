export * from './labels';
export * from './workflow';
export * from './admin';
