import { invalid, type DomainError } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import type { Ports } from '../../../ports.js';
import { loadMembership } from '../policies/membership.js';
import { NOTIFY_LEVELS, type NotifyLevel } from '../domain/participant.js';

const FOREVER = new Date('9999-12-31T00:00:00Z');

/** A participant mutes notifications of a conversation until a time (or for good), or unmutes it (null). */
export class MuteConversation {
  constructor(private readonly deps: Pick<Ports, 'conversations' | 'participants' | 'clock'>) {}

  async execute(input: {
    actorId: string;
    conversationId: string;
    until?: unknown;
  }): Promise<Result<{ mutedUntil: Date | null }, DomainError>> {
    let until: Date | null;
    if (input.until === null) until = null;
    else if (input.until === undefined || input.until === 'forever') until = FOREVER;
    else {
      until = new Date(String(input.until));
      if (Number.isNaN(until.getTime())) return err(invalid('until', "must be a time, 'forever' or null"));
      // A time already past unmutes, as null does.
      if (until <= this.deps.clock.now()) until = null;
    }
    const membership = await loadMembership(this.deps, input.conversationId, input.actorId);
    if (!membership.ok) return membership;
    await this.deps.participants.update(input.conversationId, input.actorId, { mutedUntil: until });
    return ok({ mutedUntil: until });
  }
}

/**
 * A member chooses which messages of a conversation notify them: all, only those mentioning them, or none (not
 * even mentions). Independent of a mute, which holds back all but mentions until it ends.
 */
export class SetNotifyLevel {
  constructor(private readonly deps: Pick<Ports, 'conversations' | 'participants'>) {}

  async execute(input: {
    actorId: string;
    conversationId: string;
    level?: unknown;
  }): Promise<Result<{ level: NotifyLevel }, DomainError>> {
    const level = input.level as NotifyLevel;
    if (!NOTIFY_LEVELS.includes(level)) return err(invalid('level', `must be one of ${NOTIFY_LEVELS.join(', ')}`));
    const membership = await loadMembership(this.deps, input.conversationId, input.actorId);
    if (!membership.ok) return membership;
    await this.deps.participants.update(input.conversationId, input.actorId, { notify: level });
    return ok({ level });
  }
}
