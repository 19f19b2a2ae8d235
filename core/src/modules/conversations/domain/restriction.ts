import type { Participant } from './participant.js';

/**
 * What a restricted member may not do (Telegram's member permissions, taken away one by one):
 * `send` makes them read-only (nothing at all can be posted), `media` refuses attachments, `links` refuses
 * text with a link in it, `polls` refuses polls.
 */
export const RESTRICTABLE = ['send', 'media', 'links', 'polls'] as const;
export type Restrictable = (typeof RESTRICTABLE)[number];

export interface Restriction {
  deny: Restrictable[];
  /** When it ends by itself; null: until lifted. */
  until: Date | null;
  by: string;
  at: Date;
}

/** The member's restriction if it still holds at `now`. */
export function restrictionOf(participant: Participant, now: Date): Restriction | null {
  const r = participant.restrictions ?? null;
  if (!r || r.deny.length === 0) return null;
  return r.until === null || r.until.getTime() > now.getTime() ? r : null;
}

/** Whether the member may still do `what` at `now`: `send` denied denies everything. */
export const restricted = (participant: Participant, what: Restrictable, now: Date): Restriction | null => {
  const r = restrictionOf(participant, now);
  return r && (r.deny.includes('send') || r.deny.includes(what)) ? r : null;
};

const DENIED: Record<Restrictable, string> = {
  send: 'post here',
  media: 'send photos, videos or files here',
  links: 'send links here',
  polls: 'send polls here',
};

/** "an admin restricted you: you may not send links here until 2026-12-04T10:00:00.000Z". */
export const restrictionMessage = (r: Restriction, what: Restrictable): string =>
  `an admin restricted you: you may not ${DENIED[r.deny.includes('send') ? 'send' : what]}` +
  (r.until ? ` until ${r.until.toISOString()}` : '');
