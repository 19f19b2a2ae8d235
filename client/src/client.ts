import createFetchClient, { type Client } from 'openapi-fetch';
import { ParleyError } from './errors.js';
import type { components, paths } from './generated/rest.js';
import { Outbox, type OutboxStorage, type SendInput } from './outbox.js';
import type { Sent } from './protocol.js';
import { Realtime, type RealtimeOptions } from './realtime.js';
import { Session, type SessionOptions, type Tokens } from './session.js';

export type Schemas = components['schemas'];
export type SignedIn = Schemas['Session'];
/** Signed up where addresses must be verified first: no session until the e-mailed link is followed. */
export type PendingAccount = Schemas['PendingAccount'];
/** The password was right; the account needs its second factor: answer with `completeSignIn`. */
export type TwoFactorChallenge = Schemas['TwoFactorChallenge'];
/** A place the account is signed in, as `sessions()` lists it. */
export type SignedInSession = Schemas['SignedInSession'];
/** What this app says about the device it runs on; shown in the account's sessions list. */
export interface DeviceInfo {
  name?: string;
  platform?: string;
  clientVersion?: string;
}
type RegisterBody = paths['/api/v1/auth/register']['post']['requestBody']['content']['application/json'];

export interface ParleyClientOptions extends SessionOptions, RealtimeOptions {
  /** A saved token pair to resume a session with (see `onTokens`). */
  tokens?: Tokens;
  /** Where unsent messages wait (memory by default: they survive reconnects, not restarts). */
  outbox?: OutboxStorage;
  /** Sent with every sign-in and sign-up, so the sessions list can name this device. */
  device?: DeviceInfo;
}

type Answer<T> = { data?: T; error?: unknown; response: Response };

/** The data of an openapi-fetch answer, or a ParleyError with the API's status and stable code. */
export async function unwrap<T>(call: Promise<Answer<T>>): Promise<T> {
  let answer: Answer<T>;
  try {
    answer = await call;
  } catch (error) {
    throw error instanceof ParleyError
      ? error
      : new ParleyError(0, 'network_error', `the API could not be reached: ${String(error)}`);
  }
  if (answer.response.ok) return answer.data as T;
  const body = answer.error as { error?: { code?: string; message?: string; details?: unknown } } | undefined;
  throw new ParleyError(
    answer.response.status,
    body?.error?.code ?? `http_${answer.response.status}`,
    body?.error?.message ?? answer.response.statusText,
    body?.error?.details,
  );
}

/** Every item of a cursor-paged list, fetching pages as the loop asks for them. */
export async function* paginate<T>(
  page: (cursor: string | undefined) => Promise<{ data: T[]; nextCursor?: string | null }>,
): AsyncGenerator<T> {
  let cursor: string | undefined;
  do {
    const { data, nextCursor } = await page(cursor);
    yield* data;
    cursor = nextCursor ?? undefined;
  } while (cursor);
}

/**
 * Parley for applications: `api` is every REST operation, typed from the server's OpenAPI document
 * (tokens attached and refreshed for you); `realtime` is the socket; `send` queues a message that goes
 * out exactly once, now or when the connection is back.
 */
export class ParleyClient {
  readonly session: Session;
  readonly api: Client<paths>;
  readonly realtime: Realtime;
  readonly outbox: Outbox;
  private readonly stopFlushing: () => void;
  private readonly device: DeviceInfo | undefined;

  constructor(options: ParleyClientOptions) {
    this.device = options.device;
    this.session = new Session(options);
    if (options.tokens) this.session.set(options.tokens);
    this.api = createFetchClient<paths>({ baseUrl: this.session.url, fetch: this.session.authorizedFetch });
    this.realtime = new Realtime(this.session, options);
    this.outbox = new Outbox((item) => this.deliver(item), options.outbox);
    this.stopFlushing = this.realtime.on('state', (state) => {
      if (state === 'open') void this.outbox.flush();
    });
  }

  /**
   * Creates the account and signs in; where the server requires verified addresses, resolves with a
   * PendingAccount instead (`verificationRequired`), and `login` works once the e-mailed link was followed.
   */
  async register(input: RegisterBody): Promise<SignedIn | PendingAccount> {
    const body = { ...(this.device ? { device: this.device } : {}), ...input };
    const answer = await unwrap(this.api.POST('/api/v1/auth/register', { body }));
    return 'verificationRequired' in answer ? answer : this.signIn(Promise.resolve(answer));
  }

  /** E-mails a password reset link to the account with this address, if there is one (the answer is the same). */
  async requestPasswordReset(email: string): Promise<void> {
    await unwrap(this.api.POST('/api/v1/auth/password-reset', { body: { email } }));
  }

  /** Sets a new password with a reset link's token (the `reset` query parameter of the link). */
  async resetPassword(token: string, newPassword: string): Promise<void> {
    await unwrap(this.api.POST('/api/v1/auth/password-reset/confirm', { body: { token, newPassword } }));
  }

  /** E-mails a verification link to the address (if an unverified account has it). */
  async requestEmailVerification(email: string): Promise<void> {
    await unwrap(this.api.POST('/api/v1/auth/email-verification', { body: { email } }));
  }

  /** Verifies the address with a verification link's token (the `verify` query parameter of the link). */
  async verifyEmail(token: string): Promise<void> {
    await unwrap(this.api.POST('/api/v1/auth/email-verification/confirm', { body: { token } }));
  }

