import Joi from 'joi';
import { AUDIENCES, PRIVACY_SETTINGS } from '@parley/core';
import { date, id, optionalDate, presenceStatus, ref, req, text } from './schema-kit.js';

/** What the API answers about people: profiles, sessions, privacy, blocks, presence. */

const publicUserKeys = req({
  id,
  username: Joi.string(),
  displayName: Joi.string(),
  bio: text,
  avatarMediaId: id.allow(null),
  lastSeenAt: optionalDate,
  deleted: Joi.boolean(),
  isBot: Joi.boolean(),
});

export const PublicUser = ref('PublicUser', Joi.object(publicUserKeys));

export const privateUserKeys = {
  /** A temporary platform ban's end (absent on accounts never banned for a time). */
  bannedUntil: optionalDate,
  ...req({
    id,
    email: Joi.string(),
    username: Joi.string(),
    displayName: Joi.string(),
    bio: text,
    avatarMediaId: id.allow(null),
    role: Joi.string().valid('user', 'moderator', 'admin'),
    bannedAt: optionalDate,
    banReason: Joi.string().allow(null),
    lastSeenAt: optionalDate,
    erasedAt: optionalDate,
    createdAt: date,
    updatedAt: date,
  }),
  /** When the address was verified (absent or null: not yet). */
  emailVerifiedAt: optionalDate,
  /** A bot's account (absent: a person's). */
  isBot: Joi.boolean(),
};

export const PrivateUser = ref('PrivateUser', Joi.object(privateUserKeys));

/** Yourself with your presence, or anyone else's public profile with theirs. */
export const Profile = ref(
  'Profile',
  Joi.alternatives().try(
    Joi.object({ ...privateUserKeys, status: presenceStatus.required() }),
    Joi.object({ ...publicUserKeys, status: presenceStatus.required() }),
  ),
);

export const Session = ref(
  'Session',
  Joi.object(
    req({
      user: PrivateUser,
      accessToken: Joi.string(),
      refreshToken: Joi.string(),
      expiresIn: Joi.number().integer().min(1),
    }),
  ),
);

const nullableText = Joi.string().allow(null);

/** Signed up, not signed in: the address must be verified first (REQUIRE_EMAIL_VERIFICATION). */
export const PendingAccount = ref(
  'PendingAccount',
  Joi.object(req({ user: PrivateUser, verificationRequired: Joi.boolean().valid(true) })),
);

/** How you are notified while away: the global switch, and whether notifications show the sender and text. */
export const NotificationSettings = ref(
  'NotificationSettings',
  Joi.object(req({ enabled: Joi.boolean(), preview: Joi.boolean() })),
);

/** The password was right; the second step of the sign-in (`POST /auth/2fa/verify`) gives the session. */
export const TwoFactorChallenge = ref(
  'TwoFactorChallenge',
  Joi.object(req({ twoFactorRequired: Joi.boolean().valid(true), challenge: Joi.string(), expiresAt: date })),
);

export const TwoFactorStatus = ref(
  'TwoFactorStatus',
  Joi.object(
    req({ enabled: Joi.boolean(), enabledAt: optionalDate, recoveryCodesLeft: Joi.number().integer().min(0) }),
  ),
);

/** A new TOTP secret: show `otpauthUri` as a QR code for the authenticator app, or the secret to type in. */
export const TwoFactorSetup = ref(
  'TwoFactorSetup',
  Joi.object(req({ secret: Joi.string(), otpauthUri: Joi.string() })),
);

/** Shown once: each works once instead of a code from the app. */
export const RecoveryCodes = ref('RecoveryCodes', Joi.object(req({ recoveryCodes: Joi.array().items(Joi.string()) })));

/** One place the account is signed in (a refresh-token family), as its owner sees it. */
export const SignedInSession = ref(
  'SignedInSession',
  Joi.object(
    req({
      id,
      name: nullableText,
      platform: nullableText,
      clientVersion: nullableText,
      userAgent: nullableText,
      ip: nullableText,
      createdAt: date,
      lastActiveAt: date,
      expiresAt: date,
      current: Joi.boolean(),
    }),
  ),
);

export const SignedInSessions = ref('SignedInSessions', Joi.object(req({ data: Joi.array().items(SignedInSession) })));

export const EndedSessions = ref('EndedSessions', Joi.object(req({ ended: Joi.number().integer().min(0) })));

/** Whether you block the person now. */
export const BlockState = Joi.object(req({ blocked: Joi.boolean() }));

export const PrivacyRule = ref(
  'PrivacyRule',
  Joi.object(
    req({ audience: Joi.string().valid(...AUDIENCES), allow: Joi.array().items(id), deny: Joi.array().items(id) }),
  ),
);

/** Who may message, add, see and find you: an audience per setting and exceptions either way. */
export const Privacy = ref(
  'Privacy',
  Joi.object(req(Object.fromEntries(PRIVACY_SETTINGS.map((s) => [s, PrivacyRule])) as Record<string, Joi.Schema>)),
);

/** Someone you blocked. */
export const BlockedUser = ref(
  'BlockedUser',
  Joi.object(req({ userId: id, username: Joi.string(), displayName: Joi.string(), blockedAt: date })),
);

export const Presence = Joi.object(req({ userId: id, status: presenceStatus, lastSeenAt: optionalDate }));

export const AdminUser = ref('AdminUser', Joi.object(privateUserKeys).unknown(true));
