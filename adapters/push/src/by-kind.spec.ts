import { describe, expect, it } from 'vitest';
import type { PushKind, PushMessage, PushSender, PushTarget } from '@parley/core';
import { PushSenderByKind } from './by-kind.js';

const recorder = (name: string, calls: string[]): PushSender => ({
  send: async (target) => {
    calls.push(`${name}:${target.kind}`);
    return 'sent';
  },
});
const target = (kind: PushKind) => ({ id: `${kind}:x`, kind, address: 'x' }) as PushTarget;
const message = {} as PushMessage;

describe('PushSenderByKind', () => {
  it('hands each target to the sender of its kind, and a kind with none to the fallback', async () => {
    const calls: string[] = [];
    const sender = new PushSenderByKind(
      { fcm: recorder('fcm', calls), apns: recorder('apns', calls) },
      recorder('log', calls),
    );
    for (const kind of ['fcm', 'apns', 'webpush'] as const) await sender.send(target(kind), message);
    expect(calls).toEqual(['fcm:fcm', 'apns:apns', 'log:webpush']);
    expect(sender.kinds).toEqual(['fcm', 'apns']);
  });
});
