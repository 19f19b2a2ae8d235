export * from './cached-access-view.js';
