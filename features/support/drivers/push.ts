import type { Parley, PushMessage, PushTarget } from '@parley/core';
import type { Json, Outcome, RestCall, RunAs, Session } from './driver.js';

/** A push the server handed to its push sender (the embedded one, which keeps them). */
export interface SentPush {
  target: PushTarget;
  message: PushMessage;
}

/** Devices registered for push, and what was pushed to them, as both drivers do it. */
export interface PushDriver {
  /** This session's device asks to be woken: `{ kind: 'fcm' | 'apns', token }` or a Web Push subscription. */
  register(as: Session, target: Json): Promise<Outcome>;
  /** This session's device stops push. */
  stop(as: Session): Promise<Outcome>;
  /** What was pushed to this person's devices so far, oldest first (pushes go out from jobs: poll). */
  sent(as: Session): SentPush[];
}

/** Over REST. */
export function httpPush(call: RestCall, sent: () => SentPush[]): PushDriver {
  return {
    register: (s, target) => call(s, 'PUT', '/sessions/current/push', target),
    stop: (s) => call(s, 'DELETE', '/sessions/current/push'),
    sent: (s) => sent().filter((p) => p.target.userId === s.userId),
  };
}

/** Through the core use cases in process. */
export function inProcessPush(as: RunAs, core: () => Parley, sent: () => SentPush[]): PushDriver {
  const delivery = () => core().delivery;
  return {
    register: (s, target) =>
      as(s, (actorId, sessionId) => delivery().registerPushTarget.execute({ actorId, sessionId, ...target })),
    stop: (s) => as(s, (_actorId, sessionId) => delivery().removePushTargets.execute({ sessionId })),
    sent: (s) => sent().filter((p) => p.target.userId === s.userId),
  };
}
