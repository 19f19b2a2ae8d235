import {
  RateLimiterMemory,
  RateLimiterRes,
  type IRateLimiterOptions,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { HttpError } from './errors.js';

/** At most `limit` per `windowMs` (a fixed window, as rate-limiter-flexible counts). */
export interface LimitRule {
  limit: number;
  windowMs: number;
}

export interface RequestLimitRules {
  /** Every request from one address. */
  perIp: LimitRule;
  register: LimitRule;
  upload: LimitRule;
  /** Failed sign-ins (and password re-entries) of one account from one address; a success clears it. */
  loginPerAccountAndIp: LimitRule;
  /** Failed sign-ins of one account from every address together (slows a distributed guess). */
  loginPerAccount: LimitRule;
  /** Failed sign-ins from one address across every account (slows credential stuffing). */
  loginPerIp: LimitRule;
  /** Account e-mails (reset, verification) asked for from one address. */
  accountMailPerIp: LimitRule;
  /** Account e-mails asked for to one address, from anywhere (nobody floods someone's inbox). */
  accountMailPerAddress: LimitRule;
}

/**
 * Makes one counter family. The default keeps counters in this process; with Redis configured the
 * composition passes a factory of RateLimiterRedis so limits hold across API nodes.
 */
export type CounterFactory = (options: IRateLimiterOptions & { keyPrefix: string }) => RateLimiterAbstract;

export const memoryCounters: CounterFactory = (options) => new RateLimiterMemory(options);

const tooMany = (ms: number) =>
  new HttpError(429, 'rate_limited', 'too many requests', undefined, {
    'retry-after': String(Math.max(1, Math.ceil(ms / 1000))),
  });

/**
 * The HTTP layer's request limits, counted by rate-limiter-flexible. Sign-in failures are counted on three
 * keys at once — the account from this address, the account from anywhere, this address for any account —
 * where "the account" is the account itself (email and username, any spelling, are one key; see
 * LogIn.accountKey), so neither respelling nor rotating addresses buys fresh guesses.
 */
export class RequestLimits {
  private readonly counters: Record<keyof RequestLimitRules, RateLimiterAbstract>;

  constructor(rules: RequestLimitRules, counters: CounterFactory = memoryCounters) {
    const make = (name: keyof RequestLimitRules) =>
      counters({
        keyPrefix: `limit:${name}`,
        points: rules[name].limit,
        duration: Math.max(1, Math.ceil(rules[name].windowMs / 1000)),
      });
    this.counters = {
      perIp: make('perIp'),
      register: make('register'),
      upload: make('upload'),
      loginPerAccountAndIp: make('loginPerAccountAndIp'),
      loginPerAccount: make('loginPerAccount'),
      loginPerIp: make('loginPerIp'),
      accountMailPerIp: make('accountMailPerIp'),
      accountMailPerAddress: make('accountMailPerAddress'),
    };
  }

  /** Counts a request; 429 with Retry-After once over the rule. */
  async consume(
    rule: 'perIp' | 'register' | 'upload' | 'accountMailPerIp' | 'accountMailPerAddress',
    key: string,
  ): Promise<void> {
    try {
      await this.counters[rule].consume(key);
    } catch (error) {
      if (error instanceof RateLimiterRes) throw tooMany(error.msBeforeNext);
      throw error;
    }
  }

  /** Refuses a sign-in attempt up front while any of its failure counters is spent. */
  async assertLoginAllowed(account: string, ip: string): Promise<void> {
    const checks = await Promise.all(
      this.loginKeys(account, ip).map(async ([rule, key]) => {
        const state = await this.counters[rule].get(key);
        return state && state.consumedPoints >= this.counters[rule].points ? state.msBeforeNext : 0;
      }),
    );
    const wait = Math.max(...checks);
    if (wait > 0) throw tooMany(wait);
  }

  async loginFailed(account: string, ip: string): Promise<void> {
    await Promise.all(this.loginKeys(account, ip).map(([rule, key]) => this.counters[rule].penalty(key)));
  }

  /**
   * Refuses a single-use link's token from an address whose wrong guesses (sign-in failures count too) used up the
   * per-address allowance. Tokens are 256-bit random, so this is hygiene, not what keeps them from being guessed.
   */
  async assertTokenGuessAllowed(ip: string): Promise<void> {
    const state = await this.counters.loginPerIp.get(ip);
    if (state && state.consumedPoints >= this.counters.loginPerIp.points) throw tooMany(state.msBeforeNext);
  }

  async tokenGuessFailed(ip: string): Promise<void> {
    await this.counters.loginPerIp.penalty(ip);
  }

  /** A success forgives this address's failures for the account (not the account-wide or address-wide ones). */
  async loginSucceeded(account: string, ip: string): Promise<void> {
    await this.counters.loginPerAccountAndIp.delete(`${account}|${ip}`);
  }

  private loginKeys(
    account: string,
    ip: string,
  ): ['loginPerAccountAndIp' | 'loginPerAccount' | 'loginPerIp', string][] {
    return [
      ['loginPerAccountAndIp', `${account}|${ip}`],
      ['loginPerAccount', account],
      ['loginPerIp', ip],
    ];
  }
}
