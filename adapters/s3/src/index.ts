export { isS3ConnectionError, S3BlobStore, type S3Options } from './s3-blob-store.js';
