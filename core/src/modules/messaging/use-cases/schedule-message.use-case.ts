import {
  MAX_SCHEDULE_AHEAD_MS,
  MAX_SCHEDULED_PER_CONVERSATION,
  type ScheduledMessage,
} from '../domain/scheduled-message.js';
import { conflict, invalid, notFound, type DomainError } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import type { CorePorts } from '../../../ports.js';
import { composeMessage } from '../policies/compose-message.js';
import { restrictionRefusal } from '../policies/restrictions.js';
import { filterRefusal, screenContent } from '../policies/screen-content.js';
import { authorize } from '../../conversations/index.js';

export interface ScheduleMessageInput {
  actorId: string;
  conversationId: string;
  sendAt?: unknown;
  content?: unknown;
  attachmentIds?: unknown;
  replyToId?: unknown;
  metadata?: unknown;
  silent?: unknown;
}

/**
 * Parses a send time: in the future, at most a year ahead. A well-formed time that has passed (or is too
 * far off) is a conflict with the clock, not a malformed request.
 */
export function parseSendAt(value: unknown, now: Date): Result<Date, DomainError> {
  const sendAt = typeof value === 'string' ? new Date(value) : null;
  if (!sendAt || Number.isNaN(sendAt.getTime())) return err(invalid('sendAt', 'must be a time'));
  if (sendAt <= now) return err(conflict('send_at_passed', 'sendAt must be in the future'));
  if (sendAt.getTime() - now.getTime() > MAX_SCHEDULE_AHEAD_MS)
    return err(conflict('send_at_too_far', 'sendAt must be within a year'));
  return ok(sendAt);
}

/**
 * Schedules a message to go out at sendAt, checked as a send would be now (membership, permission, text,
 * attachments, reply); it is checked again when it goes out, as the sender then.
 */
export class ScheduleMessage {
  constructor(
    private readonly deps: Pick<
      CorePorts,
      'conversations' | 'participants' | 'users' | 'media' | 'messages' | 'scheduled' | 'ids' | 'clock' | 'access'
    >,
  ) {}

  async execute(input: ScheduleMessageInput): Promise<Result<ScheduledMessage, DomainError>> {
    const access = await authorize(this.deps, input.conversationId, input.actorId, 'message.send');
    if (!access.ok) return access;
    const now = this.deps.clock.now();
    const sendAt = parseSendAt(input.sendAt, now);
    if (!sendAt.ok) return sendAt;
    const composed = await composeMessage(this.deps, { ...input, senderId: input.actorId });
    if (!composed.ok) return composed;
    // Checked again when it is sent (it goes through SendMessage then).
    const refused = restrictionRefusal(access.value.conversation, access.value.participant, now, {
      attachments: composed.value.attachments.length,
      links: composed.value.metadata.links.length,
      poll: composed.value.poll !== null,
    });
    if (refused) return err(refused);
    // Only a message sent now can wait for review; filters added later are applied when it goes out.
    const verdict = await screenContent(this.deps.access, await this.deps.access.user(input.actorId), composed.value);
    if (verdict) return err(filterRefusal(verdict));
    const replyToId = input.replyToId ?? null;
    if (replyToId !== null) {
      const target = typeof replyToId === 'string' ? await this.deps.messages.findById(replyToId) : null;
      if (!target || target.conversationId !== input.conversationId) return err(notFound('message'));
    }
    if (
      (await this.deps.scheduled.listScheduled(input.actorId, input.conversationId)).length >=
      MAX_SCHEDULED_PER_CONVERSATION
    )
      return err(
        conflict(
          'scheduled_limit_reached',
          `at most ${MAX_SCHEDULED_PER_CONVERSATION} scheduled messages per conversation`,
        ),
      );
    const { mentions, silent } = composed.value.metadata;
    const message: ScheduledMessage = {
      id: this.deps.ids.next(),
      conversationId: input.conversationId,
      senderId: input.actorId,
      content: composed.value.content,
      attachmentIds: composed.value.attachments.map((m) => m.id),
      replyToId: replyToId as string | null,
      metadata: { mentions, ...(silent ? { silent } : {}) },
      sendAt: sendAt.value,
      state: 'scheduled',
      messageId: null,
      failure: null,
      createdAt: now,
      updatedAt: now,
    };
    await this.deps.scheduled.create(message);
    return ok(message);
  }
}
