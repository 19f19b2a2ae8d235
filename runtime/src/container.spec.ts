import { describe, expect, it } from 'vitest';
import {
  AccessView,
  ConversationsModule,
  DeliveryModule,
  IdentityModule,
  MediaModule,
  MessagingModule,
  ModerationModule,
  type Parley,
} from '@parley/core';
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
