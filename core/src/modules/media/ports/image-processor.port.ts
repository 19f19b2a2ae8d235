export const ImageProcessor = Symbol.for('ImageProcessor');

export interface ImageInfo {
  format: 'png' | 'jpeg' | 'gif' | 'webp';
  width: number;
  height: number;
}

export interface ImageProcessor {
  /** Format and dimensions read from the header only (no full decode), or null if not a supported image. */
  probe(bytes: Uint8Array): Promise<ImageInfo | null>;
  /** A re-encoded copy without metadata, scaled to fit within maxSide (aspect kept, never enlarged). */
  resize(
    bytes: Uint8Array,
    maxSide: number,
  ): Promise<{ bytes: Uint8Array; width: number; height: number; contentType: string }>;
}
