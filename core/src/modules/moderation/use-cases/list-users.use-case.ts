import { normalizeEmail, toPrivateUser, type PlatformRole, type PrivateUser, type User } from '../../identity/index.js';
import { invalid, type DomainError } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import { clampLimit } from '../../../shared/validate.js';
import type { Ports } from '../../../ports.js';
import { requireStaff } from '../policies/guards.js';
import type { Page } from '../../../shared/page.js';

/**
 * Users for moderators, by id, optionally filtered by platform role or ban state; or found by `q`: an exact
 * e-mail address (any case), or the start of a username or display name (one page, no cursor).
 */
export class ListUsers {
  constructor(private readonly deps: Pick<Ports, 'users'>) {}

  async execute(input: {
    actorId: string;
    role?: unknown;
    banned?: boolean;
    q?: unknown;
    cursor?: string;
    limit?: number;
  }): Promise<Result<Page<PrivateUser>, DomainError>> {
    const staff = await requireStaff(this.deps.users, input.actorId);
    if (!staff.ok) return staff;
    if (input.role !== undefined && !['user', 'moderator', 'admin'].includes(input.role as string))
      return err(invalid('role', 'must be user, moderator or admin'));
    const limit = clampLimit(input.limit, 50, 200);
    if (input.q !== undefined) {
      if (typeof input.q !== 'string' || !input.q.trim()) return err(invalid('q', 'must be an e-mail or a name'));
      const q = input.q.trim();
      const found = q.includes('@')
        ? [await this.deps.users.findByEmail(normalizeEmail(q))].filter((u): u is User => u !== null)
        : await this.deps.users.searchByPrefix(q.replace(/^@/, '').toLowerCase(), limit);
      return ok({ data: found.map(toPrivateUser), nextCursor: null });
    }
    const rows = await this.deps.users.list({
      limit: limit + 1,
      ...(input.cursor ? { afterId: input.cursor } : {}),
      ...(input.role ? { role: input.role as PlatformRole } : {}),
      ...(input.banned !== undefined ? { banned: input.banned } : {}),
    });
    const data = rows.slice(0, limit).map(toPrivateUser);
    return ok({ data, nextCursor: rows.length > limit ? data.at(-1)!.id : null });
  }
}
