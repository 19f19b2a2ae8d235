import type { Message } from '../domain/message.js';
import { tally, type PollResults } from '../domain/poll.js';
import { can, refusal } from '../../conversations/index.js';
import { conflict, forbidden, invalid, type DomainError } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import type { Ports } from '../../../ports.js';
import { loadVisibleMessage } from '../policies/load-message.js';
import { recordEvent } from '../../delivery/index.js';

type Deps = Pick<
  Ports,
  'messages' | 'polls' | 'conversations' | 'participants' | 'events' | 'publisher' | 'clock' | 'logger'
>;

/** The poll message the actor can see, or why not. */
export async function loadPoll(deps: Deps, actorId: string, messageId: string) {
  const found = await loadVisibleMessage(deps, messageId, actorId);
  if (!found.ok) return found;
  const { message } = found.value;
  if (!message.poll || message.deletedAt) return err(conflict('not_a_poll', 'this message is not a poll'));
  return ok({ ...found.value, message: message as Message & { poll: NonNullable<Message['poll']> } });
}

const counts = (results: PollResults) => ({
  options: results.options.map((o) => ({ id: o.id, votes: o.votes })),
  totalVoters: results.totalVoters,
});

/**
 * Votes in a poll (one ballot per person: one option, or several in a multiple-choice poll), or takes the
 * vote back (optionIds null) to vote again. Every change is a durable poll.voted event with the new counts,
 * naming the voter unless the poll is anonymous.
 */
export class VoteInPoll {
  constructor(private readonly deps: Deps) {}

  async execute(input: {
    actorId: string;
    messageId: string;
    optionIds: unknown;
  }): Promise<Result<PollResults, DomainError>> {
    const found = await loadPoll(this.deps, input.actorId, input.messageId);
    if (!found.ok) return found;
    const { message, conversation, participant } = found.value;
    const { poll } = message;
    if (!can(conversation, participant, 'poll.vote'))
      return err(forbidden('not_allowed', refusal(conversation.kind, participant.role, 'poll.vote')));
    if (poll.closedAt) return err(conflict('poll_closed', 'this poll is closed'));
    let changed: boolean;
    if (input.optionIds === null) {
      changed = await this.deps.polls.retract(message.id, input.actorId);
    } else {
      const ids = input.optionIds;
      const known = new Set(poll.options.map((o) => o.id));
      if (
        !Array.isArray(ids) ||
        ids.length === 0 ||
        !ids.every((id) => typeof id === 'string') ||
        new Set(ids).size !== ids.length
      )
        return err(invalid('optionIds', 'must list option ids, each once'));
      // Well-formed, but wrong for this poll: a conflict with the poll as it is.
      if (!ids.every((id) => known.has(id))) return err(conflict('unknown_option', 'this poll has no such option'));
      if (ids.length > 1 && !poll.multiple) return err(conflict('single_choice', 'this poll takes one option'));
      changed = await this.deps.polls.cast({
        messageId: message.id,
        conversationId: message.conversationId,
        userId: input.actorId,
        optionIds: ids as string[],
        castAt: this.deps.clock.now(),
      });
      if (!changed) return err(conflict('already_voted', 'you voted in this poll already; take your vote back first'));
    }
    const results = tally(message.id, poll, await this.deps.polls.ballots(message.id), input.actorId);
    if (changed) {
      await recordEvent(this.deps, message.conversationId, input.actorId, {
        type: 'poll.voted',
        messageId: message.id,
        userId: poll.anonymous ? null : input.actorId,
        ...counts(results),
      });
    }
    return ok(results);
  }
}

/** A poll's results as the viewer sees them: counts, their own vote, and who voted for what unless anonymous. */
export class GetPollResults {
  constructor(private readonly deps: Deps) {}

  async execute(input: { actorId: string; messageId: string }): Promise<Result<PollResults, DomainError>> {
    const found = await loadPoll(this.deps, input.actorId, input.messageId);
    if (!found.ok) return found;
    return ok(
      tally(
        found.value.message.id,
        found.value.message.poll,
        await this.deps.polls.ballots(found.value.message.id),
        input.actorId,
      ),
    );
  }
}

/** The poll's author, or an owner or admin, closes it for good: no more votes; poll.closed with the final counts. */
export class ClosePoll {
  constructor(private readonly deps: Deps) {}

  async execute(input: { actorId: string; messageId: string }): Promise<Result<PollResults, DomainError>> {
    const found = await loadPoll(this.deps, input.actorId, input.messageId);
    if (!found.ok) return found;
    const { message, conversation, participant } = found.value;
    if (message.senderId !== input.actorId && !can(conversation, participant, 'message.deleteAny'))
      return err(forbidden('not_allowed', 'only its author, or an owner or admin, may close a poll'));
    if (message.poll.closedAt) return err(conflict('poll_closed', 'this poll is closed'));
    const closed = await this.deps.messages.update(message.id, {
      poll: { ...message.poll, closedAt: this.deps.clock.now() },
    });
    const poll = closed?.poll ?? { ...message.poll, closedAt: this.deps.clock.now() };
    const results = tally(message.id, poll, await this.deps.polls.ballots(message.id), input.actorId);
    await recordEvent(this.deps, message.conversationId, input.actorId, {
      type: 'poll.closed',
      messageId: message.id,
      ...counts(results),
    });
    return ok(results);
  }
}
