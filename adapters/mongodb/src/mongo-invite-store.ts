import type { Db } from 'mongodb';
import type { ClaimOutcome, InviteLink, InviteStore, InviteUse, JoinRequest } from '@parley/core';
import { fromDoc, insertUnlessExists, isDuplicateKey, stripId } from './support.js';

/**
 * Links by code; uses and join requests insert-only under unique keys, so the limits hold on MongoDB and
 * FerretDB alike: a use's `_id` is (code, user), and a limited link's uses each take a numbered slot
 * (`slotKey`, unique), so no more than usageLimit slots can ever be taken.
 */
export class MongoInviteStore implements InviteStore {
  private readonly links;
  private readonly uses;
  private readonly requests;

  constructor(db: Db) {
    this.links = db.collection('invites');
    this.uses = db.collection('invite_uses');
    this.requests = db.collection('join_requests');
  }

  async create(link: InviteLink): Promise<void> {
    const { code, ...rest } = link;
    await this.links.insertOne({ _id: code as never, ...rest });
  }

  async findByCode(code: string): Promise<InviteLink | null> {
    return toLink(await this.links.findOne({ _id: code as never }));
  }

  async list(conversationId: string): Promise<InviteLink[]> {
    return (await this.links.find({ conversationId }).sort({ createdAt: -1, _id: -1 }).toArray()).map((d) =>
      toLink(d)!,
    );
  }

  async revoke(code: string, by: string, at: Date): Promise<InviteLink | null> {
    await this.links.updateOne({ _id: code as never, revokedAt: null }, { $set: { revokedAt: at, revokedBy: by } });
    return this.findByCode(code);
  }

  async claimUse(use: InviteUse, usageLimit: number | null): Promise<ClaimOutcome> {
    const id = `${use.code}:${use.userId}`;
    const used = async () => (await this.uses.findOne({ _id: id as never }, { projection: { _id: 1 } })) !== null;
    if (await used()) return 'used';
    let slot = await this.uses.countDocuments({ code: use.code });
    for (let attempt = 0; attempt < 10_000; attempt += 1) {
      slot += 1;
      if (usageLimit !== null && slot > usageLimit) return 'full';
      try {
        await this.uses.insertOne({
          _id: id as never,
          slotKey: usageLimit === null ? id : `${use.code}#${slot}`,
          ...use,
        });
        return 'claimed';
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        if (await used()) return 'used';
      }
    }
    throw new Error(`could not claim a use of invite ${use.code}`);
  }

  async listUses(code: string, limit: number): Promise<InviteUse[]> {
    const rows = await this.uses
      .find({ code }, { projection: { slotKey: 0 } })
      .sort({ joinedAt: -1, _id: -1 })
      .limit(limit)
      .toArray();
    return rows.map((d) => stripId<InviteUse>(d)!);
  }

  async countUses(codes: readonly string[]): Promise<Map<string, number>> {
    if (codes.length === 0) return new Map();
    const rows = await this.uses
      .aggregate<{ _id: string; n: number }>([
        { $match: { code: { $in: [...codes] } } },
        { $group: { _id: '$code', n: { $sum: 1 } } },
      ])
      .toArray();
    return new Map(rows.map((r) => [r._id, r.n]));
  }

  async addRequest(request: JoinRequest): Promise<boolean> {
    return insertUnlessExists(this.requests, {
      _id: `${request.conversationId}:${request.userId}` as never,
      ...request,
    });
  }

  async listRequests(conversationId: string): Promise<JoinRequest[]> {
    return (await this.requests.find({ conversationId }).sort({ requestedAt: 1, _id: 1 }).toArray()).map((d) =>
      stripId<JoinRequest>(d)!,
    );
  }

  async takeRequest(conversationId: string, userId: string): Promise<JoinRequest | null> {
    const id = `${conversationId}:${userId}` as never;
    const request = await this.requests.findOne({ _id: id });
    // Only the one whose delete removed it acts on it.
    if (!request || (await this.requests.deleteOne({ _id: id })).deletedCount !== 1) return null;
    return stripId<JoinRequest>(request);
  }
}

function toLink(doc: Parameters<typeof fromDoc>[0]): InviteLink | null {
  const link = fromDoc<InviteLink & { id?: string }>(doc);
  if (!link) return null;
  const { id, ...rest } = link;
  return { ...rest, code: id! } as InviteLink;
}
