import { invalid, type ValidationFailed } from '../../../shared/errors.js';
import { ok, err, type Result } from '../../../shared/result.js';
import { Issues } from '../../../shared/validate.js';
import { MEMBER_PERMISSIONS, type MemberPermissions } from './rights.js';

/** Longest edit window a conversation may set (30 days); null means no window. */
export const MAX_EDIT_WINDOW_SECONDS = 30 * 24 * 3600;

export type ConversationKind = 'direct' | 'group' | 'channel';
export const CONVERSATION_KINDS: readonly ConversationKind[] = ['direct', 'group', 'channel'];

export interface ConversationSettings {
  /** Messages older than this many days are deleted by the retention job; null keeps them forever. */
  retentionDays: number | null;
  /**
   * Slow mode (groups): each member may send one message per this many seconds; owners and admins are
   * exempt. null (or absent, in records older than the setting): off.
   */
  slowModeSeconds?: number | null;
  /** Messages may be edited for this many seconds after they were sent; null (or absent): always. */
  editWindowSeconds?: number | null;
  /** Channels: subscribers may comment on posts (reply in their threads). Absent: false. */
  comments?: boolean;
  /** Groups: what members may do (absent ones: DEFAULT_MEMBER_PERMISSIONS). */
  permissions?: Partial<MemberPermissions>;
}

export const MAX_SLOW_MODE_SECONDS = 3600;

export interface Conversation {
  id: string;
  kind: ConversationKind;
  name: string | null;
  /**
   * Public @username (groups and channels): anyone finds the conversation by it, sees its preview and
   * joins by themselves. null (or absent, in records older than the field): private.
   */
  username?: string | null;
  description: string | null;
  avatarMediaId: string | null;
  settings: ConversationSettings;
  /** A moderator shut it: everyone reads, nobody posts (absent or null: open). */
  shutAt?: Date | null;
  createdBy: string;
  /** `min:max` of the two user ids of a direct conversation; unique, so there is one per pair. */
  directKey: string | null;
  memberLimit: number | null;
  lastMessageSeq: number;
  lastEventSeq: number;
  lastMessageAt: Date | null;
  lastActivityAt: Date;
  createdAt: Date;
  updatedAt: Date;
  deletedAt: Date | null;
}

export const DEFAULT_GROUP_MEMBER_LIMIT = 1000;

/** Telegram's rule for public usernames: 5-32 characters, a letter first, then letters, digits and underscores. */
export const CONVERSATION_USERNAME = /^[A-Za-z][A-Za-z0-9_]{4,31}$/;
export const isPublic = (conversation: Conversation): boolean => typeof conversation.username === 'string';

export const directKeyOf = (a: string, b: string): string => (a < b ? `${a}:${b}` : `${b}:${a}`);

/** The other person of a direct conversation the user is in, or null for any other conversation. */
export function directPeer(conversation: Pick<Conversation, 'kind' | 'directKey'>, userId: string): string | null {
  if (conversation.kind !== 'direct' || !conversation.directKey) return null;
  const [a, b] = conversation.directKey.split(':');
  return a === userId ? (b ?? null) : (a ?? null);
}

export interface ConversationDetails {
  name?: string | null;
  description?: string | null;
  avatarMediaId?: string | null;
  settings?: Partial<ConversationSettings>;
}

/** Validates the editable fields; `requireName` holds for groups and channels at creation. */
export function validateDetails(
  input: { name?: unknown; description?: unknown; avatarMediaId?: unknown; settings?: unknown },
  requireName: boolean,
): Result<ConversationDetails, ValidationFailed> {
  const issues = new Issues();
  const out: ConversationDetails = {};
  const name = issues.text('name', input.name, { min: 1, max: 128, required: requireName });
  if (name !== undefined) out.name = name;
  const description = issues.text('description', input.description, { max: 1024 });
  if (description !== undefined) out.description = description;
  if (input.avatarMediaId !== undefined) {
    if (input.avatarMediaId === null || typeof input.avatarMediaId === 'string')
      out.avatarMediaId = input.avatarMediaId;
    else issues.add('avatarMediaId', 'must be a media id or null');
  }
  if (input.settings !== undefined) {
    const settings = input.settings as {
      retentionDays?: unknown;
      slowModeSeconds?: unknown;
      editWindowSeconds?: unknown;
      comments?: unknown;
      permissions?: unknown;
    } | null;
    const whole = (v: unknown, max: number) =>
      v === null || (typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= max);
    if (typeof settings !== 'object' || settings === null) issues.add('settings', 'must be an object');
    else {
      const changed: Partial<ConversationSettings> = {};
      if (settings.retentionDays !== undefined) {
        if (whole(settings.retentionDays, 3650)) changed.retentionDays = settings.retentionDays as number | null;
        else issues.add('settings.retentionDays', 'must be a whole number of days (1-3650) or null');
      }
      if (settings.slowModeSeconds !== undefined) {
        if (whole(settings.slowModeSeconds, MAX_SLOW_MODE_SECONDS))
          changed.slowModeSeconds = settings.slowModeSeconds as number | null;
        else
          issues.add(
            'settings.slowModeSeconds',
            `must be a whole number of seconds (1-${MAX_SLOW_MODE_SECONDS}) or null`,
          );
      }
      if (settings.editWindowSeconds !== undefined) {
        if (whole(settings.editWindowSeconds, MAX_EDIT_WINDOW_SECONDS))
          changed.editWindowSeconds = settings.editWindowSeconds as number | null;
        else
          issues.add(
            'settings.editWindowSeconds',
            `must be a whole number of seconds (1-${MAX_EDIT_WINDOW_SECONDS}) or null`,
          );
      }
      if (settings.comments !== undefined) {
        if (typeof settings.comments === 'boolean') changed.comments = settings.comments;
        else issues.add('settings.comments', 'must be true or false');
      }
      if (settings.permissions !== undefined) {
        const given = settings.permissions as Record<string, unknown> | null;
        const entries = typeof given === 'object' && given !== null ? Object.entries(given) : null;
        if (entries && entries.every(([k, v]) => MEMBER_PERMISSIONS.includes(k as never) && typeof v === 'boolean'))
          changed.permissions = Object.fromEntries(entries) as Partial<MemberPermissions>;
        else issues.add('settings.permissions', `must map some of ${MEMBER_PERMISSIONS.join(', ')} to true or false`);
      }
      if (Object.keys(changed).length > 0) out.settings = changed;
    }
  }
  return issues.empty ? ok(out) : err(invalid(issues.list));
}

export const isLive = (conversation: Conversation | null): conversation is Conversation =>
  conversation !== null && conversation.deletedAt === null;
