export * from './domain/media.js';
export * from './ports/media-store.port.js';
export * from './ports/blob-store.port.js';
export * from './ports/image-processor.port.js';
export * from './ports/file-type-detector.port.js';
export * from './policies/queue-media.js';
export * from './policies/signed-blob-urls.js';
export * from './policies/media-access.js';
