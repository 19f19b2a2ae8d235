/**
 * Who may do what to a person, Telegram-style: each setting names an audience (everyone, the people they
 * share a conversation with, nobody) and per-person exceptions either way. The exceptions win over the
 * audience; `deny` wins over `allow`. What each setting hides, from whom: docs/security.md.
 */
export const AUDIENCES = ['everyone', 'shared', 'nobody'] as const;
export type Audience = (typeof AUDIENCES)[number];

/**
 * - `directMessages`: who may open a direct conversation with me (one that exists stays open);
 * - `groupAdds`: who may add me to a group or channel (anyone may still send me an invite link);
 * - `lastSeen`: who sees my online status, last seen and typing;
 * - `search`: who finds me by username or name search.
 */
export const PRIVACY_SETTINGS = ['directMessages', 'groupAdds', 'lastSeen', 'search'] as const;
export type PrivacySetting = (typeof PRIVACY_SETTINGS)[number];

export interface PrivacyRule {
  audience: Audience;
  /** Always allowed, whatever the audience (user ids). */
  allow: string[];
  /** Never allowed, whatever the audience (user ids). */
  deny: string[];
}

export type Privacy = Record<PrivacySetting, PrivacyRule>;

/** How many exceptions one rule holds, each way. */
export const MAX_PRIVACY_EXCEPTIONS = 1000;

const open = (): PrivacyRule => ({ audience: 'everyone', allow: [], deny: [] });

/** Everyone may do everything: an account's settings until its owner changes them. */
export const DEFAULT_PRIVACY: Privacy = {
  directMessages: open(),
  groupAdds: open(),
  lastSeen: open(),
  search: open(),
};

/** The person's settings, the defaults filling what was never set. */
export const privacyOf = (user: { privacy?: Partial<Privacy> | null }): Privacy => ({
  ...DEFAULT_PRIVACY,
  ...(user.privacy ?? {}),
});

/**
 * Whether `viewerId` passes `rule`. `shares` answers whether the two share a conversation; it is asked only
 * when the audience needs it (it costs a read).
 */
export async function passes(
  rule: PrivacyRule,
  viewerId: string,
  shares: () => Promise<boolean> | boolean,
): Promise<boolean> {
  if (rule.deny.includes(viewerId)) return false;
  if (rule.allow.includes(viewerId)) return true;
  if (rule.audience === 'everyone') return true;
  if (rule.audience === 'nobody') return false;
  return shares();
}
