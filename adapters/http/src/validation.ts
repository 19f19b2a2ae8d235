import Joi from 'joi';
import { textProblem } from '@parley/core';
import { HttpError } from './errors.js';

/** Keys that reach prototypes when a body is merged or spread somewhere down the line. */
const POISONED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Every key and string of a parsed body or query, at any depth: no prototype keys (JSON.parse makes
 * `__proto__` an own property, which schema validators may not see), no NUL, no unpaired surrogates.
 */
export function inputProblems(value: unknown, path = ''): { field: string; message: string }[] {
  if (typeof value === 'string') {
    const problem = textProblem(value);
    return problem ? [{ field: path || 'body', message: problem }] : [];
  }
  if (!value || typeof value !== 'object') return [];
  const problems: { field: string; message: string }[] = [];
  for (const key of Object.keys(value)) {
    const field = path ? `${path}.${key}` : key;
    if (POISONED_KEYS.has(key)) problems.push({ field, message: 'is not allowed' });
    else if (textProblem(key)) problems.push({ field: path || 'body', message: `has a key that ${textProblem(key)}` });
    else problems.push(...inputProblems((value as Record<string, unknown>)[key], field));
  }
  return problems;
}

/**
 * Shapes are checked at the edge with joi; meaning (limits, membership, permissions) in the core.
 * Rule for unknown fields: they are rejected with 422, so a client can never slip in `role`, `senderId`
 * or `seq`, and typos surface instead of being silently ignored.
 */
export function validate<T>(schema: Joi.Schema, value: unknown, where: 'body' | 'query'): T {
  const problems = inputProblems(value);
  if (problems.length > 0) throw new HttpError(422, 'validation_failed', `${problems[0]!.field} ${problems[0]!.message}`, problems);
  const { error, value: clean } = schema.validate(value ?? {}, { abortEarly: false, convert: where === 'query', allowUnknown: false });
  if (error) {
    const details = error.details.map((d) => ({ field: d.path.join('.') || where, message: d.message.replace(/^"[^"]*" /, '') }));
    throw new HttpError(422, 'validation_failed', `${details[0]?.field} ${details[0]?.message}`, details);
  }
  return clean as T;
}

const id = Joi.string().max(128);
const cursor = Joi.string().max(512);
const limit = Joi.number().integer().min(1).max(1000);

export const schemas = {
  register: Joi.object({ email: Joi.string().max(254).required(), username: Joi.string().max(64).required(), password: Joi.string().max(256).required(), displayName: Joi.string().max(64) }),
  login: Joi.object({ login: Joi.string().max(254).required(), password: Joi.string().max(256).required() }),
  refresh: Joi.object({ refreshToken: Joi.string().max(512).required() }),
  logout: Joi.object({ refreshToken: Joi.string().max(512) }),
  reauthenticate: Joi.object({ password: Joi.string().max(256).required() }),
  changePassword: Joi.object({ currentPassword: Joi.string().max(256).required(), newPassword: Joi.string().max(256).required() }),
  profile: Joi.object({ displayName: Joi.string().max(64), bio: Joi.string().allow('').max(512), avatarMediaId: id.allow(null) }).min(1),
  avatar: Joi.object({ mediaId: id.required() }),
  userSearch: Joi.object({ q: Joi.string().max(64).required(), limit }),
  presence: Joi.object({ userIds: Joi.string().max(200 * 130).required() }),
  createConversation: Joi.object({
    kind: Joi.string().valid('direct', 'group', 'channel').required(), memberIds: Joi.array().items(id).max(1000).default([]),
    name: Joi.string().max(128), description: Joi.string().allow('').max(1024),
  }),
  updateConversation: Joi.object({
    name: Joi.string().max(128), description: Joi.string().allow('').max(1024), avatarMediaId: id.allow(null),
    settings: Joi.object({ retentionDays: Joi.number().integer().allow(null) }),
  }).min(1),
  page: Joi.object({ cursor, limit }),
  addParticipant: Joi.object({ userId: id.required(), role: Joi.string().valid('admin', 'member', 'subscriber') }),
  changeRole: Joi.object({ role: Joi.string().valid('owner', 'admin', 'member', 'subscriber').required() }),
  history: Joi.object({ before: Joi.number().integer().min(0), after: Joi.number().integer().min(0), cursor, limit }).oxor('before', 'after', 'cursor'),
  send: Joi.object({
    content: Joi.string().allow('').max(20_000), clientMessageId: Joi.string().max(128), replyToId: id.allow(null),
    attachmentIds: Joi.array().items(id).max(10), metadata: Joi.object({ mentions: Joi.array().items(id).max(50) }),
  }),
  edit: Joi.object({ content: Joi.string().allow('').max(20_000).required() }),
  deleteMessage: Joi.object({ for: Joi.string().valid('me', 'everyone').default('everyone') }),
  react: Joi.object({ emoji: Joi.string().max(64).required() }),
  forward: Joi.object({ conversationId: id.required() }),
  read: Joi.object({ kind: Joi.string().valid('read', 'delivered').default('read') }),
  typing: Joi.object({ typing: Joi.boolean().required() }),
  mute: Joi.object({ until: Joi.alternatives(Joi.string().isoDate(), Joi.string().valid('forever')).allow(null).required() }),
  events: Joi.object({ after: Joi.number().integer().min(0).default(0), limit }),
  sync: Joi.object({ token: Joi.string().max(512) }),
  upload: Joi.object({ filename: Joi.string().max(255).required(), contentType: Joi.string().max(128).required(), size: Joi.number().integer().required() }),
  search: Joi.object({ q: Joi.string().max(200).required(), conversationId: id, cursor, limit }),
  report: Joi.object({ reason: Joi.string().max(1000).required() }),
  exportQuery: Joi.object({ messages: Joi.string().valid('all', 'none').default('all') }),
  adminConversations: Joi.object({ kind: Joi.string().valid('direct', 'group', 'channel'), cursor, limit }),
  adminUsers: Joi.object({ role: Joi.string().valid('user', 'moderator', 'admin'), banned: Joi.boolean(), cursor, limit }),
  ban: Joi.object({ reason: Joi.string().max(500).required() }),
  setRole: Joi.object({ role: Joi.string().valid('user', 'moderator', 'admin').required() }),
  moderate: Joi.object({ reason: Joi.string().max(500).required() }),
  reports: Joi.object({ status: Joi.string().valid('open', 'resolved'), cursor, limit }),
  resolve: Joi.object({ resolution: Joi.string().valid('dismissed', 'actioned').required(), note: Joi.string().allow('').max(1000) }),
  audit: Joi.object({ targetId: id, actorId: id, cursor, limit }),
  flag: Joi.object({ enabled: Joi.boolean().required() }),
  empty: Joi.object({}),
};
