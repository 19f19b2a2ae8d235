import { invalid, type DomainError } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import type { Ports } from '../../../ports.js';
import { PUSH_KINDS, pushTargetId, type PushKind, type PushTarget } from '../domain/push.js';

/** A subscription's public key (an uncompressed P-256 point) and auth secret (16 bytes), base64url unpadded. */
const P256DH = /^B[A-Za-z0-9_-]{86}$/;
const AUTH = /^[A-Za-z0-9_-]{22}$/;

/** The device's push address, as its kind spells it; a reason when it is not one. */
function readTarget(input: {
  kind?: unknown;
  endpoint?: unknown;
  keys?: unknown;
  token?: unknown;
}): { kind: PushKind; address: string; keys: PushTarget['keys'] } | string {
  const kind = input.kind as PushKind;
  if (!PUSH_KINDS.includes(kind)) return `kind must be one of ${PUSH_KINDS.join(', ')}`;
  if (kind === 'webpush') {
    const endpoint = typeof input.endpoint === 'string' ? input.endpoint : '';
    if (!/^https?:\/\/\S+$/.test(endpoint) || endpoint.length > 2048) return 'endpoint must be an http(s) URL';
    const keys = (input.keys ?? {}) as { p256dh?: unknown; auth?: unknown };
    const p256dh = typeof keys.p256dh === 'string' ? keys.p256dh : '';
    const auth = typeof keys.auth === 'string' ? keys.auth : '';
    if (!P256DH.test(p256dh) || !AUTH.test(auth))
      return 'keys must hold the subscription p256dh (65 bytes) and auth (16 bytes), base64url';
    return { kind, address: endpoint, keys: { p256dh, auth } };
  }
  const token = typeof input.token === 'string' ? input.token : '';
  if (!/^[A-Za-z0-9:_.-]{8,4096}$/.test(token)) return 'token must be the device token the push service gave';
  return { kind, address: token, keys: null };
}

/**
 * This session's device asks to be woken by push: a Web Push subscription (endpoint and keys) or an FCM or APNs
 * device token. It belongs to the session: it goes when the session ends (checked at every push), or when the
 * device registers again under another sign-in.
 */
export class RegisterPushTarget {
  constructor(private readonly deps: Pick<Ports, 'pushTargets' | 'clock'>) {}

  async execute(input: {
    actorId: string;
    sessionId: string;
    kind?: unknown;
    endpoint?: unknown;
    keys?: unknown;
    token?: unknown;
  }): Promise<Result<{ id: string; kind: PushKind }, DomainError>> {
    const read = readTarget(input);
    if (typeof read === 'string') return err(invalid('target', read));
    const target: PushTarget = {
      id: pushTargetId(read.kind, read.address),
      ...read,
      userId: input.actorId,
      sessionId: input.sessionId,
      createdAt: this.deps.clock.now(),
    };
    await this.deps.pushTargets.register(target);
    return ok({ id: target.id, kind: target.kind });
  }
}

/** This session's device stops push (it signed out, or the person turned push off on it). */
export class RemovePushTargets {
  constructor(private readonly deps: Pick<Ports, 'pushTargets'>) {}

  async execute(input: { sessionId: string }): Promise<Result<void, DomainError>> {
    await this.deps.pushTargets.removeForSession(input.sessionId);
    return ok(undefined);
  }
}
