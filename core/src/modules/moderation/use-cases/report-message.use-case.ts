import type { Report } from '../domain/moderation.js';
import { conflict, type DomainError, forbidden, invalid } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import { Issues } from '../../../shared/validate.js';
import type { Ports } from '../../../ports.js';
import { loadVisibleMessage } from '../../messaging/index.js';

/** A member reports a message they can see to the moderators; one open report per reporter and message. */
export class ReportMessage {
  constructor(
    private readonly deps: Pick<Ports, 'messages' | 'conversations' | 'participants' | 'reports' | 'clock' | 'ids'>,
  ) {}

  async execute(input: { actorId: string; messageId: string; reason?: unknown }): Promise<Result<Report, DomainError>> {
    const issues = new Issues();
    const reason = issues.text('reason', input.reason, { min: 1, max: 1000, required: true });
    if (!issues.empty || !reason) return err(invalid(issues.list));
    const found = await loadVisibleMessage(this.deps, input.messageId, input.actorId);
    if (!found.ok) return found;
    const { message } = found.value;
    if (message.senderId === input.actorId) return err(forbidden('own_message', 'you cannot report your own message'));
    const report: Report = {
      id: this.deps.ids.next(),
      messageId: message.id,
      conversationId: message.conversationId,
      reporterId: input.actorId,
      reportedUserId: message.senderId,
      reason,
      status: 'open',
      resolution: null,
      resolutionNote: null,
      resolvedBy: null,
      resolvedAt: null,
      createdAt: this.deps.clock.now(),
    };
    if (!(await this.deps.reports.create(report)))
      return err(conflict('already_reported', 'you already reported this message'));
    return ok(report);
  }
}
