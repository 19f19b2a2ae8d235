// The core runs wherever these WHATWG globals exist (Node 18+, Deno, Bun, browsers) and needs no
// platform typings beyond them.
declare function btoa(data: string): string;
declare function atob(data: string): string;
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare function setTimeout(callback: (...args: unknown[]) => void, ms?: number): unknown;
declare function clearTimeout(handle: unknown): void;
