import { describe, expect, it } from 'vitest';
import { chatOnce } from './embedding.js';

describe('docs/embedding.md example', () => {
  it('sends a message through the core and fans it out through the custom publisher', async () => {
    const { bus, message, inbox } = await chatOnce();
    expect(message).toMatchObject({ seq: 1, content: 'Hello from my service', clientMessageId: 'first' });
    expect(inbox).toHaveLength(1);
    expect(inbox[0]).toMatchObject({ unreadCount: 1, lastMessage: { content: 'Hello from my service' } });
    expect(
      bus.sent.map((s) => (s.event.kind === 'conversation' ? s.event.event.payload.type : s.event.event.type)),
    ).toEqual(expect.arrayContaining(['conversation.created', 'message.created', 'conversation.joined']));
  });
});
