import { describe, expect, it } from 'vitest';
import { HttpError } from './errors.js';
import { schemas } from './request-schemas.js';
import { inputProblems, MAX_INPUT_DEPTH, validateQuery } from './validation.js';
import { buildOpenApi } from './openapi.js';
import { buildBotApiDocument } from './bot-api/bot-openapi.js';
import { routeTable, type HttpDeps } from './http-app.js';

describe('inputProblems', () => {
  it('names each problem by its path, at any depth, and walks no deeper than the limit', () => {
    const body = JSON.parse(
      '{"content":"a\\u0000b","metadata":{"mentions":["ok","\\ud800"],"__proto__":1,"k\\u0000":2},' +
        '"list":[{"x":"\\u0000"}]}',
    ) as unknown;
    expect(inputProblems(body)).toEqual([
      { field: 'content', message: 'must not contain the NUL character' },
      { field: 'metadata.mentions.1', message: 'must not contain an unpaired UTF-16 surrogate' },
      { field: 'metadata.__proto__', message: 'is not allowed' },
      { field: 'metadata', message: 'has a key that must not contain the NUL character' },
      { field: 'list.0.x', message: 'must not contain the NUL character' },
    ]);
    expect(inputProblems('\u0000')).toEqual([{ field: 'body', message: 'must not contain the NUL character' }]);
    expect(inputProblems({ content: 'fine', n: 1, list: [1, null, 'x'] })).toEqual([]);
    let deep: unknown = { leaf: '\u0000' };
    for (let i = 0; i < MAX_INPUT_DEPTH + 5; i += 1) deep = { a: deep, b: '\u0000' };
    const problems = inputProblems(deep);
    expect(problems.at(-1)?.message).toBe(`is nested deeper than ${MAX_INPUT_DEPTH} levels`);
    expect(problems.filter((p) => p.message.startsWith('is nested'))).toHaveLength(1);
  });
});

describe('validateQuery', () => {
  it('answers a repeated query from what it validated before: the same converted, frozen value', () => {
    const first = validateQuery<{ limit: number }>(schemas.history, { limit: '50' });
    expect(first).toEqual({ limit: 50 });
    expect(Object.isFrozen(first)).toBe(true);
    expect(validateQuery(schemas.history, { limit: '50' })).toBe(first);
    expect(validateQuery(schemas.history, { limit: '20' })).toEqual({ limit: 20 });
  });

  it('refuses a bad query every time (failures are not remembered) and keeps schemas apart', () => {
    for (let i = 0; i < 2; i += 1) {
      const error = (() => {
        try {
          validateQuery(schemas.history, { limit: 'many' });
          return null;
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(HttpError);
      expect((error as HttpError).status).toBe(422);
    }
    expect(validateQuery(schemas.page, { limit: '50' })).toEqual({ limit: 50 });
    expect(() => validateQuery(schemas.page, { before: '3' })).toThrow(HttpError);
    expect(validateQuery(schemas.history, { before: '3' })).toEqual({ before: 3 });
  });

  it('takes integers written in digits only: "0.0", "1e3" and " 7" are refused, "-0" and "42" taken', () => {
    for (const after of ['0.0', '1e3', ' 7', '0x10', '7 '])
      expect(() => validateQuery(schemas.history, { after }), after).toThrow(/must be an integer written in digits/);
    expect(validateQuery(schemas.history, { after: '42' })).toEqual({ after: 42 });
    expect(validateQuery(schemas.history, { before: '-0' })).toEqual({ before: 0 });
  });
});

describe('the patterns the API documents', () => {
  /** Pattern pieces that match NUL, which the edge refuses in every string: a document with one promises what the
   * server refuses (the fuzzer found `\S` in the Web Push endpoint's pattern). */
  const takesNul = (pattern: string): boolean =>
    /\\[SWD]/.test(pattern) || /(^|[^\\[])\.(?![^[]*\])/.test(pattern.replace(/\\./g, ''));

  it('never take NUL, in the REST document or the Bot API one', () => {
    const patterns: string[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object')
        for (const [key, value] of Object.entries(node))
          if (key === 'pattern' && typeof value === 'string') patterns.push(value);
          else walk(value);
    };
    // The route table only needs the modules' shapes to be built: every module is an empty stand-in.
    const modules = new Proxy({}, { get: () => ({}) }) as HttpDeps['modules'];
    walk(buildOpenApi(routeTable({ modules } as HttpDeps), { version: 'test', webClient: false }));
    walk(buildBotApiDocument('test'));
    expect(patterns.length).toBeGreaterThan(20);
    expect(patterns.filter(takesNul)).toEqual([]);
    expect(takesNul('^https?://\\S+$')).toBe(true);
  });
});
