import { toPublicUser, type PublicUser } from '../domain/user.js';
import { invalid, type DomainError } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import { clampLimit } from '../../../shared/validate.js';
import type { Ports } from '../../../ports.js';
import { permitted } from '../policies/privacy.js';

/**
 * Users whose username or display name starts with the query; erased and banned accounts are left out, and so are
 * the people who blocked the one searching and those whose `search` privacy setting keeps them from being found.
 */
export class SearchUsers {
  constructor(private readonly deps: Pick<Ports, 'users' | 'blocks' | 'participants'>) {}

  async execute(input: { actorId: string; q?: unknown; limit?: number }): Promise<Result<PublicUser[], DomainError>> {
    const raw = typeof input.q === 'string' ? input.q : '';
    const length = [...raw].length;
    if (length < 1 || length > 64) return err(invalid('q', 'must be 1-64 characters'));
    // White space and a leading @ do not count; what is left may be nothing, which matches nobody.
    const q = raw.trim().replace(/^@/, '');
    const limit = clampLimit(input.limit, 20, 50);
    if (!q) return ok([]);
    const users = await this.deps.users.searchByPrefix(q.toLowerCase(), limit);
    const found = users.filter((u) => !u.bannedAt && !u.erasedAt);
    const blockers = new Set(
      await this.deps.blocks.blockersOf(
        input.actorId,
        found.map((u) => u.id),
      ),
    );
    const visible: PublicUser[] = [];
    for (const user of found)
      if (!blockers.has(user.id) && (await permitted(this.deps, user, 'search', input.actorId)))
        visible.push(toPublicUser(user));
    return ok(visible);
  }
}
