import type { Message } from '../../messaging/index.js';
import { notFound, type DomainError } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import type { Ports } from '../../../ports.js';
import { requireStaff } from '../policies/guards.js';

/** A moderator looks at any message (as stored, tombstones included), e.g. to review a report. */
export class GetMessageForModeration {
  constructor(private readonly deps: Pick<Ports, 'users' | 'messages'>) {}

  async execute(input: { actorId: string; messageId: string }): Promise<Result<Message, DomainError>> {
    const staff = await requireStaff(this.deps.users, input.actorId);
    if (!staff.ok) return staff;
    const message = await this.deps.messages.findById(input.messageId);
    return message ? ok(message) : err(notFound('message'));
  }
}
