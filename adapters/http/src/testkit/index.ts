export * from './frame-conformance.js';
export * from './response-conformance.js';
