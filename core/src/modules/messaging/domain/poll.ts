import { invalid, type ValidationFailed } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import { Issues } from '../../../shared/validate.js';

export interface PollOption {
  /** "0", "1", ... in the order the options were given. */
  id: string;
  text: string;
}

/** A poll carried by a message of type 'poll' (the question is the message's content too). */
export interface Poll {
  question: string;
  options: PollOption[];
  /** Voters may pick several options. */
  multiple: boolean;
  /** Nobody sees who voted for what (only counts). */
  anonymous: boolean;
  closedAt: Date | null;
}

/** One user's vote in a poll: one per user per poll, taken back whole. */
export interface Ballot {
  messageId: string;
  conversationId: string;
  userId: string;
  optionIds: string[];
  castAt: Date;
}

export interface PollResults {
  messageId: string;
  closed: boolean;
  totalVoters: number;
  /** Per option its votes, and who cast them (null in an anonymous poll). */
  options: { id: string; text: string; votes: number; voters: string[] | null }[];
  /** The viewer's own choice, or null if they have not voted. */
  myVote: string[] | null;
}

export const MAX_POLL_OPTIONS = 10;

export function validatePoll(input: unknown): Result<Poll, ValidationFailed> {
  const issues = new Issues();
  if (typeof input !== 'object' || input === null) return err(invalid('poll', 'must be an object'));
  const raw = input as { question?: unknown; options?: unknown; multiple?: unknown; anonymous?: unknown };
  const question = issues.text('poll.question', raw.question, { min: 1, max: 300, required: true });
  const options = Array.isArray(raw.options) ? raw.options : [];
  if (!Array.isArray(raw.options) || options.length < 2 || options.length > MAX_POLL_OPTIONS)
    issues.add('poll.options', `must list 2-${MAX_POLL_OPTIONS} options`);
  const texts = options.map((o, i) => issues.text(`poll.options.${i}`, o, { min: 1, max: 100, required: true }));
  // As written (the API document's uniqueItems): options that differ only in outer spaces are two options.
  if (new Set(options).size !== options.length) issues.add('poll.options', 'must all differ');
  for (const flag of ['multiple', 'anonymous'] as const)
    if (raw[flag] !== undefined && typeof raw[flag] !== 'boolean') issues.add(`poll.${flag}`, 'must be true or false');
  if (!issues.empty || !question) return err(invalid(issues.list));
  return ok({
    question,
    options: texts.map((text, i) => ({ id: String(i), text: text! })),
    multiple: raw.multiple === true,
    anonymous: raw.anonymous !== false,
    closedAt: null,
  });
}

export function tally(messageId: string, poll: Poll, ballots: readonly Ballot[], viewerId: string): PollResults {
  return {
    messageId,
    closed: poll.closedAt !== null,
    totalVoters: ballots.length,
    options: poll.options.map((o) => {
      const voters = ballots.filter((b) => b.optionIds.includes(o.id)).map((b) => b.userId);
      return { id: o.id, text: o.text, votes: voters.length, voters: poll.anonymous ? null : voters };
    }),
    myVote: ballots.find((b) => b.userId === viewerId)?.optionIds ?? null,
  };
}
