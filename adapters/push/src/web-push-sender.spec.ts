import { describe, expect, it } from 'vitest';
import { generateVapidKeys, WebPushSender } from './web-push-sender.js';

describe('WebPushSender', () => {
  it('calls a subscription whose key is no point on P-256 gone, without asking any push service', async () => {
    const sender = new WebPushSender({ ...generateVapidKeys(), subject: 'mailto:ops@parley.test' });
    const outcome = await sender.send(
      {
        id: 'webpush:https://push.invalid/x',
        kind: 'webpush',
        address: 'https://push.invalid/x',
        keys: { p256dh: `B${'A'.repeat(86)}`, auth: 'A'.repeat(22) },
        userId: 'u1',
        sessionId: 's1',
        createdAt: new Date(),
      },
      { title: 't', body: 'b', conversationId: 'c', messageId: 'm', mention: false, collapseKey: 'c', badge: null },
    );
    expect(outcome).toBe('gone');
  });
});
