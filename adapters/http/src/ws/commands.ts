import type { DeliveryModule, DomainError, MessagingModule, Result } from '@parley/core';
import type { CommandFrame } from './frames.js';

type Outcome = Result<unknown, DomainError> | { ok: false; error: { code: string; message: string; type?: string } };

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const bad = (message: string): Outcome => ({
  ok: false,
  error: { code: 'validation_failed', message, type: 'ValidationFailed' },
});

/** The use cases a socket's commands call, each from the module that serves it. */
export interface SocketCommandModules {
  messaging: Pick<MessagingModule, 'sendMessage' | 'editMessage' | 'deleteMessage' | 'markRead'>;
  delivery: Pick<DeliveryModule, 'setTyping' | 'getConversationEvents'>;
}

/**
 * The socket's command set: the same use cases as REST, so the same rules apply (idempotent send,
 * permissions, limits). Message commands go to messaging; typing and `resume` (a conversation's events
 * after an eventSeq) to delivery.
 */
export function runCommand(modules: SocketCommandModules, actorId: string, frame: CommandFrame): Promise<Outcome> {
  switch (frame.type) {
    case 'message.send':
    case 'message.edit':
    case 'message.delete':
    case 'read':
      return messageCommand(modules.messaging, actorId, frame);
    case 'typing.start':
    case 'typing.stop':
    case 'resume':
      return deliveryCommand(modules.delivery, actorId, frame);
    default:
      return Promise.resolve({
        ok: false,
        error: { code: 'unknown_command', message: `unknown frame type '${frame.type}'` },
      });
  }
}

async function messageCommand(
  messaging: SocketCommandModules['messaging'],
  actorId: string,
  frame: CommandFrame,
): Promise<Outcome> {
  const conversationId = str(frame.conversationId) ?? '';
  const messageId = str(frame.messageId) ?? '';
  switch (frame.type) {
    case 'message.send': {
      const result = await messaging.sendMessage.execute({
        actorId,
        conversationId,
        content: frame.content,
        clientMessageId: frame.clientMessageId,
        replyToId: frame.replyToId,
        attachmentIds: frame.attachmentIds,
        metadata: frame.metadata,
        silent: frame.silent,
        poll: frame.poll,
        parseMode: frame.parseMode,
      });
      return result;
    }
    case 'message.edit':
      return messaging.editMessage.execute({ actorId, messageId, content: frame.content, parseMode: frame.parseMode });
    case 'message.delete':
      return messaging.deleteMessage.execute({ actorId, messageId, for: frame.for });
    case 'read':
      return messaging.markRead.execute({
        actorId,
        conversationId: str(frame.conversationId),
        messageId: str(frame.messageId),
        seq: frame.seq,
        kind: frame.kind === 'delivered' ? 'delivered' : 'read',
      });
    default:
      return bad(`not a message command: ${frame.type}`);
  }
}

async function deliveryCommand(
  delivery: SocketCommandModules['delivery'],
  actorId: string,
  frame: CommandFrame,
): Promise<Outcome> {
  const conversationId = str(frame.conversationId) ?? '';
  switch (frame.type) {
    case 'typing.start':
    case 'typing.stop':
      return delivery.setTyping.execute({ actorId, conversationId, typing: frame.type === 'typing.start' });
    case 'resume':
      if (typeof frame.lastEventSeq !== 'number') return bad('lastEventSeq must be a number');
      return delivery.getConversationEvents.execute({ actorId, conversationId, after: frame.lastEventSeq, limit: 500 });
    default:
      return bad(`not a delivery command: ${frame.type}`);
  }
}
