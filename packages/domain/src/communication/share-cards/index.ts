export * from './share-card.js';
