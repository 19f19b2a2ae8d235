import type { Privacy } from './privacy.js';
import { invalid, type ValidationFailed } from '../../../shared/errors.js';
import { ok, err, type Result } from '../../../shared/result.js';
import { Issues } from '../../../shared/validate.js';

export type PlatformRole = 'user' | 'moderator' | 'admin';
export type PresenceStatus = 'online' | 'away' | 'offline';

export interface User {
  id: string;
  email: string;
  username: string;
  displayName: string;
  bio: string;
  avatarMediaId: string | null;
  passwordHash: string;
  role: PlatformRole;
  bannedAt: Date | null;
  banReason: string | null;
  /** A temporary platform ban ends here (null or absent: until lifted); the next sign-in after it lifts it. */
  bannedUntil?: Date | null;
  lastSeenAt: Date | null;
  erasedAt: Date | null;
  /** When the account proved it reads its e-mail (a verification link followed); absent or null: not yet. */
  emailVerifiedAt?: Date | null;
  createdAt: Date;
  updatedAt: Date;
  /** How this person is notified (absent: the defaults; see notificationSettingsOf). */
  notifications?: Partial<NotificationSettings> | null;
  /** Who may reach, add, see and find this person (absent: the defaults; see privacyOf). */
  privacy?: Partial<Privacy> | null;
  /** A bot (see the bots module): driven by a program through the Bot API, never signs in (absent: a person). */
  isBot?: boolean;
}

/** What other users may see of a user. */
export interface PublicUser {
  id: string;
  username: string;
  displayName: string;
  bio: string;
  avatarMediaId: string | null;
  lastSeenAt: Date | null;
  deleted: boolean;
  isBot: boolean;
}

/** What the user, and moderators, see: everything but the password hash (privacy settings: GET /privacy). */
export type PrivateUser = Omit<User, 'passwordHash' | 'privacy' | 'notifications'>;

/** How a person is notified of messages while away, on every channel (e-mail, webhook, push). */
export interface NotificationSettings {
  /** The global switch: off, nothing notifies them (per-conversation levels are kept for when it is on). */
  enabled: boolean;
  /** Whether a notification shows the sender and the text; off, it says only that a message came. */
  preview: boolean;
}

export const DEFAULT_NOTIFICATION_SETTINGS: NotificationSettings = { enabled: true, preview: true };

export const notificationSettingsOf = (user: Pick<User, 'notifications'>): NotificationSettings => ({
  ...DEFAULT_NOTIFICATION_SETTINGS,
  ...user.notifications,
});

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const USERNAME = /^[a-z0-9_]{3,32}$/;

export const normalizeEmail = (email: string): string => email.trim().toLowerCase();
/**
 * What a person typed to sign in, reduced to one spelling: Unicode NFKC (full-width letters, ligatures),
 * surrounding whitespace trimmed, case folded. Lookups and brute-force counters both use it, so
 * " Ann", "ANN\t" and "ａｎｎ" are one login.
 */
export const normalizeLogin = (login: string): string => login.normalize('NFKC').trim().toLowerCase();
export const normalizeUsername = (username: string): string => username.trim().toLowerCase();

export interface RegistrationFields {
  email: string;
  username: string;
  password: string;
  displayName: string;
}

export function validateRegistration(input: {
  email?: unknown;
  username?: unknown;
  password?: unknown;
  displayName?: unknown;
}): Result<RegistrationFields, ValidationFailed> {
  const issues = new Issues();
  const email = issues.text('email', input.email, { min: 3, max: 254, required: true });
  if (email && !EMAIL.test(email)) issues.add('email', 'must be an email address');
  const username = issues.text('username', input.username, { min: 3, max: 32, required: true });
  if (username && !USERNAME.test(normalizeUsername(username)))
    issues.add('username', 'may contain only letters, digits and underscores (3-32)');
  const password = validatePassword(issues, input.password);
  const displayName = issues.text('displayName', input.displayName, { min: 1, max: 64 });
  if (!issues.empty || !email || !username || password === undefined) return err(invalid(issues.list));
  return ok({
    email: normalizeEmail(email),
    username: normalizeUsername(username),
    password,
    displayName: displayName ?? username,
  });
}

export function validatePassword(issues: Issues, value: unknown): string | undefined {
  if (typeof value !== 'string') {
    issues.add('password', value === undefined ? 'is required' : 'must be a string');
    return undefined;
  }
  // In characters (code points); hashers take any length (bcrypt's adapter pre-hashes long ones).
  const length = [...value].length;
  if (length < 8) issues.add('password', 'must be at least 8 characters');
  else if (length > 256) issues.add('password', 'must be at most 256 characters');
  return value;
}

export function toPublicUser(user: User): PublicUser {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    bio: user.bio,
    avatarMediaId: user.avatarMediaId,
    lastSeenAt: user.lastSeenAt,
    deleted: user.erasedAt !== null,
    isBot: user.isBot === true,
  };
}

export function toPrivateUser(user: User): PrivateUser {
  const { passwordHash: _hidden, privacy: _own, notifications: _settings, ...rest } = user;
  return rest;
}

export const isModerator = (user: Pick<User, 'role'>): boolean => user.role === 'moderator' || user.role === 'admin';

/** Whether a ban has run out by `now` (a temporary one whose end passed): the account may sign in again. */
export const banEnded = (user: Pick<User, 'bannedAt' | 'bannedUntil'>, now: Date): boolean =>
  user.bannedAt !== null && !!user.bannedUntil && user.bannedUntil.getTime() <= now.getTime();

export const isActiveUser = (user: User | null): user is User =>
  user !== null && user.bannedAt === null && user.erasedAt === null;
