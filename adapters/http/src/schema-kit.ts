/**
 * The building blocks of the request schemas (request-schemas.ts, the Bot API's methods): text of a length and a
 * pattern, ids, cursors, limits, positions, dates, and bodies whose shape depends on a kind.
 */
import Joi from 'joi';
import { CURSOR_MAX_LENGTH, CURSOR_PATTERNS } from '@parley/core';

/**
 * Strings at the edge, counted and matched the way JSON Schema (and so the API document and every
 * client and fuzzer reading it) counts and matches: length in code points, patterns made only of explicit
 * character classes (no `\\s`, whose meaning differs between regex engines). Every string refuses NUL.
 */
const J: typeof Joi = Joi.extend((joi) => ({
  type: 'text',
  base: joi.string(),
  messages: { 'text.length': '{{#label}} must be {{#min}}-{{#max}} characters long' },
  rules: {
    chars: {
      method(min: number, max: number) {
        return this.$_addRule({ name: 'chars', args: { min, max } });
      },
      args: [
        { name: 'min', assert: (v: unknown) => typeof v === 'number', message: 'must be a number' },
        { name: 'max', assert: (v: unknown) => typeof v === 'number', message: 'must be a number' },
      ],
      validate(value: string, helpers: Joi.CustomHelpers, args: { min: number; max: number }) {
        let n = 0;
        for (const _ of value) n += 1;
        return n < args.min || n > args.max ? helpers.error('text.length', args) : value;
      },
    },
  },
}));
type TextSchema = Joi.StringSchema & { chars(min: number, max: number): TextSchema };
export const text = (min: number, max: number, pattern: RegExp = NO_NUL): TextSchema => {
  const schema = (J as unknown as { text(): TextSchema }).text().chars(min, max).pattern(pattern) as TextSchema;
  return (min === 0 ? schema.allow('') : schema) as TextSchema;
};

/** What JavaScript's trim() and `\\s` take for white space, spelled out. */
const WS = '\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff';
// The patterns name NUL (\x00) on purpose: it is the one character every string refuses.
/* eslint-disable no-control-regex */
const NO_NUL = /^[^\x00]*$/;
/** At least one character that is not white space: what survives the core's trim(). */
export const VISIBLE = new RegExp(`^[^\\x00]*[^\\x00${WS}][^\\x00]*$`);
export const ID_LIST = /^[^,\x00]+(,[^,\x00]+){0,199}$/;
/* eslint-enable no-control-regex */
/** An http(s) URL: no NUL, no whitespace (written out: `\\S` would take NUL). */
export const HTTP_URL = new RegExp(`^https?://[^\\x00${WS}]+$`);
export const EMAIL = new RegExp(`^[^\\x00@${WS}]+@[^\\x00@${WS}]+\\.[^\\x00@${WS}]+$`);

/** Any text without NUL (empty allowed when min is 0). */
export const plain = (max: number, min = 1) => text(min, max);
/** Text a person reads: at least one visible character. */
export const visible = (max: number) => text(1, max, VISIBLE);
export const id = text(1, 128);
export const cursorOf = (kind: keyof typeof CURSOR_PATTERNS) =>
  text(1, CURSOR_MAX_LENGTH, new RegExp(CURSOR_PATTERNS[kind]));
export const limit = Joi.number().integer().min(1).max(1000);
/** A position (seq, eventSeq): any whole number from 0 that JavaScript holds exactly. */
export const position = Joi.number().integer().min(0).max(Number.MAX_SAFE_INTEGER);
export const password = text(8, 256);
export const dateTime = Joi.string().isoDate().meta({ format: 'date-time' });

/** An FCM registration token or an APNs device token (hex). */
export const DEVICE_TOKEN = /^[A-Za-z0-9:_.-]+$/;

/** One branch per value of `key`: the body's shape depends on it (documented as oneOf). */
export const byKind = (key: string, branches: Record<string, Joi.ObjectSchema>) =>
  Joi.alternatives().conditional(Joi.ref(`.${key}`), {
    switch: Object.entries(branches).map(([is, then]) => ({ is, then })),
    otherwise: Joi.object({
      [key]: Joi.string()
        .valid(...Object.keys(branches))
        .required(),
    }).unknown(true),
  });
