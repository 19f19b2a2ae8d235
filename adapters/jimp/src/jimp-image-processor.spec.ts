import { Jimp } from 'jimp';
import { describe, expect, it } from 'vitest';
import { JimpImageProcessor, UnsupportedImageError } from './jimp-image-processor.js';
import { probeImage } from './probe.js';

async function png(width: number, height: number): Promise<Uint8Array> {
  const image = new Jimp({ width, height, color: 0x3366ccff });
  return new Uint8Array(await image.getBuffer('image/png'));
}

/** A PNG header declaring a huge bitmap: what a decompression bomb looks like before decoding. */
function bombHeader(side: number): Uint8Array {
  const bytes = new Uint8Array(64);
  const view = new DataView(bytes.buffer);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  view.setUint32(16, side);
  view.setUint32(20, side);
  return bytes;
}

describe('probeImage', () => {
  it('reads PNG and JPEG dimensions from the header', async () => {
    expect(probeImage(await png(30, 20))).toEqual({ format: 'png', width: 30, height: 20 });
    const jpeg = new Uint8Array(await new Jimp({ width: 17, height: 9, color: 0xffffffff }).getBuffer('image/jpeg'));
    expect(probeImage(jpeg)).toEqual({ format: 'jpeg', width: 17, height: 9 });
  });

  it('reads a bomb header without decoding it', () => {
    expect(probeImage(bombHeader(14_000))).toEqual({ format: 'png', width: 14_000, height: 14_000 });
  });

  it('says null for non-images, such as a renamed executable', () => {
    expect(probeImage(new TextEncoder().encode('MZ\x90\x00 this program cannot be run in DOS mode'))).toBeNull();
    expect(probeImage(new Uint8Array())).toBeNull();
  });
});

describe('JimpImageProcessor', () => {
  const processor = new JimpImageProcessor(10_000_000);

  it('scales to fit, keeping the aspect ratio', async () => {
    const out = await processor.resize(await png(400, 200), 100);
    expect([out.width, out.height, out.contentType]).toEqual([100, 50, 'image/png']);
    expect(probeImage(out.bytes)).toEqual({ format: 'png', width: 100, height: 50 });
  });

  it('never enlarges', async () => {
    const out = await processor.resize(await png(40, 20), 320);
    expect([out.width, out.height]).toEqual([40, 20]);
  });

  it('refuses a pixel bomb before decoding', async () => {
    await expect(processor.resize(bombHeader(14_000), 320)).rejects.toBeInstanceOf(UnsupportedImageError);
  });
});
