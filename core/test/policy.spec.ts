import { describe, expect, it } from 'vitest';
import { ROLES_BY_KIND } from '../src/modules/conversations/index.js';
import { ADMIN_RIGHTS, can, POLICY, refusal, type ConversationKind } from '../src/modules/conversations/index.js';
import type { AdminRight, ParticipantRole } from '../src/modules/conversations/index.js';

const at = (kind: ConversationKind, permissions?: Record<string, boolean>) => ({ kind, settings: { permissions } });
const as = (role: ParticipantRole, rights?: AdminRight[]) => ({ role, rights });

describe('policy table', () => {
  it('knows only the roles each kind has', () => {
    for (const [kind, roles] of Object.entries(POLICY))
      expect(Object.keys(roles).sort()).toEqual([...ROLES_BY_KIND[kind as keyof typeof POLICY]].sort());
  });

  it('lets channel subscribers react but not post, type or see the audience', () => {
    expect(can(at('channel'), as('subscriber'), 'message.react')).toBe(true);
    expect(
      ['message.send', 'typing', 'participant.list', 'receipts.view'].map((a) =>
        can(at('channel'), as('subscriber'), a as never),
      ),
    ).toEqual([false, false, false, false]);
  });

  it('gives every group owner power that admins have, and more', () => {
    for (const action of POLICY.group.admin ?? []) expect(can(at('group'), as('owner'), action)).toBe(true);
    expect(can(at('group'), as('owner'), 'participant.changeRole')).toBe(true);
  });

  it('denies roles a kind does not have', () => {
    expect(can(at('direct'), as('owner'), 'message.send')).toBe(false);
  });
});

describe('admin rights and member permissions', () => {
  it('hold an admin to their rights; one with none stored holds all but appointing admins, as before', () => {
    const bans = ['participant.ban', 'participant.remove', 'participant.restrict'] as const;
    expect(bans.map((a) => can(at('group'), as('admin', ['inviteUsers']), a))).toEqual([false, false, false]);
    expect(bans.map((a) => can(at('group'), as('admin', ['banUsers']), a))).toEqual([true, true, true]);
    expect(can(at('group'), as('admin', ['inviteUsers']), 'participant.add')).toBe(true);
    expect(can(at('group'), as('admin', []), 'message.send')).toBe(true);
    for (const action of (POLICY.group.admin ?? []).filter((a) => a !== 'participant.changeRole'))
      expect(can(at('group'), as('admin'), action)).toBe(true);
    expect(can(at('group'), as('admin'), 'participant.changeRole')).toBe(false);
    expect(can(at('group'), as('admin', ['addAdmins']), 'participant.changeRole')).toBe(true);
    expect(can(at('channel'), as('admin', ['changeInfo']), 'message.send')).toBe(false);
    expect(can(at('channel'), as('admin', [...ADMIN_RIGHTS]), 'message.send')).toBe(true);
  });

  it("give group members what the group's permissions give, and nothing to other kinds' members", () => {
    expect(can(at('group'), as('member'), 'message.pin')).toBe(false);
    expect(can(at('group', { pinMessages: true }), as('member'), 'message.pin')).toBe(true);
    expect(can(at('group', { sendMessages: false }), as('member'), 'message.send')).toBe(false);
    expect(can(at('group', { sendMessages: false }), as('member'), 'message.comment')).toBe(false);
    expect(can(at('group', { addMembers: false }), as('member'), 'participant.add')).toBe(false);
    expect(can(at('group', { changeInfo: true }), as('member'), 'conversation.update')).toBe(true);
    expect(can(at('direct'), as('member'), 'message.pin')).toBe(true);
    expect(can(at('group', { sendMessages: false }), as('admin', []), 'message.send')).toBe(true);
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
