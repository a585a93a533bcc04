// The runtime side of the contract: constants and pure functions, no zod (the front imports this).
// The zod schemas are in `@charte/contract/schemas`; their types are re-exported here.
export * from './constants';
export * from './decide';
export * from './labels';
export * from './surveys';
export * from './public-pages';
export type * from './schemas';
export * from './cms-services';
