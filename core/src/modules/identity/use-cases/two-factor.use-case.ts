import { conflict, forbidden, unauthenticated, type DomainError } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import type { Ports } from '../../../ports.js';
import { audit } from '../../moderation/index.js';
import { RECOVERY_CODES, type TwoFactor, type TwoFactorStatus } from '../domain/two-factor.js';
import { NO_DEVICE, type RequestOrigin } from '../domain/session.js';
import { startSession, type AuthTokens } from '../policies/sessions.js';
import { linkInvalid } from '../policies/account-links.js';
import { recoveryKey, spendSecondFactor, type SecondFactorInput } from '../policies/two-factor.js';

const wrongPassword = () => err(forbidden('wrong_password', 'the password is not correct'));
const wrongCode = () => err(unauthenticated('invalid_code', 'the code is wrong or was used already'));

/** Whether two-factor sign-in is on for the caller, and how many recovery codes are left. */
export class GetTwoFactorStatus {
  constructor(private readonly deps: Pick<Ports, 'twoFactor' | 'tokens'>) {}

  async execute(input: { actorId: string }): Promise<Result<TwoFactorStatus, DomainError>> {
    const state = await this.deps.twoFactor.get(input.actorId);
    if (!state?.enabledAt) return ok({ enabled: false, enabledAt: null, recoveryCodesLeft: 0 });
    const used = await this.deps.twoFactor.countSpent(
      state.userId,
      state.recoveryCodeHashes.map((h) => `recovery:${h}`),
    );
    return ok({ enabled: true, enabledAt: state.enabledAt, recoveryCodesLeft: state.recoveryCodeHashes.length - used });
  }
}

/**
 * Starts enrolment (the password again): a new secret, and the otpauth:// URI an authenticator app reads from a QR
 * code. Nothing changes for sign-in until a first code enables it. Refused while it is on.
 */
export class SetUpTwoFactor {
  constructor(private readonly deps: Pick<Ports, 'users' | 'hasher' | 'twoFactor' | 'totp' | 'clock'>) {}

  async execute(input: {
    actorId: string;
    password: string;
  }): Promise<Result<{ secret: string; otpauthUri: string }, DomainError>> {
    const user = await this.deps.users.findById(input.actorId);
    if (!user || !(await this.deps.hasher.verify(input.password, user.passwordHash))) return wrongPassword();
    if ((await this.deps.twoFactor.get(user.id))?.enabledAt)
      return err(conflict('two_factor_enabled', 'two-factor sign-in is on already; turn it off first'));
    const secret = this.deps.totp.newSecret();
    const now = this.deps.clock.now();
    await this.deps.twoFactor.put({ userId: user.id, secret, enabledAt: null, recoveryCodeHashes: [], createdAt: now });
    return ok({ secret, otpauthUri: this.deps.totp.uri(secret, user.email) });
  }
}

/**
 * Turns two-factor sign-in on with a first code from the app, and hands out the recovery codes, once (only their
 * hashes are kept). Every sign-in from then on needs a code. Audited.
 */
export class EnableTwoFactor {
  constructor(private readonly deps: Pick<Ports, 'twoFactor' | 'totp' | 'tokens' | 'clock' | 'audit' | 'ids'>) {}

  async execute(input: { actorId: string; code: unknown }): Promise<Result<{ recoveryCodes: string[] }, DomainError>> {
    const state = await this.deps.twoFactor.get(input.actorId);
    if (!state) return err(conflict('two_factor_not_set_up', 'set up two-factor sign-in first'));
    if (state.enabledAt) return err(conflict('two_factor_enabled', 'two-factor sign-in is on already'));
    if (!(await spendSecondFactor(this.deps, state, { code: input.code }))) return wrongCode();
    const recoveryCodes = Array.from({ length: RECOVERY_CODES }, () => this.deps.totp.newRecoveryCode());
    const enabled: TwoFactor = {
      ...state,
      enabledAt: this.deps.clock.now(),
      recoveryCodeHashes: recoveryCodes.map((c) => recoveryKey(this.deps, c).slice('recovery:'.length)),
    };
    await this.deps.twoFactor.put(enabled);
    await audit(this.deps, {
      actorId: state.userId,
      action: 'user.2fa_enabled',
      targetType: 'user',
      targetId: state.userId,
    });
    return ok({ recoveryCodes });
  }
}

/** Turns it off: the password and a code (or a recovery code) again, so a stolen session alone cannot. Audited. */
export class DisableTwoFactor {
  constructor(
    private readonly deps: Pick<
      Ports,
      'users' | 'hasher' | 'twoFactor' | 'totp' | 'tokens' | 'clock' | 'audit' | 'ids'
    >,
  ) {}

