import type { Participant } from '../domain/participant.js';
import { invalid, type DomainError } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import type { Ports } from '../../../ports.js';
import type { AddParticipant } from './add-participant.use-case.js';
import { authorize } from '../policies/membership.js';

export const MAX_BULK_PARTICIPANTS = 200;

export type BulkAddResult =
  | { userId: string; status: 'added'; participant: Participant }
  | { userId: string; status: 'failed'; error: { code: string; message: string } };

/**
 * Adds many users in one request (up to 200), each exactly as AddParticipant would, with its own
 * outcome: added, or failed with the code a single add would answer (already_member, user_not_found,
 * member_limit_reached...). The request itself is refused only when the actor may not add anyone.
 */
export class AddParticipants {
  constructor(
    private readonly single: AddParticipant,
    private readonly deps: Pick<Ports, 'conversations' | 'participants'>,
  ) {}

  async execute(input: {
    actorId: string;
    conversationId: string;
    userIds?: unknown;
    role?: unknown;
  }): Promise<Result<{ results: BulkAddResult[] }, DomainError>> {
    const access = await authorize(this.deps, input.conversationId, input.actorId, 'participant.add');
    if (!access.ok) return access;
    const ids = input.userIds;
    if (
      !Array.isArray(ids) ||
      ids.length === 0 ||
      ids.length > MAX_BULK_PARTICIPANTS ||
      !ids.every((id) => typeof id === 'string' && id.length > 0)
    )
      return err(invalid('userIds', `must list 1-${MAX_BULK_PARTICIPANTS} user ids`));
    const results: BulkAddResult[] = [];
    for (const userId of [...new Set(ids as string[])]) {
      const added = await this.single.execute({
        actorId: input.actorId,
        conversationId: input.conversationId,
        userId,
        role: input.role,
      });
      results.push(
        added.ok
          ? { userId, status: 'added', participant: added.value }
          : { userId, status: 'failed', error: { code: added.error.code, message: added.error.message } },
      );
    }
    return ok({ results });
  }
}
