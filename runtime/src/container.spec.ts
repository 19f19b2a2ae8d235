import { describe, expect, it } from 'vitest';
import {
  AccessView,
  ConversationsModule,
  DeliveryModule,
  IdentityModule,
  MediaModule,
  MessagingModule,
  ModerationModule,
  conversationsUseCases,
  deliveryUseCases,
  identityUseCases,
  mediaUseCases,
  messagingUseCases,
  moderationUseCases,
  type Parley,
} from '@parley/core';
import { useCaseToken } from './core-modules.js';
import { loadConfig } from './config.js';
import { buildContainer } from './container.js';
import { CachedAccessView } from '@parley/adapter-access-cache';
import { TOKENS } from './tokens.js';

describe('buildContainer', () => {
  const container = buildContainer(loadConfig({ LOG_LEVEL: 'silent' }, () => 'x'.repeat(40)));

  it('binds each core module under its own token, and Parley is made of those same modules', () => {
    const parley = container.get<Parley>(TOKENS.Parley);
    const modules = [
      IdentityModule,
      ConversationsModule,
      MessagingModule,
      MediaModule,
      ModerationModule,
      DeliveryModule,
    ];
    expect(modules.map((token) => container.get(token))).toEqual([
      parley.identity,
      parley.conversations,
      parley.messaging,
      parley.media,
      parley.moderation,
      parley.delivery,
    ]);
    expect(container.get(MessagingModule)).toBe(parley.messaging);
  });

  it('binds every use case under its own token, one by one; the module object holds those same instances', () => {
    const tables = {
      identity: [IdentityModule, identityUseCases],
      conversations: [ConversationsModule, conversationsUseCases],
      messaging: [MessagingModule, messagingUseCases],
      media: [MediaModule, mediaUseCases],
      moderation: [ModerationModule, moderationUseCases],
      delivery: [DeliveryModule, deliveryUseCases],
    } as const;
    let bound = 0;
    for (const [module, [token, recipes]] of Object.entries(tables)) {
      const built = container.get<Record<string, object>>(token);
      expect(Object.keys(built).sort()).toEqual(Object.keys(recipes).sort());
      for (const name of Object.keys(recipes)) {
        expect(container.get(useCaseToken(module, name)), `${module}.${name}`).toBe(built[name]);
        bound += 1;
      }
    }
    expect(bound).toBeGreaterThanOrEqual(90);
  });

  it('hands a use case that drives a sibling the bound sibling, not a second copy', () => {
    const scheduled = container.get<{ sendMessage: object }>(useCaseToken('messaging', 'deliverScheduledMessages'));
    expect(Object.values(scheduled)).toContain(container.get(useCaseToken('messaging', 'sendMessage')));
    const addMany = container.get<object>(useCaseToken('conversations', 'addParticipants'));
    expect(Object.values(addMany)).toContain(container.get(useCaseToken('conversations', 'addParticipant')));
  });

  it('reads access through the cache it binds, the one the use cases were built with', () => {
    const parley = container.get<Parley>(TOKENS.Parley);
    expect(container.get(AccessView)).toBeInstanceOf(CachedAccessView);
    expect(parley.access).toBe(container.get(AccessView));
  });

  it('builds a use case once per container, from the bound ports', async () => {
    const { identity } = container.get<Parley>(TOKENS.Parley);
    const registered = await identity.registerUser.execute({
      email: 'ann@example.com',
      username: 'ann',
      password: 'correct horse battery',
    });
    expect(registered.ok).toBe(true);
    expect(container.get<Parley>(TOKENS.Parley).identity.registerUser).toBe(identity.registerUser);
  });
});
