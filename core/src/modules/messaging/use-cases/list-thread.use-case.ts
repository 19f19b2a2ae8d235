import type { MessageView } from '../domain/message.js';
import type { ThreadSummary } from '../ports/thread-store.port.js';
import type { DomainError } from '../../../shared/errors.js';
import { ok, type Result } from '../../../shared/result.js';
import { clampLimit } from '../../../shared/validate.js';
import type { Ports } from '../../../ports.js';
import { loadVisibleMessage } from '../policies/load-message.js';
import { toViews } from '../policies/views.js';
import { pageCursor, seqWindow } from './list-messages.use-case.js';

export interface ThreadPage {
  root: MessageView;
  /** How many replies the thread has and the last one's seq and time (0 / null without replies). */
  replyCount: number;
  lastReplySeq: number | null;
  lastReplyAt: Date | null;
  data: MessageView[];
  nextCursor: string | null;
}

/**
 * A message's thread (the replies to it, and to them): its summary and a page of replies by seq, with the
 * same before / after / cursor rules as history. Replies the viewer deleted for themselves are left out.
 */
export class ListThread {
  constructor(
    private readonly deps: Pick<Ports, 'messages' | 'reactions' | 'threads' | 'conversations' | 'participants'>,
  ) {}

  async execute(input: {
    actorId: string;
    conversationId?: string;
    messageId: string;
    before?: unknown;
    after?: unknown;
    cursor?: unknown;
    limit?: number;
  }): Promise<Result<ThreadPage, DomainError>> {
    const window = seqWindow(input);
    if (!window.ok) return window;
    const found = await loadVisibleMessage(this.deps, input.messageId, input.actorId, input.conversationId);
    if (!found.ok) return found;
    const rootId = found.value.message.threadRootId ?? found.value.message.id;
    const root =
      rootId === found.value.message.id
        ? found.value.message
        : ((await this.deps.messages.findById(rootId)) ?? found.value.message);
    const limit = clampLimit(input.limit, 50, 100);
    const [replies, summaries] = await Promise.all([
      this.deps.threads.page(rootId, { ...window.value, limit: limit + 1 }),
      this.deps.threads.summarize([rootId]),
    ]);
    const page = replies.slice(0, limit);
    const byId = new Map((await this.deps.messages.findManyByIds(page.map((r) => r.messageId))).map((m) => [m.id, m]));
    const visible = page.flatMap((r) => {
      const m = byId.get(r.messageId);
      return m && !m.hiddenFor.includes(input.actorId) ? [m] : [];
    });
    const [rootView, ...views] = await toViews(this.deps.reactions, [root, ...visible], input.actorId);
    const summary: ThreadSummary | undefined = summaries.get(rootId);
    const last = page.at(-1);
    return ok({
      root: rootView!,
      replyCount: summary?.replyCount ?? 0,
      lastReplySeq: summary?.lastReplySeq ?? null,
      lastReplyAt: summary?.lastReplyAt ?? null,
      data: views,
      nextCursor: replies.length > limit && last ? pageCursor(window.value.after, window.value.before, last.seq) : null,
    });
  }
}
