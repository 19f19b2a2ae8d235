import { unreadTotal } from '../../conversations/index.js';
import type { Message } from '../../messaging/index.js';
import type { CorePorts } from '../../../ports.js';

/** How long a (message, device) claim is kept: far past any redelivery or relay. */
const CLAIM_MS = 30 * 86_400_000;

export type PushDeps = Pick<
  CorePorts,
  'pushTargets' | 'push' | 'access' | 'notificationLog' | 'participants' | 'conversations' | 'messages' | 'logger'
>;

export interface PushRecipient {
  userId: string;
  mention: boolean;
  preview: boolean;
}

/**
 * Wakes every device the recipients registered for push, once per message and device (a claim per pair, as for
 * notifications), every message (the device collapses a conversation's pushes by its collapse key; no burst
 * window). Each push carries the person's unread total for the app icon. A device whose session ended, or that its
 * push service says is gone, is forgotten. False if a push failed in a way that may pass: its claim is given back
 * for the job's retry.
 */
export async function pushToDevices(
  deps: PushDeps,
  recipients: readonly PushRecipient[],
  read: () => Promise<Message | null>,
  say: (m: Message, mention: boolean, preview: boolean) => { title: string; body: string },
  now: Date,
): Promise<boolean> {
  const targets = await deps.pushTargets.listForUsers(recipients.map((r) => r.userId));
  const badges = new Map<string, Promise<number>>();
  let allSent = true;
  for (const target of targets) {
    const session = await deps.access.session(target.sessionId);
    if (!session || session.revokedAt || session.expiresAt <= now || session.userId !== target.userId) {
      await deps.pushTargets.remove(target.id);
      continue;
    }
    const { mention, preview } = recipients.find((r) => r.userId === target.userId)!;
    const message = await read();
    if (!message) return true;
    const claim = `push:${message.id}:${target.id}`;
    if (!(await deps.notificationLog.claim(claim, new Date(now.getTime() + CLAIM_MS), now))) continue;
    try {
      // One count per person, read when their first device is pushed (after this message was stored: it counts).
      if (!badges.has(target.userId)) badges.set(target.userId, unreadTotal(deps, target.userId, message));
      const outcome = await deps.push.send(target, {
        ...say(message, mention, preview),
        conversationId: message.conversationId,
        messageId: message.id,
        mention,
        collapseKey: message.conversationId,
        badge: await badges.get(target.userId)!,
      });
      if (outcome === 'gone') await deps.pushTargets.remove(target.id);
    } catch (error) {
      allSent = false;
      await deps.notificationLog.release(claim);
      deps.logger.warn('push failed', { messageId: message.id, kind: target.kind, error: String(error) });
    }
  }
  return allSent;
}
