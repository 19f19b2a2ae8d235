import type { Logger, PushMessage, PushOutcome, PushSender, PushTarget, PushTargetStore } from '@parley/core';
import { clone } from './clone.js';

export class InMemoryPushTargetStore implements PushTargetStore {
  private readonly targets = new Map<string, PushTarget>();

  async register(target: PushTarget): Promise<void> {
    this.targets.set(target.id, clone(target));
  }

  async listForUsers(userIds: readonly string[]): Promise<PushTarget[]> {
    const wanted = new Set(userIds);
    return [...this.targets.values()].filter((t) => wanted.has(t.userId)).map(clone);
  }

  async remove(id: string): Promise<void> {
    this.targets.delete(id);
  }

  async removeForSession(sessionId: string): Promise<void> {
    for (const [id, target] of this.targets) if (target.sessionId === sessionId) this.targets.delete(id);
  }
}

/**
 * The embedded default: no push service is configured, so pushes are kept (tests read them) and logged, and every
 * target counts as reached.
 */
export class LogPushSender implements PushSender {
  readonly sent: { target: PushTarget; message: PushMessage }[] = [];

  constructor(
    private readonly logger?: Logger,
    private readonly keep = 1000,
  ) {}

  async send(target: PushTarget, message: PushMessage): Promise<PushOutcome> {
    this.sent.push({ target, message });
    if (this.sent.length > this.keep) this.sent.shift();
    this.logger?.info('push (no push service configured)', { kind: target.kind, messageId: message.messageId });
    return 'sent';
  }
}
