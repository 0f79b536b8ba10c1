export * from './disclosure.js';
export * from './suppression.js';
export * from './differencing.js';
export * from './profile.js';
export * from './schemas.js';
