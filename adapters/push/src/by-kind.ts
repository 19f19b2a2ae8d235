import type { PushKind, PushMessage, PushOutcome, PushSender, PushTarget } from '@parley/core';

/**
 * One PushSender for every kind of target: each kind goes to the sender configured for it, a kind with none to
 * `otherwise` (the log, so a device registered while that service is off is seen, not lost silently).
 */
export class PushSenderByKind implements PushSender {
  constructor(
    private readonly senders: Partial<Record<PushKind, PushSender>>,
    private readonly otherwise: PushSender,
  ) {}

  /** The kinds a real push service is configured for. */
  get kinds(): PushKind[] {
    return Object.keys(this.senders) as PushKind[];
  }

  send(target: PushTarget, message: PushMessage): Promise<PushOutcome> {
    return (this.senders[target.kind] ?? this.otherwise).send(target, message);
  }
}
