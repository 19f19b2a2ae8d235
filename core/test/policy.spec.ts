import { describe, expect, it } from 'vitest';
import { ROLES_BY_KIND } from '../src/modules/conversations/index.js';
import { can, POLICY, refusal } from '../src/modules/conversations/index.js';

describe('policy table', () => {
  it('knows only the roles each kind has', () => {
    for (const [kind, roles] of Object.entries(POLICY))
      expect(Object.keys(roles).sort()).toEqual([...ROLES_BY_KIND[kind as keyof typeof POLICY]].sort());
  });

  it('lets channel subscribers react but not post, type or see the audience', () => {
    expect(can('channel', 'subscriber', 'message.react')).toBe(true);
    expect(
      ['message.send', 'typing', 'participant.list', 'receipts.view'].map((a) =>
        can('channel', 'subscriber', a as never),
      ),
    ).toEqual([false, false, false, false]);
  });

  it('gives every group owner power that admins have, and more', () => {
    for (const action of POLICY.group.admin ?? []) expect(can('group', 'owner', action)).toBe(true);
    expect(can('group', 'admin', 'participant.changeRole')).toBe(false);
  });

  it('denies roles a kind does not have', () => {
    expect(can('direct', 'owner', 'message.send')).toBe(false);
  });
});

describe('refusals', () => {
  it('say in words who may not do what, with the right article', () => {
    expect(refusal('group', 'admin', 'participant.changeRole')).toBe(
      "as an admin of this group, you may not change people's roles",
    );
    expect(refusal('channel', 'subscriber', 'message.send')).toBe(
      'as a subscriber of this channel, you may not post here',
    );
    for (const action of ['conversation.update', 'participant.list', 'message.deleteAny', 'typing'] as const)
      expect(refusal('channel', 'subscriber', action)).not.toMatch(/\.|undefined/);
  });
});
