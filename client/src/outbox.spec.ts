import { describe, expect, it } from 'vitest';
import { ParleyError } from './errors.js';
import { Outbox, type PendingSend } from './outbox.js';
import { isHeld, type Message } from './protocol.js';

const message = (item: PendingSend) =>
  ({ id: `m-${item.clientMessageId}`, content: item.content }) as unknown as Message;

describe('Outbox', () => {
  it('sends in order and resolves each send with its message', async () => {
    const sent: string[] = [];
    const outbox = new Outbox(async (item) => {
      sent.push(item.content!);
      return message(item);
    });
    const [a, b] = await Promise.all([
      outbox.send({ conversationId: 'c1', content: 'a' }),
      outbox.send({ conversationId: 'c1', content: 'b' }),
    ]);
    expect(sent).toEqual(['a', 'b']);
    expect([a, b].map((m) => (isHeld(m) ? 'held' : m.content))).toEqual(['a', 'b']);
    expect(outbox.list()).toEqual([]);
  });

  it('keeps a send while the server cannot be reached and retries it with the same clientMessageId', async () => {
    const tries: string[] = [];
    let up = false;
    const outbox = new Outbox(async (item) => {
      tries.push(item.clientMessageId);
      if (!up) throw new ParleyError(0, 'network_error', 'offline');
      return message(item);
    });
    const acknowledged = outbox.send({ conversationId: 'c1', content: 'hello' });
    await new Promise((r) => setTimeout(r, 10));
    expect(outbox.list().map((i) => [i.content, i.state])).toEqual([['hello', 'queued']]);
    up = true;
    await outbox.flush();
    await acknowledged;
    expect(tries).toHaveLength(2);
    expect(new Set(tries).size).toBe(1);
    outbox.close();
  });

  it('marks a refused send failed (no retry), lets the others through, and retries it on request', async () => {
    let refuse = true;
    const outbox = new Outbox(async (item) => {
      if (item.content === 'bad' && refuse) throw new ParleyError(422, 'validation_failed', 'content is too long');
      return message(item);
    });
    await expect(outbox.send({ conversationId: 'c1', content: 'bad' })).rejects.toMatchObject({
      code: 'validation_failed',
    });
    await outbox.send({ conversationId: 'c1', content: 'good' });
    expect(outbox.list().map((i) => [i.content, i.state, i.error?.code])).toEqual([
      ['bad', 'failed', 'validation_failed'],
    ]);
    refuse = false;
    outbox.retry(outbox.list()[0]!.clientMessageId);
    await new Promise((r) => setTimeout(r, 10));
    await outbox.flush();
    expect(outbox.list()).toEqual([]);
  });

  it('sends what a previous run left in its storage', async () => {
    const saved: PendingSend[] = [
      {
        clientMessageId: 'k1',
        conversationId: 'c1',
        content: 'from before',
        createdAt: '2026-11-25T00:00:00.000Z',
        state: 'sending',
      },
    ];
    const stored: PendingSend[][] = [];
    const sent: string[] = [];
    const outbox = new Outbox(
      async (item) => {
        sent.push(item.clientMessageId);
        return message(item);
      },
      {
        load: () => saved,
        save: (items) => {
          stored.push(items);
        },
      },
    );
    await outbox.loaded;
    await outbox.flush();
    expect(sent).toEqual(['k1']);
    expect(stored.at(-1)).toEqual([]);
  });
});
