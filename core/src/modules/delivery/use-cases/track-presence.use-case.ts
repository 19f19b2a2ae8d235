import { presenceTopic } from '../domain/event.js';
import type { PresenceStatus } from '../../identity/index.js';
import { ok, type Result } from '../../../shared/result.js';
import type { DomainError } from '../../../shared/errors.js';
import type { CoreConfig } from '../../../shared/config.js';
import type { Ports } from '../../../ports.js';
import { publishSafely } from '../policies/record-event.js';

export type PresenceSignal =
  | { kind: 'connect' | 'heartbeat' | 'disconnect'; userId: string; connectionId: string }
  | { kind: 'away' | 'back'; userId: string };

type Deps = Pick<Ports, 'presence' | 'users' | 'publisher' | 'clock' | 'logger'>;

/**
 * Presence from connections: a user is online from their first live connection and offline, with
 * last-seen, after the last one closes or stops heartbeating. Away is a flag the client sets.
 */
export class TrackPresence {
  constructor(
    private readonly deps: Deps,
    private readonly config: Pick<CoreConfig, 'presenceTtlMs'>,
  ) {}

  async execute(signal: PresenceSignal): Promise<Result<void, DomainError>> {
    switch (signal.kind) {
      case 'connect':
        await this.connect(signal.userId, signal.connectionId);
        break;
      case 'heartbeat':
        await this.deps.presence.heartbeat(signal.userId, signal.connectionId, this.expiry(this.deps.clock.now()));
        break;
      case 'disconnect':
        await this.disconnect(signal.userId, signal.connectionId);
        break;
      case 'away':
      case 'back':
        await this.setAway(signal.userId, signal.kind === 'away');
        break;
    }
    return ok(undefined);
  }

  private async connect(userId: string, connectionId: string): Promise<void> {
    const now = this.deps.clock.now();
    const { cameOnline } = await this.deps.presence.connect(userId, connectionId, this.expiry(now), now);
    if (cameOnline) await this.announce(userId, 'online', null);
  }

  private async disconnect(userId: string, connectionId: string): Promise<void> {
    const now = this.deps.clock.now();
    const { wentOffline } = await this.deps.presence.disconnect(userId, connectionId, now);
    if (wentOffline) {
      await this.deps.users.update(userId, { lastSeenAt: now });
      await this.announce(userId, 'offline', now);
    }
  }

  private async setAway(userId: string, away: boolean): Promise<void> {
    await this.deps.presence.setAway(userId, away);
    await this.announce(userId, away ? 'away' : 'online', null);
  }

  private expiry(now: Date): Date {
    return new Date(now.getTime() + this.config.presenceTtlMs);
  }

  private async announce(userId: string, status: PresenceStatus, lastSeenAt: Date | null): Promise<void> {
    await publishSafely(this.deps, presenceTopic(userId), {
      kind: 'ephemeral',
      event: { type: 'presence.updated', userId, status, lastSeenAt },
    });
  }
}
