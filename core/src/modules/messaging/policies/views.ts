import { toMessageView, type Message, type MessageView, type ReactionSummary } from '../domain/message.js';
import type { Ports } from '../../../ports.js';

const NO_REACTIONS: ReactionSummary[] = Object.freeze([]) as unknown as ReactionSummary[];
/**
 * Views of frozen messages nobody reacted to. Such a view is the same for every viewer, and a store that
 * hands out frozen rows replaces the row on every change (the memory store does), so the view is made
 * once per message version, frozen, and forgotten with the row. Frozen views let an edge remember
 * their serialised form too. Rows that are not frozen (fresh objects from a database) get fresh views.
 */
const sharedViews = new WeakMap<Message, MessageView>();

/** Messages as the viewer sees them, with reaction counts and "mine". */
export async function toViews(
  reactions: Ports['reactions'],
  messages: readonly Message[],
  viewerId: string,
): Promise<MessageView[]> {
  const summaries = await reactions.summarize(
    messages.map((m) => m.id),
    viewerId,
  );
  return messages.map((m) => {
    const summary = summaries.get(m.id);
    if ((summary && summary.length > 0) || !Object.isFrozen(m)) return toMessageView(m, summary ?? []);
    let view = sharedViews.get(m);
    if (!view) sharedViews.set(m, (view = Object.freeze(toMessageView(m, NO_REACTIONS))));
    return view;
  });
}
