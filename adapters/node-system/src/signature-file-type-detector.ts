import { fileTypeFromBuffer } from 'file-type';
import type { FileTypeDetector } from '@parley/core';

/** FileTypeDetector on the `file-type` library's magic-number tables (pure JavaScript, in process). */
export class SignatureFileTypeDetector implements FileTypeDetector {
  async detect(bytes: Uint8Array): Promise<string | null> {
    return (await fileTypeFromBuffer(bytes))?.mime ?? null;
  }
}
