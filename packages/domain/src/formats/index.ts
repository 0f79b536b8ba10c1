export * from './formats.js';
export * from './text-direction.js';
