export * from './metrics.js';
export * from './dimensions.js';
export * from './schemas.js';
export * from './public-year.js';
export * from './round-metrics.js';
