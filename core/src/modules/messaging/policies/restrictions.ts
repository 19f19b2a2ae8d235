import {
  permissionsOf,
  restricted,
  restrictionMessage,
  type Conversation,
  type MemberPermission,
  type Participant,
  type Restrictable,
} from '../../conversations/index.js';
import { forbidden, type Forbidden } from '../../../shared/errors.js';

/** What a message would carry, as restrictions and member permissions see it. */
export interface Carrying {
  attachments: number;
  links: number;
  poll: boolean;
}

const PERMISSION: Record<Exclude<Restrictable, 'send'>, MemberPermission> = {
  media: 'sendMedia',
  links: 'sendLinks',
  polls: 'sendPolls',
};

/**
 * The refusal when this member may not post what they try to, else null: an admin's restriction on them
 * (403 `restricted`, naming what and until when), or, in a group, what its member permissions leave out
 * (403 `not_allowed`). With no `carrying`, only read-only is asked (posting at all is the policy's
 * `message.send`).
 */
export function restrictionRefusal(
  conversation: Pick<Conversation, 'kind' | 'settings'>,
  participant: Participant,
  now: Date,
  carrying?: Carrying,
): Forbidden | null {
  const asked: Restrictable[] = ['send'];
  if (carrying?.attachments) asked.push('media');
  if (carrying?.links) asked.push('links');
  if (carrying?.poll) asked.push('polls');
  for (const what of asked) {
    const r = restricted(participant, what, now);
    if (r) return forbidden('restricted', restrictionMessage(r, what));
  }
  if (conversation.kind !== 'group' || participant.role !== 'member') return null;
  const permissions = permissionsOf(conversation.settings);
  for (const what of asked)
    if (what !== 'send' && !permissions[PERMISSION[what]])
      return forbidden('not_allowed', `members of this group may not send ${what} here`);
  return null;
}
