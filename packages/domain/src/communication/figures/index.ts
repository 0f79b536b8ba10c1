export * from './minimum-rule.js';
export * from './figure-wording.js';
