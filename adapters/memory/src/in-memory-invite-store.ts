import type { ClaimOutcome, InviteLink, InviteStore, InviteUse, JoinRequest } from '@parley/core';
import { clone } from './clone.js';

export class InMemoryInviteStore implements InviteStore {
  private readonly links = new Map<string, InviteLink>();
  /** Uses per code, in the order they were claimed. */
  private readonly uses = new Map<string, InviteUse[]>();
  private readonly requests = new Map<string, JoinRequest>();

  async create(link: InviteLink): Promise<void> {
    this.links.set(link.code, clone(link));
  }

  async findByCode(code: string): Promise<InviteLink | null> {
    const link = this.links.get(code);
    return link ? clone(link) : null;
  }

  async list(conversationId: string): Promise<InviteLink[]> {
    return [...this.links.values()]
      .filter((l) => l.conversationId === conversationId)
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.code < b.code ? 1 : -1))
      .map(clone);
  }

  async revoke(code: string, by: string, at: Date): Promise<InviteLink | null> {
    const link = this.links.get(code);
    if (!link) return null;
    if (!link.revokedAt) Object.assign(link, { revokedAt: at, revokedBy: by });
    return clone(link);
  }

  async claimUse(use: InviteUse, usageLimit: number | null): Promise<ClaimOutcome> {
    const uses = this.uses.get(use.code) ?? [];
    if (uses.some((u) => u.userId === use.userId)) return 'used';
    if (usageLimit !== null && uses.length >= usageLimit) return 'full';
    this.uses.set(use.code, [...uses, clone(use)]);
    return 'claimed';
  }

  async listUses(code: string, limit: number): Promise<InviteUse[]> {
    return [...(this.uses.get(code) ?? [])].reverse().slice(0, limit).map(clone);
  }

  async countUses(codes: readonly string[]): Promise<Map<string, number>> {
    return new Map(codes.filter((c) => this.uses.get(c)?.length).map((c) => [c, this.uses.get(c)!.length]));
  }

  async addRequest(request: JoinRequest): Promise<boolean> {
    const key = `${request.conversationId}\u0000${request.userId}`;
    if (this.requests.has(key)) return false;
    this.requests.set(key, clone(request));
    return true;
  }

  async listRequests(conversationId: string): Promise<JoinRequest[]> {
    return [...this.requests.values()]
      .filter((r) => r.conversationId === conversationId)
      .sort((a, b) => a.requestedAt.getTime() - b.requestedAt.getTime())
      .map(clone);
  }

  async takeRequest(conversationId: string, userId: string): Promise<JoinRequest | null> {
    const key = `${conversationId}\u0000${userId}`;
    const request = this.requests.get(key);
    this.requests.delete(key);
    return request ? clone(request) : null;
  }
}
