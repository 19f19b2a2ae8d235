import { createParley, sentMessage, type ImageProcessor, type PushSender } from '@parley/core';
import { ManualClock } from '@parley/core/testkit';
import { createMemoryPorts } from '@parley/adapter-memory';
import { createSystemPorts } from '@parley/adapter-node-system';
import { jobHandlers } from './jobs.js';

export { selfSignedCertificate } from '@parley/adapter-push/testkit';

let people = 0;

/**
 * Parley on the embedded stores with a real PushSender: Ann and Bob share a DM; `register` gives one of Bob's
 * sessions a push target; `send` has Ann write and returns the notify job as the worker runs it (run it twice to
 * play a redelivery).
 */
export async function pushHarness(push: PushSender) {
  const clock = new ManualClock(new Date());
  const memory = createMemoryPorts({
    ...createSystemPorts({ clock, logLevel: 'silent' }),
    images: {} as ImageProcessor,
  });
  const parley = createParley({ ...memory, push }, { sendRate: null });
  const person = async (name: string) => {
    const r = await parley.identity.registerUser.execute({
      email: `${name}@push.test`,
      username: name,
      password: 'correct horse battery',
    });
    if (!r.ok || !('accessToken' in r.value)) throw new Error('setup');
    const principal = await parley.identity.authenticate.execute(r.value.accessToken);
    if (!principal.ok) throw new Error('setup');
    return { id: r.value.user.id, sessionId: principal.value.sessionId, email: `${name}@push.test` };
  };
  people += 1;
  const [ann, bob] = [await person(`ann${people}`), await person(`bob${people}`)];
  const dm = await parley.conversations.createConversation.execute({
    actorId: ann.id,
    kind: 'direct',
    memberIds: [bob.id],
  });
  if (!dm.ok) throw new Error('setup');
  /** One more signed-in device of Bob's (a session of its own). */
  const bobDevice = async () => {
    const r = await parley.identity.logIn.execute({ login: bob.email, password: 'correct horse battery' });
    if (!r.ok || !('accessToken' in r.value)) throw new Error('setup');
    const principal = await parley.identity.authenticate.execute(r.value.accessToken);
    if (!principal.ok) throw new Error('setup');
    return { id: bob.id, sessionId: principal.value.sessionId };
  };
  const register = async (
    who: { id: string; sessionId: string },
    target: { kind: string; token?: string; endpoint?: string; keys?: unknown },
  ) => {
    const registered = await parley.delivery.registerPushTarget.execute({
      actorId: who.id,
      sessionId: who.sessionId,
      ...target,
    });
    if (!registered.ok) throw new Error(registered.error.message);
  };
  /** Ann writes to Bob; the notify job, to run as the worker would. */
  const send = async (content: string) => {
    const r = await parley.messaging.sendMessage.execute({
      actorId: ann.id,
      conversationId: dm.value.conversation.id,
      content,
    });
    if (!r.ok) throw new Error(r.error.message);
    const message = sentMessage(r.value)!;
    await parley.followUps.settle();
    const job = { id: `notify:${message.id}`, name: 'notify.message' as const, attempt: 1 };
    const payload = {
      messageId: message.id,
      conversationId: message.conversationId,
      senderId: ann.id,
      mentions: [],
      silent: false,
    };
    return () => jobHandlers(parley)['notify.message']({ ...job, payload });
  };
  const online = (who: { id: string }, connectionId: string, kind: 'connect' | 'disconnect') =>
    parley.delivery.trackPresence.execute({ kind, userId: who.id, connectionId });
  const mute = async () => {
    const muted = await parley.conversations.muteConversation.execute({
      actorId: bob.id,
      conversationId: dm.value.conversation.id,
      until: 'forever',
    });
    if (!muted.ok) throw new Error('setup');
  };
  const targets = async () => (await memory.pushTargets.listForUsers([bob.id])).map((t) => t.address).sort();
  return { parley, memory, ann, bob, dm: dm.value.conversation.id, bobDevice, register, send, online, mute, targets };
}
