import { restricted, restrictionMessage, type Participant, type Restrictable } from '../../conversations/index.js';
import { forbidden, type Forbidden } from '../../../shared/errors.js';

/** What a message would carry, as restrictions see it. */
export interface Carrying {
  attachments: number;
  links: number;
  poll: boolean;
}

/**
 * The refusal when an admin's restriction forbids this member to post what they try to (403 `restricted`,
 * naming what and until when), else null. With no `carrying`, only read-only is asked.
 */
export function restrictionRefusal(participant: Participant, now: Date, carrying?: Carrying): Forbidden | null {
  const asked: Restrictable[] = ['send'];
  if (carrying?.attachments) asked.push('media');
  if (carrying?.links) asked.push('links');
  if (carrying?.poll) asked.push('polls');
  for (const what of asked) {
    const r = restricted(participant, what, now);
    if (r) return forbidden('restricted', restrictionMessage(r, what));
  }
  return null;
}
