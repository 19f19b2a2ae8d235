export { JimpImageProcessor, UnsupportedImageError } from './jimp-image-processor.js';
export { probeImage } from './probe.js';
