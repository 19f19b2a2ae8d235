import { toMessageView, type Message, type MessageView } from '../../domain/message.js';
import type { Ports } from '../../ports/index.js';

/** Messages as the viewer sees them, with reaction counts and "mine". */
export async function toViews(
  reactions: Ports['reactions'],
  messages: readonly Message[],
  viewerId: string,
): Promise<MessageView[]> {
  const summaries = await reactions.summarize(messages.map((m) => m.id), viewerId);
  return messages.map((m) => toMessageView(m, summaries.get(m.id) ?? []));
}
