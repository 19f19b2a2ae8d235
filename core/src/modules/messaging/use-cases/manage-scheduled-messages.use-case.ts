import { MAX_CONTENT_LENGTH } from '../domain/message.js';
import type { ScheduledMessage } from '../domain/scheduled-message.js';
import { conflict, invalid, notFound, type DomainError } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import { Issues } from '../../../shared/validate.js';
import type { Ports } from '../../../ports.js';
import { loadMembership } from '../../conversations/index.js';
import { parseSendAt } from './schedule-message.use-case.js';

type Deps = Pick<Ports, 'conversations' | 'participants' | 'scheduled' | 'clock'>;

const settled = () => conflict('scheduled_message_settled', 'this message was already sent or cancelled');

/** The sender's own scheduled message in a conversation they are in; anyone else learns it was not found. */
async function ownScheduled(
  deps: Deps,
  input: { actorId: string; conversationId: string; id: string },
): Promise<Result<ScheduledMessage, DomainError>> {
  const membership = await loadMembership(deps, input.conversationId, input.actorId);
  if (!membership.ok) return membership;
  const found = await deps.scheduled.findById(input.id);
  if (!found || found.senderId !== input.actorId || found.conversationId !== input.conversationId)
    return err(notFound('message'));
  return ok(found);
}

/** The messages you scheduled in a conversation that are still waiting, the soonest first. */
export class ListScheduledMessages {
  constructor(private readonly deps: Deps) {}

  async execute(input: { actorId: string; conversationId: string }): Promise<Result<ScheduledMessage[], DomainError>> {
    const membership = await loadMembership(this.deps, input.conversationId, input.actorId);
    if (!membership.ok) return membership;
    return ok(await this.deps.scheduled.listScheduled(input.actorId, input.conversationId));
  }
}

/** Changes the text or the time of a message you scheduled, while it is still waiting. */
export class EditScheduledMessage {
  constructor(private readonly deps: Deps) {}

  async execute(input: {
    actorId: string;
    conversationId: string;
    id: string;
    content?: unknown;
    sendAt?: unknown;
  }): Promise<Result<ScheduledMessage, DomainError>> {
    const found = await ownScheduled(this.deps, input);
    if (!found.ok) return found;
    if (found.value.state !== 'scheduled') return err(settled());
    const now = this.deps.clock.now();
    const issues = new Issues();
    const content = issues.text('content', input.content, { max: MAX_CONTENT_LENGTH });
    if (!issues.empty) return err(invalid(issues.list));
    if (content === undefined && input.sendAt === undefined) return err(invalid('body', 'names no field to change'));
    if (content !== undefined && !content && found.value.attachmentIds.length === 0)
      return err(conflict('content_required', 'a message without attachments needs text'));
    let sendAt: Date | undefined;
    if (input.sendAt !== undefined) {
      const parsed = parseSendAt(input.sendAt, now);
      if (!parsed.ok) return parsed;
      sendAt = parsed.value;
    }
    const changed = await this.deps.scheduled.reschedule(input.id, {
      ...(content !== undefined ? { content: content || null } : {}),
      ...(sendAt ? { sendAt } : {}),
      updatedAt: now,
    });
    return changed ? ok(changed) : err(settled());
  }
}

/** Cancels a message you scheduled; a message already on its way (or sent) cannot be cancelled. */
export class CancelScheduledMessage {
  constructor(private readonly deps: Deps) {}

  async execute(input: { actorId: string; conversationId: string; id: string }): Promise<Result<void, DomainError>> {
    const found = await ownScheduled(this.deps, input);
    if (!found.ok) return found;
    return (await this.deps.scheduled.settle(input.id, 'cancelled', this.deps.clock.now()))
      ? ok(undefined)
      : err(settled());
  }
}