  /**
   * Signs in; for an account with two-factor sign-in, resolves with a TwoFactorChallenge instead (no session
   * yet): pass it to `completeSignIn` with a code from the authenticator app or a recovery code.
   */
  async login(login: string, password: string): Promise<SignedIn | TwoFactorChallenge> {
    const body = { login, password, ...(this.device ? { device: this.device } : {}) };
    const answer = await unwrap(this.api.POST('/api/v1/auth/login', { body }));
    return 'twoFactorRequired' in answer ? answer : this.signIn(Promise.resolve(answer));
  }

  /** The second step of a sign-in: the challenge `login` answered, and a code (or `{ recoveryCode }`). */
  async completeSignIn(
    challenge: TwoFactorChallenge | string,
    second: { code: string } | { recoveryCode: string },
  ): Promise<SignedIn> {
    const body = { challenge: typeof challenge === 'string' ? challenge : challenge.challenge, ...second };
    return this.signIn(unwrap(this.api.POST('/api/v1/auth/2fa/verify', { body })));
  }

  /** Where this account is signed in, the most recently active first (`current` marks this session). */
  async sessions(): Promise<SignedInSession[]> {
    return (await unwrap(this.api.GET('/api/v1/sessions'))).data;
  }

  /**
   * Ends one of the account's sessions (a lost device): its tokens and sockets stop on every node within a
   * second. Ending this session's own id signs this client out on the server (then call `logout`).
   */
  async endSession(sessionId: string): Promise<void> {
    await unwrap(this.api.DELETE('/api/v1/sessions/{sessionId}', { params: { path: { sessionId } } }));
  }

  /**
   * Wakes this device by push while it is away: a browser's PushSubscription (`subscription.toJSON()`: endpoint
   * and keys; subscribe with the key from `GET /push/config`), or an FCM / APNs device token. It goes when this
   * session ends.
   */
  async registerPush(
    target:
      | { kind: 'webpush'; endpoint: string; keys: { p256dh: string; auth: string } }
      | { kind: 'fcm' | 'apns'; token: string },
  ): Promise<void> {
    await unwrap(this.api.PUT('/api/v1/sessions/current/push', { body: target as never }));
  }

  /**
   * Presses a button under a bot's message (one with `callbackData`): the bot gets it, and its answer arrives as a
   * `callback.answered` ephemeral event with this query id.
   */
  async pressButton(messageId: string, data: string): Promise<string> {
    const pressed = await unwrap(
      this.api.POST('/api/v1/messages/{id}/callback', { params: { path: { id: messageId } }, body: { data } }),
    );
    return pressed.queryId;
  }

  /** A bot's commands (its menu). */
  async botCommands(botId: string): Promise<{ command: string; description: string }[]> {
    return (await unwrap(this.api.GET('/api/v1/bots/{id}/commands', { params: { path: { id: botId } } }))).data;
  }

  /** Stops push to this device (the browser's subscription, or the app's token, is forgotten by the server). */
  async stopPush(): Promise<void> {
    await unwrap(this.api.DELETE('/api/v1/sessions/current/push'));
  }

  /** Which push services the server delivers to, and the VAPID key a browser subscribes with (null: no Web Push). */
  async pushConfig(): Promise<{ webPushPublicKey: string | null; kinds: ('webpush' | 'fcm' | 'apns')[] }> {
    return unwrap(this.api.GET('/api/v1/push/config'));
  }

  /** Signs out everywhere but here; resolves with how many sessions ended. */
  async endOtherSessions(): Promise<number> {
    return (await unwrap(this.api.DELETE('/api/v1/sessions'))).ended;
  }

  /** Ends this session on the server, closes the socket and forgets the tokens. */
  async logout(): Promise<void> {
    await unwrap(this.api.DELETE('/api/v1/auth/logout', { body: {} })).catch(() => undefined);
    this.close();
    this.session.set(null);
  }

  /**
   * Sends a message exactly once: now if possible, else when the connection is back (see Outbox). Resolves
   * with the message, or with a HeldReceipt (see isHeld) when a filter held it for a moderator's review: it
   * then arrives as a `message.created` once approved, and `message.reviewed` tells this user either way.
   */
  send(input: SendInput): Promise<Sent> {
    return this.outbox.send(input);
  }

  close(): void {
    this.stopFlushing();
    this.outbox.close();
    this.realtime.close();
  }

  private async signIn(answer: Promise<SignedIn>): Promise<SignedIn> {
    const signedIn = await answer;
    this.session.set({ accessToken: signedIn.accessToken, refreshToken: signedIn.refreshToken });
    return signedIn;
  }

  /** One try at sending an outbox item: over the socket when it is up, else over REST. */
  private async deliver(item: SendInput & { clientMessageId: string }): Promise<Sent> {
    const { conversationId, ...fields } = item;
    const body = Object.fromEntries(
      Object.entries({
        content: fields.content,
        clientMessageId: fields.clientMessageId,
        replyToId: fields.replyToId,
        attachmentIds: fields.attachmentIds,
        metadata: fields.metadata,
      }).filter(([, v]) => v !== undefined && v !== null),
    );
    if (this.realtime.state === 'open') {
      try {
        const answer = await this.realtime.request('message.send', { conversationId, ...body } as never);
        return 'held' in answer ? answer.held : answer.message;
      } catch (error) {
        if (!(error instanceof ParleyError) || error.code !== 'connection_lost') throw error;
      }
    }
    return unwrap(
      this.api.POST('/api/v1/conversations/{cid}/messages', {
        params: { path: { cid: conversationId } },
        body: body as never,
      }),
    ) as Promise<Sent>;
  }
}
