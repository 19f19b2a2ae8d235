import { toPublicUser, type PublicUser } from '../domain/user.js';
import { invalid, type DomainError } from '../shared/errors.js';
import { err, ok, type Result } from '../shared/result.js';
import { clampLimit } from '../shared/validate.js';
import type { Ports } from '../ports/index.js';

/** Users whose username or display name starts with the query; erased and banned accounts are left out. */
export class SearchUsers {
  constructor(private readonly deps: Pick<Ports, 'users'>) {}

  async execute(input: { q?: unknown; limit?: number }): Promise<Result<PublicUser[], DomainError>> {
    const q = typeof input.q === 'string' ? input.q.trim().replace(/^@/, '') : '';
    if (q.length < 1 || q.length > 64) return err(invalid('q', 'must be 1-64 characters'));
    const limit = clampLimit(input.limit, 20, 50);
    const users = await this.deps.users.searchByPrefix(q.toLowerCase(), limit);
    return ok(users.filter((u) => !u.bannedAt && !u.erasedAt).map(toPublicUser));
  }
}
