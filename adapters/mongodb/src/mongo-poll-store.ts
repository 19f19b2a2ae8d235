import type { Db } from 'mongodb';
import type { Ballot, PollStore } from '@parley/core';
import { insertUnlessExists, stripId } from './support.js';

/** One document per ballot, its `_id` the (poll, user) pair: a second vote is a duplicate key. */
export class MongoPollStore implements PollStore {
  private readonly ballotDocs;

  constructor(db: Db) {
    this.ballotDocs = db.collection('poll_ballots');
  }

  async cast(ballot: Ballot): Promise<boolean> {
    return insertUnlessExists(this.ballotDocs, { _id: `${ballot.messageId}:${ballot.userId}` as never, ...ballot });
  }

  async retract(messageId: string, userId: string): Promise<boolean> {
    return (await this.ballotDocs.deleteOne({ _id: `${messageId}:${userId}` as never, messageId })).deletedCount === 1;
  }

  async ballots(messageId: string): Promise<Ballot[]> {
    return (await this.ballotDocs.find({ messageId }).sort({ castAt: 1, _id: 1 }).toArray()).map((d) =>
      stripId<Ballot>(d)!,
    );
  }

  async removeAllForMessage(messageId: string): Promise<number> {
    return (await this.ballotDocs.deleteMany({ messageId })).deletedCount;
  }
}
