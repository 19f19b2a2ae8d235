import {
  AUDIENCES,
  MAX_PRIVACY_EXCEPTIONS,
  PRIVACY_SETTINGS,
  privacyOf,
  type Audience,
  type Privacy,
  type PrivacyRule,
} from '../domain/privacy.js';
import { invalid, notFound, type DomainError, type FieldIssue } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import type { Ports } from '../../../ports.js';
import { notificationSettingsOf, type NotificationSettings } from '../domain/user.js';

/** My privacy settings, every one spelled out (defaults included). */
export class GetPrivacy {
  constructor(private readonly deps: Pick<Ports, 'users'>) {}

  async execute(input: { actorId: string }): Promise<Result<Privacy, DomainError>> {
    const user = await this.deps.users.findById(input.actorId);
    return user ? ok(privacyOf(user)) : err(notFound('user'));
  }
}

const idList = (value: unknown): value is string[] =>
  Array.isArray(value) &&
  value.length <= MAX_PRIVACY_EXCEPTIONS &&
  value.every((id) => typeof id === 'string' && id.length > 0 && id.length <= 128);

/**
 * Changes some of my privacy settings: each named setting takes a new `audience`, `allow` and/or `deny`
 * list (a list replaces the old one); the rest stay. Applies to the next request on every node (the user
 * row is in the AccessView, dropped everywhere on write).
 */
export class UpdatePrivacy {
  constructor(private readonly deps: Pick<Ports, 'users' | 'clock'>) {}

  async execute(input: { actorId: string; patch: unknown }): Promise<Result<Privacy, DomainError>> {
    const patch = input.patch;
    if (typeof patch !== 'object' || patch === null || Array.isArray(patch))
      return err(invalid('body', 'must be an object of settings'));
    const issues: FieldIssue[] = [];
    const user = await this.deps.users.findById(input.actorId);
    if (!user) return err(notFound('user'));
    const next: Privacy = privacyOf(user);
    for (const [setting, change] of Object.entries(patch)) {
      if (!PRIVACY_SETTINGS.includes(setting as never)) {
        issues.push({ field: setting, message: `is not a setting (${PRIVACY_SETTINGS.join(', ')})` });
        continue;
      }
      if (typeof change !== 'object' || change === null) {
        issues.push({ field: setting, message: 'must be an object' });
        continue;
      }
      const { audience, allow, deny } = change as Partial<Record<keyof PrivacyRule, unknown>>;
      const rule = { ...next[setting as keyof Privacy] };
      if (audience !== undefined) {
        if (AUDIENCES.includes(audience as Audience)) rule.audience = audience as Audience;
        else issues.push({ field: `${setting}.audience`, message: `must be one of ${AUDIENCES.join(', ')}` });
      }
      for (const [name, list] of [
        ['allow', allow],
        ['deny', deny],
      ] as const) {
        if (list === undefined) continue;
        if (idList(list)) rule[name] = [...new Set(list)].filter((id) => id !== input.actorId);
        else
          issues.push({ field: `${setting}.${name}`, message: `must list at most ${MAX_PRIVACY_EXCEPTIONS} user ids` });
      }
      next[setting as keyof Privacy] = rule;
    }
    if (issues.length) return err(invalid(issues));
    await this.deps.users.update(input.actorId, { privacy: next, updatedAt: this.deps.clock.now() });
    return ok(next);
  }
}

/** My notification settings: the global switch and whether notifications show a preview. */
export class GetNotificationSettings {
  constructor(private readonly deps: Pick<Ports, 'users'>) {}

  async execute(input: { actorId: string }): Promise<Result<NotificationSettings, DomainError>> {
    const user = await this.deps.users.findById(input.actorId);
    return user ? ok(notificationSettingsOf(user)) : err(notFound('user'));
  }
}

/** Changes some of my notification settings (`enabled`, `preview`: booleans); the rest stay. */
export class UpdateNotificationSettings {
  constructor(private readonly deps: Pick<Ports, 'users' | 'clock'>) {}

  async execute(input: {
    actorId: string;
    enabled?: unknown;
    preview?: unknown;
  }): Promise<Result<NotificationSettings, DomainError>> {
    const patch: Partial<NotificationSettings> = {};
    for (const field of ['enabled', 'preview'] as const) {
      const value = input[field];
      if (value === undefined) continue;
      if (typeof value !== 'boolean') return err(invalid(field, 'must be true or false'));
      patch[field] = value;
    }
    const user = await this.deps.users.findById(input.actorId);
    if (!user) return err(notFound('user'));
    const settings = { ...notificationSettingsOf(user), ...patch };
    await this.deps.users.update(user.id, { notifications: settings, updatedAt: this.deps.clock.now() });
    return ok(settings);
  }
}
