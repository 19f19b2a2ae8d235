import type { FieldIssue } from './errors.js';

/** Collects field issues so a use case reports every bad field at once, not only the first. */
export class Issues {
  readonly list: FieldIssue[] = [];

  add(field: string, message: string): void {
    this.list.push({ field, message });
  }

  text(field: string, value: unknown, opts: { min?: number; max: number; required?: boolean }): string | undefined {
    if (value === undefined || value === null) {
      if (opts.required) this.add(field, 'is required');
      return undefined;
    }
    if (typeof value !== 'string') {
      this.add(field, 'must be a string');
      return undefined;
    }
    const problem = textProblem(value);
    if (problem) {
      this.add(field, problem);
      return undefined;
    }
    const trimmed = value.trim();
    const length = [...trimmed].length;
    if (length < (opts.min ?? 0))
      this.add(field, opts.min === 1 ? 'must not be empty' : `must be at least ${opts.min} characters`);
    else if (length > opts.max) this.add(field, `must be at most ${opts.max} characters`);
    return trimmed;
  }

  get empty(): boolean {
    return this.list.length === 0;
  }
}

/** An unpaired UTF-16 surrogate: not text in any encoding, and breaks UTF-8 storage and other clients. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string is not acceptable text (NUL or a lone surrogate), or null when it is. */
export function textProblem(value: string): string | null {
  if (value.includes('\u0000')) return 'must not contain the NUL character';
  if (LONE_SURROGATE.test(value)) return 'must not contain an unpaired UTF-16 surrogate';
  return null;
}

export const isNonEmptyString = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

export const clampLimit = (limit: number | undefined, fallback: number, max: number): number => {
  if (limit === undefined || !Number.isFinite(limit)) return fallback;
  return Math.max(1, Math.min(max, Math.floor(limit)));
};
