import { Jimp } from 'jimp';
import type { ImageInfo, ImageProcessor } from '@parley/core';
import { probeImage } from './probe.js';

export class UnsupportedImageError extends Error {}

/**
 * Thumbnails with jimp. Re-encoding drops EXIF and other metadata. Refuses to decode anything whose
 * header declares more than `maxPixels`, so callers may hand it untrusted bytes.
 */
export class JimpImageProcessor implements ImageProcessor {
  constructor(private readonly maxPixels = 40_000_000) {}

  async probe(bytes: Uint8Array): Promise<ImageInfo | null> {
    return probeImage(bytes);
  }

  async resize(
    bytes: Uint8Array,
    maxSide: number,
  ): Promise<{ bytes: Uint8Array; width: number; height: number; contentType: string }> {
    const info = probeImage(bytes);
    if (!info || info.format === 'webp')
      throw new UnsupportedImageError(`cannot decode ${info?.format ?? 'unknown'} images`);
    if (info.width * info.height > this.maxPixels) throw new UnsupportedImageError('image exceeds the pixel limit');
    const image = await Jimp.read(Buffer.from(bytes));
    if (image.width > maxSide || image.height > maxSide) image.scaleToFit({ w: maxSide, h: maxSide });
    const contentType = info.format === 'png' || info.format === 'gif' ? 'image/png' : 'image/jpeg';
    const out =
      contentType === 'image/png'
        ? await image.getBuffer('image/png')
        : await image.getBuffer('image/jpeg', { quality: 82 });
    return { bytes: new Uint8Array(out), width: image.width, height: image.height, contentType };
  }
}
