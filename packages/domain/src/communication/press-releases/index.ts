export * from './press-release.js';
