import { MAX_BLOCKS, type Block } from '../domain/block.js';
import { conflict, notFound, type DomainError } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import type { Ports } from '../../../ports.js';

/**
 * Blocks a person: from then on they cannot open a direct conversation with the blocker, write in one they
 * share, add the blocker to a group, find the blocker in search, or see the blocker's presence and last seen.
 * Idempotent. The blocker does not write to them either until they unblock (docs/security.md).
 */
export class BlockUser {
  constructor(private readonly deps: Pick<Ports, 'users' | 'blocks' | 'clock'>) {}

  async execute(input: { actorId: string; userId: string }): Promise<Result<{ blocked: true }, DomainError>> {
    // A well-formed request the state refuses: 409, as the API answers those (422 is for malformed input).
    if (input.userId === input.actorId) return err(conflict('cannot_block_yourself', 'you cannot block yourself'));
    const user = await this.deps.users.findById(input.userId);
    if (!user || user.erasedAt) return err(notFound('user'));
    const existing = await this.deps.blocks.list(input.actorId, MAX_BLOCKS);
    if (existing.length >= MAX_BLOCKS && !existing.some((b) => b.blockedId === input.userId))
      return err(conflict('too_many_blocks', `at most ${MAX_BLOCKS} people can be blocked`));
    const block: Block = { blockerId: input.actorId, blockedId: user.id, createdAt: this.deps.clock.now() };
    await this.deps.blocks.add(block);
    return ok({ blocked: true });
  }
}

/** Lifts a block; idempotent (unblocking someone not blocked is fine). */
export class UnblockUser {
  constructor(private readonly deps: Pick<Ports, 'blocks'>) {}

  async execute(input: { actorId: string; userId: string }): Promise<Result<{ blocked: false }, DomainError>> {
    await this.deps.blocks.remove(input.actorId, input.userId);
    return ok({ blocked: false });
  }
}

export interface BlockedUser {
  userId: string;
  username: string;
  displayName: string;
  blockedAt: Date;
}

/** The people the actor blocked, the latest first. */
export class ListBlockedUsers {
  constructor(private readonly deps: Pick<Ports, 'users' | 'blocks'>) {}

  async execute(input: { actorId: string }): Promise<Result<BlockedUser[], DomainError>> {
    const blocks = await this.deps.blocks.list(input.actorId, MAX_BLOCKS);
    const users = new Map(
      (await this.deps.users.findManyByIds(blocks.map((b) => b.blockedId))).map((user) => [user.id, user]),
    );
    // An erased account is left out (nothing of it is shown anywhere); a banned one stays listed.
    return ok(
      blocks.flatMap((b) => {
        const user = users.get(b.blockedId);
        return user && !user.erasedAt ? [row(b, user)] : [];
      }),
    );
  }
}

const row = (b: Block, user: { username: string; displayName: string }): BlockedUser => ({
  userId: b.blockedId,
  username: user.username,
  displayName: user.displayName,
  blockedAt: b.createdAt,
});
