import { ROLES_BY_KIND, type Participant, type ParticipantRole } from '../domain/participant.js';
import { conflict, type DomainError, notFound } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import type { Ports } from '../../../ports.js';
import { authorize } from '../policies/membership.js';
import { recordEvent } from '../../delivery/index.js';

/** The owner promotes or demotes participants; giving someone the owner role transfers ownership. */
export class ChangeParticipantRole {
  constructor(
    private readonly deps: Pick<Ports, 'conversations' | 'participants' | 'events' | 'publisher' | 'clock' | 'logger'>,
  ) {}

  async execute(input: {
    actorId: string;
    conversationId: string;
    userId: string;
    role?: unknown;
  }): Promise<Result<Participant, DomainError>> {
    const access = await authorize(this.deps, input.conversationId, input.actorId, 'participant.changeRole');
    if (!access.ok) return access;
    const { conversation } = access.value;
    const role = input.role as ParticipantRole;
    if (!ROLES_BY_KIND[conversation.kind].includes(role))
      return err(
        conflict(
          'role_not_in_kind',
          `a ${conversation.kind} has the roles ${ROLES_BY_KIND[conversation.kind].join(', ')}`,
        ),
      );
    if (input.userId === input.actorId)
      return err(conflict('own_role', 'the owner cannot change their own role; transfer ownership instead'));
    const target = await this.deps.participants.find(conversation.id, input.userId);
    if (!target || target.state !== 'active') return err(notFound('participant'));
    if (target.role === role) return ok(target);
    const updated = await this.deps.participants.update(conversation.id, input.userId, { role });
    await recordEvent(this.deps, conversation.id, input.actorId, {
      type: 'participant.role_changed',
      userId: input.userId,
      role,
    });
    if (role === 'owner') {
      await this.deps.participants.update(conversation.id, input.actorId, { role: 'admin' });
      await recordEvent(this.deps, conversation.id, input.actorId, {
        type: 'participant.role_changed',
        userId: input.actorId,
        role: 'admin',
      });
    }
    return updated ? ok(updated) : err(notFound('participant'));
  }
}
