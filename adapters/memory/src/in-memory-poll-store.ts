import type { Ballot, PollStore } from '@parley/core';
import { clone } from './clone.js';

export class InMemoryPollStore implements PollStore {
  /** messageId -> userId -> ballot, in casting order. */
  private readonly byPoll = new Map<string, Map<string, Ballot>>();

  async cast(ballot: Ballot): Promise<boolean> {
    let ballots = this.byPoll.get(ballot.messageId);
    if (!ballots) this.byPoll.set(ballot.messageId, (ballots = new Map()));
    if (ballots.has(ballot.userId)) return false;
    ballots.set(ballot.userId, clone(ballot));
    return true;
  }

  async retract(messageId: string, userId: string): Promise<boolean> {
    return this.byPoll.get(messageId)?.delete(userId) ?? false;
  }

  async ballots(messageId: string): Promise<Ballot[]> {
    return [...(this.byPoll.get(messageId)?.values() ?? [])].map(clone);
  }

  async removeAllForMessage(messageId: string): Promise<number> {
    const count = this.byPoll.get(messageId)?.size ?? 0;
    this.byPoll.delete(messageId);
    return count;
  }
}
