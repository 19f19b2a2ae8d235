import type { Ports } from '../../../ports.js';
import type { TwoFactor } from '../domain/two-factor.js';

/** How long a spent time step is remembered: past the window in which its code could be valid. */
const STEP_MEMORY_MS = 5 * 60_000;
/** How long a spent recovery code is remembered: far past any account's use of two-factor sign-in. */
const RECOVERY_MEMORY_MS = 10 * 365 * 86_400_000;

export type SecondFactorDeps = Pick<Ports, 'twoFactor' | 'totp' | 'tokens' | 'clock'>;

/** A code from the authenticator app, or one of the recovery codes. */
export interface SecondFactorInput {
  code?: unknown;
  recoveryCode?: unknown;
}

/** A recovery code's spend key: its hash, typed with or without dashes, in any case. */
export const recoveryKey = (deps: Pick<Ports, 'tokens'>, code: string): string =>
  `recovery:${deps.tokens.hashRefreshSecret(code.toLowerCase().replace(/[^a-z0-9]/g, ''))}`;

/**
 * Whether the second factor given is right, spending it: a TOTP code's time step works once (a code seen by
 * someone else cannot be replayed), a recovery code once ever.
 */
export async function spendSecondFactor(
  deps: SecondFactorDeps,
  state: TwoFactor,
  input: SecondFactorInput,
): Promise<boolean> {
  const now = deps.clock.now();
  if (typeof input.code === 'string' && /^\d{6}$/.test(input.code.trim())) {
    const step = await deps.totp.check(state.secret, input.code.trim(), now);
    if (step === null) return false;
    return deps.twoFactor.spend(state.userId, `step:${step}`, new Date(now.getTime() + STEP_MEMORY_MS));
  }
  if (typeof input.recoveryCode === 'string' && input.recoveryCode.length <= 64) {
    const key = recoveryKey(deps, input.recoveryCode);
    if (!state.recoveryCodeHashes.includes(key.slice('recovery:'.length))) return false;
    return deps.twoFactor.spend(state.userId, key, new Date(now.getTime() + RECOVERY_MEMORY_MS));
  }
  return false;
}
