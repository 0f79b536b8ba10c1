export * from './bounce-rules.js';
