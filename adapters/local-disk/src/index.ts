export { LocalDiskBlobStore, type LocalDiskOptions } from './local-disk-blob-store.js';
