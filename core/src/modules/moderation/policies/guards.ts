import { FLAG_DEFAULTS, type FlagName } from '../domain/flags.js';
import { isModerator, type User } from '../../identity/index.js';
import {
  featureDisabled,
  forbidden,
  notFound,
  type DomainError,
  type FeatureDisabled,
  type Forbidden,
  type NotFound,
} from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import type { Ports } from '../../../ports.js';

export async function isFlagEnabled(flags: Ports['flags'], name: FlagName): Promise<boolean> {
  const stored = await flags.get(name);
  return stored ? stored.enabled : FLAG_DEFAULTS[name];
}

export async function requireFlag(flags: Ports['flags'], name: FlagName): Promise<Result<true, FeatureDisabled>> {
  return (await isFlagEnabled(flags, name)) ? ok(true) : err(featureDisabled(name));
}

/** The acting user, who must hold the moderator or admin platform role (`admin` only if asked). */
export async function requireStaff(
  users: Ports['users'],
  actorId: string,
  level: 'moderator' | 'admin' = 'moderator',
): Promise<Result<User, Forbidden | NotFound>> {
  const actor = await users.findById(actorId);
  if (!actor || actor.erasedAt) return err(notFound('user'));
  if (actor.bannedAt) return err(forbidden('banned', 'this account is banned'));
  const allowed = level === 'admin' ? actor.role === 'admin' : isModerator(actor);
  return allowed ? ok(actor) : err(forbidden(`${level}_required`, `the ${level} role is required`));
}

/**
 * Who may act on a whole account (GDPR export, erasure): through the admin routes an admin, whoever the
 * target (also themselves); through the account's own routes only its holder, who re-enters the password
 * so that a stolen access token alone cannot erase or download an account.
 */
export type AccountAccess =
  | { via: 'admin'; actorId: string; userId: string }
  | { via: 'self'; actorId: string; userId: string; password: string };

export async function authorizeAccountAccess(
  deps: Pick<Ports, 'users' | 'hasher'>,
  input: AccountAccess,
): Promise<Result<true, DomainError>> {
  if (input.via === 'admin') {
    const staff = await requireStaff(deps.users, input.actorId, 'admin');
    return staff.ok ? ok(true) : staff;
  }
  if (input.actorId !== input.userId)
    return err(forbidden('not_self', 'only the account holder may do this; admins use the admin routes'));
  const user = await deps.users.findById(input.userId);
  if (!user || user.erasedAt) return err(notFound('user'));
  if (!(await deps.hasher.verify(input.password, user.passwordHash)))
    return err(forbidden('wrong_password', 'the password is not correct'));
  return ok(true);
}
