import { invalid, notFound, type DomainError } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import { Issues } from '../../../shared/validate.js';
import type { Ports } from '../../../ports.js';
import { audit } from '../policies/audit.js';
import { eraseMessage, type EraseDeps } from '../../messaging/index.js';
import { requireStaff } from '../policies/guards.js';

/** A platform moderator deletes any message for everyone, with a reason that goes to the audit log. */
export class ModerateMessage {
  constructor(private readonly deps: EraseDeps & Pick<Ports, 'users' | 'audit' | 'ids'>) {}

  async execute(input: { actorId: string; messageId: string; reason?: unknown }): Promise<Result<void, DomainError>> {
    const staff = await requireStaff(this.deps.users, input.actorId);
    if (!staff.ok) return staff;
    const issues = new Issues();
    const reason = issues.text('reason', input.reason, { min: 1, max: 500, required: true });
    if (!issues.empty || !reason) return err(invalid(issues.list));
    const message = await this.deps.messages.findById(input.messageId);
    if (!message) return err(notFound('message'));
    if (!message.deletedAt) await eraseMessage(this.deps, message, input.actorId);
    await audit(this.deps, {
      actorId: input.actorId,
      action: 'message.moderated',
      targetType: 'message',
      targetId: message.id,
      reason,
      data: { conversationId: message.conversationId, senderId: message.senderId },
    });
    return ok(undefined);
  }
}
