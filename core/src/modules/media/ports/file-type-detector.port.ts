export const FileTypeDetector = Symbol.for('FileTypeDetector');

export interface FileTypeDetector {
  /**
   * The media type the bytes' own signature shows (e.g. `video/mp4`), or null when they carry none that
   * is known (plain text, HTML, unknown formats). Reads only the first few KiB.
   */
  detect(bytes: Uint8Array): Promise<string | null>;
}
