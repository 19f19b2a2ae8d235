/**
 * @parley/client from Node: two people sign up, one opens a direct chat and sends; the other's socket
 * receives it. Executed by docs/examples/client.spec.ts against a real API, so it stays true.
 */
import WebSocket from 'ws'; // Node 20 has no global WebSocket; browsers need nothing
import { ParleyClient, unwrap } from '@parley/client';

export async function hello(url = 'http://localhost:3000', suffix = Date.now().toString(36)) {
  const ann = new ParleyClient({ url, WebSocket: WebSocket as never });
  const bob = new ParleyClient({ url, WebSocket: WebSocket as never });
  await ann.register({
    email: `ann-${suffix}@example.com`,
    username: `ann_${suffix}`,
    password: 'correct horse battery',
  });
  const me = await bob.register({
    email: `bob-${suffix}@example.com`,
    username: `bob_${suffix}`,
    password: 'correct horse battery',
  });
  const dm = await unwrap(ann.api.POST('/api/v1/conversations', { body: { kind: 'direct', memberIds: [me.user.id] } }));

  await bob.realtime.connect(); // reconnects by itself, and resumes every conversation it follows
  const received = bob.realtime.once('event', (e) => e.type === 'message.created');
  await ann.send({ conversationId: dm.id, content: 'Hi Bob!' }); // queued while offline; sent exactly once
  const event = await received;

  ann.close();
  bob.close();
  return (event.payload.message as { content: string }).content;
}
