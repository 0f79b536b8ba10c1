export * from './case.js';
export * from './deadline.js';
