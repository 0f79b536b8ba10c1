export * from './publish-checklist.js';
export * from './publish-checklist.schema.js';
