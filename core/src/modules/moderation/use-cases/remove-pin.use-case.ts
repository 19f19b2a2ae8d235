import { MAX_PINS } from '../../messaging/index.js';
import { invalid, notFound, type DomainError } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import { Issues } from '../../../shared/validate.js';
import type { Ports } from '../../../ports.js';
import { audit } from '../policies/audit.js';
import { requireStaff } from '../policies/guards.js';
import { recordEvent } from '../../delivery/index.js';

/** A platform moderator unpins a message in any conversation, with a reason that goes to the audit log. */
export class RemovePin {
  constructor(
    private readonly deps: Pick<
      Ports,
      'users' | 'pins' | 'audit' | 'ids' | 'events' | 'conversations' | 'publisher' | 'clock' | 'logger'
    >,
  ) {}

  async execute(input: {
    actorId: string;
    conversationId: string;
    messageId: string;
    reason?: unknown;
  }): Promise<Result<void, DomainError>> {
    const staff = await requireStaff(this.deps.users, input.actorId);
    if (!staff.ok) return staff;
    const issues = new Issues();
    const reason = issues.text('reason', input.reason, { min: 1, max: 500, required: true });
    if (!issues.empty || !reason) return err(invalid(issues.list));
    const pin = (await this.deps.pins.list(input.conversationId, MAX_PINS)).find(
      (p) => p.messageId === input.messageId,
    );
    if (!pin || !(await this.deps.pins.remove(input.conversationId, input.messageId))) return err(notFound('pin'));
    await recordEvent(this.deps, input.conversationId, input.actorId, {
      type: 'message.unpinned',
      messageId: pin.messageId,
      seq: pin.seq,
    });
    await audit(this.deps, {
      actorId: input.actorId,
      action: 'pin.removed',
      targetType: 'message',
      targetId: pin.messageId,
      reason,
      data: { conversationId: input.conversationId },
    });
    return ok(undefined);
  }
}