  async execute(input: { actorId: string; password: string } & SecondFactorInput): Promise<Result<void, DomainError>> {
    const user = await this.deps.users.findById(input.actorId);
    if (!user || !(await this.deps.hasher.verify(input.password, user.passwordHash))) return wrongPassword();
    const state = await this.deps.twoFactor.get(user.id);
    if (!state?.enabledAt) return err(conflict('two_factor_not_enabled', 'two-factor sign-in is not on'));
    if (!(await spendSecondFactor(this.deps, state, input))) return wrongCode();
    await this.deps.twoFactor.remove(user.id);
    await audit(this.deps, { actorId: user.id, action: 'user.2fa_disabled', targetType: 'user', targetId: user.id });
    return ok(undefined);
  }
}

/**
 * New recovery codes for the old ones (used up, or written down somewhere lost): the password and a code (or a
 * recovery code) again. The old codes stop working; the new ones are answered once. Audited.
 */
export class RenewRecoveryCodes {
  constructor(
    private readonly deps: Pick<
      Ports,
      'users' | 'hasher' | 'twoFactor' | 'totp' | 'tokens' | 'clock' | 'audit' | 'ids'
    >,
  ) {}

  async execute(
    input: { actorId: string; password: string } & SecondFactorInput,
  ): Promise<Result<{ recoveryCodes: string[] }, DomainError>> {
    const user = await this.deps.users.findById(input.actorId);
    if (!user || !(await this.deps.hasher.verify(input.password, user.passwordHash))) return wrongPassword();
    const state = await this.deps.twoFactor.get(user.id);
    if (!state?.enabledAt) return err(conflict('two_factor_not_enabled', 'two-factor sign-in is not on'));
    if (!(await spendSecondFactor(this.deps, state, input))) return wrongCode();
    const recoveryCodes = Array.from({ length: RECOVERY_CODES }, () => this.deps.totp.newRecoveryCode());
    await this.deps.twoFactor.put({
      ...state,
      recoveryCodeHashes: recoveryCodes.map((c) => recoveryKey(this.deps, c).slice('recovery:'.length)),
    });
    await audit(this.deps, {
      actorId: user.id,
      action: 'user.2fa_recovery_codes_renewed',
      targetType: 'user',
      targetId: user.id,
    });
    return ok({ recoveryCodes });
  }
}

/**
 * The second step of a sign-in: the challenge the right password earned, with a code from the app or a recovery
 * code. Only then is there a session (so neither a refresh nor the socket can skip it: neither has anything to
 * present before this). The challenge works once, for five minutes; wrong codes count against the account's
 * sign-in limits at the edge (see accountKey).
 */
export class CompleteTwoFactorSignIn {
  constructor(
    private readonly deps: Pick<
      Ports,
      'users' | 'sessions' | 'tokens' | 'clock' | 'ids' | 'twoFactor' | 'totp' | 'accountTokens'
    >,
  ) {}

  async execute(
    input: { challenge?: unknown; origin?: RequestOrigin } & SecondFactorInput,
  ): Promise<Result<AuthTokens, DomainError>> {
    const token = await this.find(input.challenge);
    const now = this.deps.clock.now();
    if (!token || (await this.deps.accountTokens.isSpent(token.id))) return linkInvalid();
    if (token.expiresAt <= now) return err(forbidden('token_expired', 'this sign-in took too long; start again'));
    const [user, state] = await Promise.all([
      this.deps.users.findById(token.userId),
      this.deps.twoFactor.get(token.userId),
    ]);
    if (!user || user.erasedAt || user.bannedAt || !state?.enabledAt) return linkInvalid();
    if (!(await spendSecondFactor(this.deps, state, input))) return wrongCode();
    if (!(await this.deps.accountTokens.spend(token.id, now)))
      return err(forbidden('token_used', 'this sign-in was completed already'));
    const device = {
      ...(token.device ?? NO_DEVICE),
      ...(input.origin?.ip ? { ip: input.origin.ip.slice(0, 64) } : {}),
    };
    return ok(await startSession(this.deps, user, device));
  }

  /** The brute-force key of the account a challenge is for (as LogIn.accountKey), or one for unknown challenges. */
  async accountKey(challenge: unknown): Promise<string> {
    const token = await this.find(challenge);
    return token ? `user:${token.userId}` : 'challenge:unknown';
  }

  private async find(challenge: unknown) {
    if (typeof challenge !== 'string' || challenge.length === 0 || challenge.length > 512) return null;
    const token = await this.deps.accountTokens.find(this.deps.tokens.hashRefreshSecret(challenge));
    return token?.kind === 'sign_in_challenge' ? token : null;
  }
}
