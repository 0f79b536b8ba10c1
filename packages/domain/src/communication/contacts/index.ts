export * from './contact.js';
export * from './contact-import.js';
