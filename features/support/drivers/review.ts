import type { Parley } from '@parley/core';
import { dataOf, type Json, type Outcome, type RestCall, type RunAs, type Session } from './driver.js';

/** Word and link filters and the review of held messages, as both drivers do them. */
export interface ReviewDriver {
  listFilters(as: Session): Promise<Outcome<Json[]>>;
  addFilter(as: Session, body: { kind: string; pattern: string; action: string; note?: string }): Promise<Outcome>;
  removeFilter(as: Session, filterId: string): Promise<Outcome>;
  dryRun(as: Session, body: { kind: string; pattern: string; last?: number }): Promise<Outcome>;
  listHeld(as: Session, state?: string): Promise<Outcome<Json[]>>;
  review(as: Session, heldId: string, decision: 'approve' | 'reject', reason?: string): Promise<Outcome>;
  /** What became of one's own held message. */
  heldReceipt(as: Session, heldId: string): Promise<Outcome>;
}

/** Over REST. */
export function httpReview(call: RestCall): ReviewDriver {
  return {
    listFilters: async (s) => dataOf(await call(s, 'GET', '/admin/filters')),
    addFilter: (s, body) => call(s, 'POST', '/admin/filters', body),
    removeFilter: (s, id) => call(s, 'DELETE', `/admin/filters/${id}`),
    dryRun: (s, body) => call(s, 'POST', '/admin/filters/dry-run', body),
    listHeld: async (s, state) => dataOf(await call(s, 'GET', '/admin/held-messages', undefined, { state })),
    review: (s, id, decision, reason) =>
      call(s, 'POST', `/admin/held-messages/${id}/${decision}`, reason ? { reason } : {}),
    heldReceipt: (s, id) => call(s, 'GET', `/held-messages/${id}`),
  };
}

/** Through the core use cases in process. */
export function inProcessReview(as: RunAs, core: () => Parley): ReviewDriver {
  const moderation = () => core().moderation;
  const messaging = () => core().messaging;
  const page = async (s: Session, run: (actorId: string) => Promise<Json>) => dataOf(await as(s, run));
  return {
    listFilters: (s) =>
      page(s, async (a) => {
        const listed = await moderation().listContentFilters.execute({ actorId: a });
        return listed.ok ? { ok: true, value: { data: listed.value } } : listed;
      }),
    addFilter: (s, body) => as(s, (a) => moderation().addContentFilter.execute({ ...body, actorId: a })),
    removeFilter: (s, filterId) => as(s, (a) => moderation().removeContentFilter.execute({ actorId: a, filterId })),
    dryRun: (s, body) => as(s, (a) => moderation().tryContentFilter.execute({ ...body, actorId: a })),
    listHeld: (s, state) => page(s, (a) => messaging().listHeldMessages.execute({ actorId: a, state })),
    review: (s, heldId, decision, reason) =>
      as(s, (a) => messaging().reviewHeldMessage.execute({ actorId: a, heldId, decision, reason })),
    heldReceipt: (s, heldId) => as(s, (a) => messaging().getHeldMessage.execute({ actorId: a, heldId })),
  };
}
