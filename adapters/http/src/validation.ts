import type Joi from 'joi';
import { LRUCache } from 'lru-cache';
import { textProblem } from '@parley/core';
import { HttpError } from './errors.js';
import { branchesFor } from './any-of.js';

/** Keys that reach prototypes when a body is merged or spread somewhere down the line. */
const POISONED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * How deep a body or socket frame may nest. The deepest thing the API takes is a few levels (a poll in a
 * message, entities in metadata); past this the input is refused before anything walks it recursively (a body
 * 5,000 levels deep overflowed the stack: a 500).
 */
export const MAX_INPUT_DEPTH = 32;

/**
 * Every key and string of a parsed body or query, at any depth up to MAX_INPUT_DEPTH: no prototype keys
 * (JSON.parse makes `__proto__` an own property, which schema validators may not see), no NUL, no unpaired
 * surrogates; nothing nested deeper.
 */
export function inputProblems(value: unknown, path = '', depth = 0): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  collect(value, path, depth, problems);
  return problems;
}

/**
 * `inputProblems`' walk, into one list, with no allocation for what has no problem (the walk runs on every body, and
 * a list per string and a path per key were garbage of every send). `path` is the value's own.
 */
function collect(value: unknown, path: string, depth: number, out: { field: string; message: string }[]): void {
  if (depth > MAX_INPUT_DEPTH && value !== null && typeof value === 'object') {
    out.push({ field: path || 'body', message: `is nested deeper than ${MAX_INPUT_DEPTH} levels` });
    return;
  }
  if (typeof value === 'string') {
    const problem = textProblem(value);
    if (problem) out.push({ field: path || 'body', message: problem });
    return;
  }
  if (!value || typeof value !== 'object') return;
  for (const key of Object.keys(value)) {
    const item = (value as Record<string, unknown>)[key];
    if (POISONED_KEYS.has(key)) out.push({ field: path ? `${path}.${key}` : key, message: 'is not allowed' });
    else if (textProblem(key)) out.push({ field: path || 'body', message: `has a key that ${textProblem(key)}` });
    else if (typeof item === 'string') {
      const problem = textProblem(item);
      if (problem) out.push({ field: path ? `${path}.${key}` : key, message: problem });
    } else if (item !== null && typeof item === 'object') collect(item, path ? `${path}.${key}` : key, depth + 1, out);
    // One problem of depth is enough: the rest of a deep input is not walked.
    if (out.at(-1)?.message.startsWith('is nested deeper')) break;
  }
}

/**
 * Shapes are checked at the edge with joi; meaning (limits, membership, permissions) in the core.
 * Rule for unknown fields: they are rejected with 422, so a client can never slip in `role`, `senderId`
 * or `seq`, and typos surface instead of being silently ignored.
 */

/**
 * Validated query strings by schema. Queries repeat (`?limit=50`, a cursor a client pages with), and
 * validation is a pure function of the parsed query, so a repeat is answered from here: a history page
 * spent more CPU in joi than in reading its 50 messages. Only successes are kept, frozen, at most 1,000
 * per schema.
 */
const validQueries = new WeakMap<Joi.Schema, LRUCache<string, object>>();

const integerKeysOf = new WeakMap<Joi.Schema, string[]>();
/** The keys of an object schema that take integers. */
function integerKeys(schema: Joi.Schema): string[] {
  let keys = integerKeysOf.get(schema);
  if (!keys) {
    const described = schema.describe() as { keys?: Record<string, { type?: string; rules?: { name: string }[] }> };
    keys = Object.entries(described.keys ?? {})
      .filter(([, d]) => d.type === 'number' && d.rules?.some((r) => r.name === 'integer'))
      .map(([name]) => name);
    integerKeysOf.set(schema, keys);
  }
  return keys;
}

/** `validate` for a query string's parameters (flat strings, as the API's query parser makes them). */
export function validateQuery<T>(schema: Joi.Schema, query: Record<string, unknown>): T {
  let known = validQueries.get(schema);
  if (!known) validQueries.set(schema, (known = new LRUCache<string, object>({ max: 1_000 })));
  const key = JSON.stringify(query);
  const hit = known.get(key);
  if (hit) return hit as T;
  // joi reads "0.0", "1e3" or " 7" as integers; in a query string an integer is written in digits only.
  for (const name of integerKeys(schema)) {
    const raw = query[name];
    if (typeof raw === 'string' && !/^-?\d+$/.test(raw))
      throw new HttpError(422, 'validation_failed', `${name} must be an integer written in digits`, [
        { field: name, message: 'must be an integer written in digits' },
      ]);
  }
  const clean = Object.freeze(validate<object>(schema, query, 'query'));
  known.set(key, clean);
  return clean as T;
}

export function validate<T>(schema: Joi.Schema, value: unknown, where: 'body' | 'query'): T {
  const problems = inputProblems(value);
  if (problems.length > 0)
    throw new HttpError(422, 'validation_failed', `${problems[0]!.field} ${problems[0]!.message}`, problems);
  const branches = branchesFor(schema);
  if (branches) {
    const tried = [];
    for (const branch of branches) {
      const result = branch.validate(value ?? {}, {
        abortEarly: false,
        convert: where === 'query',
        allowUnknown: false,
      });
      if (!result.error) return result.value as T;
      tried.push({ branch, result });
    }
    const closest = tried.sort((a, b) => a.result.error!.details.length - b.result.error!.details.length)[0]!;
    return validate(closest.branch, value, where);
  }
  const { error, value: clean } = schema.validate(value ?? {}, {
    abortEarly: false,
    convert: where === 'query',
    allowUnknown: false,
  });
  if (error) {
    const details = error.details.map((d) => ({
      field: d.path.join('.') || where,
      message: d.message.replace(/^"[^"]*" /, ''),
    }));
    throw new HttpError(422, 'validation_failed', `${details[0]?.field} ${details[0]?.message}`, details);
  }
  return clean as T;
}
