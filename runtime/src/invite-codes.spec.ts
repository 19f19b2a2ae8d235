import { describe, expect, it } from 'vitest';
import { createParley, type ImageProcessor } from '@parley/core';
import { createMemoryPorts } from '@parley/adapter-memory';
import { createSystemPorts } from '@parley/adapter-node-system';

describe('invite codes', () => {
  it("never start with '-', which a command line would take for an option", async () => {
    const system = createSystemPorts({ logLevel: 'silent' });
    // The first secrets drawn for the link start with '-': they are drawn again.
    const drawn = ['-Tg0AsdpoXFvX7kqZyrsQ', '-x7kqZyrsQTg0AsdpoXFvX', 'Tg0AsdpoXFvX7kqZyrsQ-'];
    const ids = { next: () => system.ids.next(), secret: () => drawn.shift() ?? system.ids.secret() };
    const ports = createMemoryPorts({ ...system, ids, images: {} as ImageProcessor });
    const parley = createParley(ports, { sendRate: null });
    const ann = await parley.identity.registerUser.execute({
      email: 'ann@x.test',
      username: 'ann',
      password: 'correct horse battery',
    });
    if (!ann.ok) throw new Error('setup');
    const actorId = ann.value.user.id;
    const group = await parley.conversations.createConversation.execute({ actorId, kind: 'group', name: 'Team' });
    if (!group.ok) throw new Error('setup');
    const drawnBefore = drawn.length;
    const link = await parley.conversations.createInvite.execute({
      actorId,
      conversationId: group.value.conversation.id,
    });
    expect(link.ok && link.value.code).toBe('Tg0AsdpoXFvX7kqZyrsQ-');
    expect(drawnBefore).toBe(3);
  });
});
