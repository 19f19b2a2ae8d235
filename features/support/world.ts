import {
  After,
  Before,
  defineParameterType,
  setDefaultTimeout,
  setWorldConstructor,
  World,
  type IWorldOptions,
} from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import type { ChatDriver, DriverConfig, Json, Outcome, Session } from './drivers/driver.js';
import { HttpDriver } from './drivers/http-driver.js';
import { InProcessDriver } from './drivers/in-process-driver.js';

setDefaultTimeout(30_000);

export const PASSWORD = 'correct horse battery';
export const ADMIN_EMAIL = 'root.admin@example.test';

/** Usernames need three characters; short names get padded. */
export const usernameOf = (name: string): string => name.toLowerCase().padEnd(3, '_');

defineParameterType({
  name: 'names',
  regexp: /[A-Z][a-z]+(?:(?:, | and )[A-Z][a-z]+)*/,
  transformer: (text: string) => text.split(/, | and /),
});

export interface StoredMessage {
  id: string;
  conversationId: string;
  seq: number;
}

type DriverFactory = () => ChatDriver;
const drivers: Record<string, DriverFactory> = { core: () => new InProcessDriver(), http: () => new HttpDriver() };

export class ParleyWorld extends World<{ driver?: string }> {
  readonly driver: ChatDriver;
  readonly config: DriverConfig = { adminEmails: [ADMIN_EMAIL], sendRate: null };
  private started = false;
  readonly sessions = new Map<string, Session>();
  readonly conversations = new Map<string, string>();
  readonly messages = new Map<string, StoredMessage>();
  readonly connections = new Map<string, string[]>();
  readonly memory = new Map<string, Json>();
  last: Outcome & { created?: boolean } = { ok: true, value: null };
  /** How far the scenario moved the server's clock ahead of real time. */
  clockOffsetMs = 0;

  /** The server's time now (real time plus what the scenario fast-forwarded). */
  serverNow(): Date {
    return new Date(Date.now() + this.clockOffsetMs);
  }

  constructor(options: IWorldOptions<{ driver?: string }>) {
    super(options);
    const name = process.env.PARLEY_DRIVER ?? options.parameters.driver ?? 'core';
    const factory = drivers[name];
    if (!factory) throw new Error(`unknown driver '${name}'`);
    this.driver = factory();
  }

  async api(): Promise<ChatDriver> {
    if (!this.started) {
      await this.driver.start(this.config);
      this.started = true;
    }
    return this.driver;
  }

  async stop(): Promise<void> {
    if (this.started) await this.driver.stop();
  }

  session(name: string): Session {
    const session = this.sessions.get(name);
    assert.ok(session, `${name} has not signed up`);
    return session;
  }

  userId(name: string): string {
    return this.session(name).userId;
  }

  conversation(name: string): string {
    const id = this.conversations.get(name);
    assert.ok(id, `no conversation called "${name}"`);
    return id;
  }

  message(text: string): StoredMessage {
    const message = this.messages.get(text);
    assert.ok(message, `no message "${text}" was sent`);
    return message;
  }

  /** Records an outcome as the scenario's last one and returns its value, failing the step on an error. */
  record<T>(result: Outcome<T> & { created?: boolean }): T {
    this.last = result;
    return result.ok ? result.value : (undefined as T);
  }

  expectOk<T>(result: Outcome<T>, what: string): T {
    this.last = result;
    if (!result.ok) assert.fail(`${what} failed: ${result.error.type} ${result.error.code}`);
    return result.value;
  }

  async register(name: string, email = `${name.toLowerCase()}@example.test`): Promise<Session> {
    const api = await this.api();
    const session = this.expectOk(
      await api.register({ email, username: usernameOf(name), password: PASSWORD, displayName: name }),
      `registering ${name}`,
    );
    this.sessions.set(name, session);
    return session;
  }

  /** Access tokens are short-lived: after a long pause, clients refresh before acting again. */
  async refreshAll(): Promise<void> {
    for (const [name, session] of this.sessions) {
      const refreshed = await (await this.api()).refresh(session.refreshToken);
      if (refreshed.ok) this.sessions.set(name, refreshed.value);
    }
  }

  /** The platform admin that set-up steps use; created on first need. */
  async root(): Promise<Session> {
    return this.sessions.get('Root') ?? this.register('Root', ADMIN_EMAIL);
  }
}

setWorldConstructor(ParleyWorld);

Before(function (this: ParleyWorld) {
  this.last = { ok: true, value: null };
});

After(async function (this: ParleyWorld) {
  await this.stop();
});
