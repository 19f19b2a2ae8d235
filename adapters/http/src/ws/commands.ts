import type { DomainError, Result, UseCases } from '@parley/core';
import type { CommandFrame } from './frames.js';

type Outcome = Result<unknown, DomainError> | { ok: false; error: { code: string; message: string; type?: string } };

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const bad = (message: string): Outcome => ({ ok: false, error: { code: 'validation_failed', message, type: 'ValidationFailed' } });

/**
 * The socket's command set: the same use cases as REST, so the same rules apply (idempotent send,
 * permissions, limits). `resume` replays a conversation's events after an eventSeq.
 */
export async function runCommand(uc: UseCases, actorId: string, frame: CommandFrame): Promise<Outcome> {
  const conversationId = str(frame.conversationId) ?? '';
  const messageId = str(frame.messageId) ?? '';
  switch (frame.type) {
    case 'message.send': {
      const result = await uc.sendMessage.execute({ actorId, conversationId, content: frame.content, clientMessageId: frame.clientMessageId, replyToId: frame.replyToId, attachmentIds: frame.attachmentIds, metadata: frame.metadata, silent: frame.silent, poll: frame.poll, parseMode: frame.parseMode });
      return result.ok ? { ok: true, value: { message: result.value.message, created: result.value.created } } : result;
    }
    case 'message.edit':
      return uc.editMessage.execute({ actorId, messageId, content: frame.content, parseMode: frame.parseMode });
    case 'message.delete':
      return uc.deleteMessage.execute({ actorId, messageId, for: frame.for });
    case 'typing.start':
    case 'typing.stop':
      return uc.setTyping.execute({ actorId, conversationId, typing: frame.type === 'typing.start' });
    case 'read':
      return uc.markRead.execute({ actorId, conversationId: str(frame.conversationId), messageId: str(frame.messageId), seq: frame.seq, kind: frame.kind === 'delivered' ? 'delivered' : 'read' });
    case 'resume':
      if (typeof frame.lastEventSeq !== 'number') return bad('lastEventSeq must be a number');
      return uc.getConversationEvents.execute({ actorId, conversationId, after: frame.lastEventSeq, limit: 500 });
    default:
      return { ok: false, error: { code: 'unknown_command', message: `unknown frame type '${frame.type}'` } };
  }
}
