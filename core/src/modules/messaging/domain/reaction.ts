import { invalid, type ValidationFailed } from '../../../shared/errors.js';
import { ok, err, type Result } from '../../../shared/result.js';
import type { ReactionSummary } from './message.js';

export interface Reaction {
  messageId: string;
  conversationId: string;
  userId: string;
  emoji: string;
  createdAt: Date;
}

const PICTOGRAPHIC = /\p{Extended_Pictographic}/u;
const REGIONAL_FLAG = /^\p{Regional_Indicator}{2}$/u;
const KEYCAP = /^[0-9#*]\uFE0F?\u20E3$/u;
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * A reaction is exactly one emoji grapheme: a pictograph (with any skin tone, ZWJ sequence or
 * variation selector), a flag, or a keycap. Text, several emoji or stray modifiers are rejected.
 */
export function validateEmoji(value: unknown): Result<string, ValidationFailed> {
  if (typeof value !== 'string' || value.length === 0 || value.length > 32)
    return err(invalid('emoji', 'must be a single emoji'));
  const graphemes = [...segmenter.segment(value)];
  if (graphemes.length !== 1) return err(invalid('emoji', 'must be a single emoji'));
  const isEmoji =
    REGIONAL_FLAG.test(value) ||
    KEYCAP.test(value) ||
    (PICTOGRAPHIC.test(value) && !/[\p{L}\p{N}\s]/u.test(value.replace(/[\u{1F3FB}-\u{1F3FF}]/gu, '')));
  return isEmoji ? ok(value) : err(invalid('emoji', 'must be a single emoji'));
}

/** Per message: each emoji with its count and whether the viewer used it, emojis in the order given. */
export function summarizeReactions(reactions: Iterable<Reaction>, viewerId: string): Map<string, ReactionSummary[]> {
  const out = new Map<string, ReactionSummary[]>();
  for (const r of reactions) {
    const list = out.get(r.messageId) ?? [];
    let entry = list.find((s) => s.emoji === r.emoji);
    if (!entry) list.push((entry = { emoji: r.emoji, count: 0, mine: false }));
    entry.count += 1;
    entry.mine ||= r.userId === viewerId;
    out.set(r.messageId, list);
  }
  return out;
}
