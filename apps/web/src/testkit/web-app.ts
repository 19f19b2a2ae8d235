import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { SMTPServer } from 'smtp-server';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * A real API process serving the built web client at /app, with an SMTP server catching what it e-mails, and
 * Debian's chromium (playwright-core) to open it in; each browser test file starts one.
 */
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const apiMain = fileURLToPath(new URL('../../../api/src/main.ts', import.meta.url));

/** A REST answer's body, as the test reads it. */
export type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

export const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });

export class WebApp {
  base = '';
  browser!: Browser;
  /** What the API e-mailed through the test's SMTP server (account links; notifications too). */
  readonly inbox: { to: string[]; data: string }[] = [];
  /** Makes this run's names unique (the API keeps its data between runs only in a fresh directory anyway). */
  readonly suffix = Date.now().toString(36).slice(-5);
  /** Where screenshots go (UPDATE_SCREENSHOTS=1), or null. */
  readonly shots = process.env.UPDATE_SCREENSHOTS
    ? fileURLToPath(new URL('../../../../docs/screenshots/', import.meta.url))
    : null;
  private api: ChildProcess | undefined;
  private smtp: SMTPServer | undefined;

  /** Starts the SMTP server, the API (with `env` on top of the embedded defaults) and chromium. */
  async start(env: Record<string, string> = {}): Promise<void> {
    const port = await freePort();
    this.base = `http://127.0.0.1:${port}`;
    const inbox = this.inbox;
    this.smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        let data = '';
        stream.on('data', (c: Buffer) => (data += c.toString()));
        stream.on('end', () => {
          inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), data });
          callback();
        });
      },
    });
    const smtpPort = await freePort();
    await new Promise<void>((r) => this.smtp!.listen(smtpPort, '127.0.0.1', () => r()));
    const { MONGO_URL: _m, REDIS_URL: _r, AMQP_URL: _a, S3_BUCKET: _s, ...inherited } = process.env;
    this.api = spawn(process.execPath, ['--import', 'tsx', '--conditions=@parley/source', apiMain], {
      env: {
        ...inherited,
        PORT: String(port),
        HOST: '127.0.0.1',
        PUBLIC_URL: this.base,
        LOG_LEVEL: 'warn',
        BCRYPT_ROUNDS: '4',
        SEND_RATE_PER_SECOND: '1000',
        ADMIN_EMAILS: `mod-${this.suffix}@example.com`,
        DATA_DIR: `/tmp/parley-web-${port}`,
        SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
        SMTP_FROM: 'Parley <noreply@parley.test>',
        APP_URL: `${this.base}/app`,
        ...env,
      },
      stdio: 'inherit',
    });
    for (
      let i = 0;
      i < 300 &&
      !(await fetch(`${this.base}/ready`).then(
        (r) => r.ok,
        () => false,
      ));
      i += 1
    )
      await new Promise((r) => setTimeout(r, 100));
    expect((await fetch(`${this.base}/app/`)).status, 'the API serves the built web client (npm run build)').toBe(200);
    this.browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
    if (this.shots) await mkdir(this.shots, { recursive: true });
  }

  async stop(): Promise<void> {
    await this.browser?.close();
    this.api?.kill('SIGKILL');
    await new Promise<void>((r) => (this.smtp ? this.smtp.close(() => r()) : r()));
  }

  /** A new person signed up in a browser of their own (`prepare` runs on its context before the page opens). */
  async person(name: string, width = 1100, prepare?: (context: BrowserContext) => Promise<void>): Promise<Page> {
    const context = await this.browser.newContext({ viewport: { width, height: 760 } });
    await prepare?.(context);
    const page = await context.newPage();
    await page.goto(`${this.base}/`);
    await page.getByRole('button', { name: 'New here? Create an account' }).click();
    await page.getByLabel('Email').fill(`${name}-${this.suffix}@example.com`);
    await page.getByLabel('Username').fill(`${name}_${this.suffix}`);
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('navigation', { name: 'Conversations' }).waitFor();
    return page;
  }

  /** A REST call with a page's session, as another client of the same person would make it. */
  async rest(token: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }> {
    const res = await fetch(`${this.base}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: res.status === 204 ? null : await res.json() };
  }
}

/** The access token the page signed in with (the client keeps it in localStorage). */
export const tokenOf = (page: Page) =>
  page.evaluate(
    () =>
      JSON.parse(
        (globalThis as unknown as { localStorage: { getItem(k: string): string } }).localStorage.getItem(
          'parley.tokens',
        ),
      ).accessToken as string,
  );
