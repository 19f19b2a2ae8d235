import { spawn, type ChildProcess } from 'node:child_process';
import { generate } from 'otplib';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCommand } from '@oclif/test';
import { register } from 'tsx/esm/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The CLI against a real API server (the api app's entry point, embedded adapters) on a free port: a
 * moderator's whole workflow, --json output and the exit codes.
 */
const root = fileURLToPath(new URL('..', import.meta.url));
const apiMain = fileURLToPath(new URL('../../api/src/main.ts', import.meta.url));
let api: ChildProcess;
let url: string;
let configDir: string;
const ids: Record<string, string> = {};

// oclif imports the built commands natively; under vitest the workspace packages they import resolve to
// their TypeScript sources (the @parley/source condition), which Node loads through tsx.
register();
const cli = (args: string[]) => runCommand(args, { root });

/** Runs a command with --json and parses its output; a failure shows the command's error, not a parse error. */
async function json(args: string[]) {
  const { stdout, stderr, error } = await cli([...args, '--json']);
  if (error || !stdout.trim())
    throw new Error(`parley ${args.join(' ')} failed: ${error?.message ?? ''} stderr=${stderr} stdout=${stdout}`);
  return JSON.parse(stdout);
}

async function post(path: string, body: unknown, token?: string) {
  const r = await fetch(`${url}/api/v1${path}`, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
  return r.json() as Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

beforeAll(async () => {
  const port = await new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const p = (probe.address() as { port: number }).port;
      probe.close(() => resolve(p));
    });
  });
  url = `http://127.0.0.1:${port}`;
  // The embedded default, whatever real services the shell points at.
  const { MONGO_URL: _m, REDIS_URL: _r, AMQP_URL: _a, S3_BUCKET: _s, ...env } = process.env;
  api = spawn(process.execPath, ['--import', 'tsx', '--conditions=@parley/source', apiMain], {
    env: {
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      BCRYPT_ROUNDS: '4',
      ADMIN_EMAILS: 'admin@example.test',
      DATA_DIR: join(tmpdir(), `parley-cli-${port}`),
    },
    stdio: 'ignore',
  });
  for (let i = 0; i < 300; i += 1) {
    try {
      if ((await fetch(`${url}/ready`)).ok) break;
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  configDir = await mkdtemp(join(tmpdir(), 'parley-cli-config-'));
  process.env.PARLEY_CONFIG_DIR = configDir;
  await post('/auth/register', { email: 'admin@example.test', username: 'admin', password: 'correct-horse-battery' });
  const ann = await post('/auth/register', {
    email: 'ann@example.test',
    username: 'ann',
    password: 'correct-horse-battery',
  });
  const bob = await post('/auth/register', {
    email: 'bob@example.test',
    username: 'bob',
    password: 'correct-horse-battery',
  });
  const group = await post(
    '/conversations',
    { kind: 'group', name: 'Team', memberIds: [bob.user.id] },
    ann.accessToken,
  );
  const spam = await post(`/conversations/${group.id}/messages`, { content: 'cheap pills' }, bob.accessToken);
  const report = await post(`/messages/${spam.id}/report`, { reason: 'spam' }, ann.accessToken);
  const notice = await post(
    `/conversations/${group.id}/messages`,
    { content: 'house rules: be kind' },
    ann.accessToken,
  );
  await fetch(`${url}/api/v1/conversations/${group.id}/messages/${notice.id}/pin`, {
    method: 'PUT',
    body: '{}',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ann.accessToken}` },
  });
  const invite = await post(`/conversations/${group.id}/invites`, { name: 'website' }, ann.accessToken);
  Object.assign(ids, {
    ann: ann.user.id,
    bob: bob.user.id,
    spam: spam.id,
    report: report.id,
    group: group.id,
    notice: notice.id,
    invite: invite.code,
  });
}, 60_000);

afterAll(async () => {
  api?.kill('SIGTERM');
  await rm(configDir, { recursive: true, force: true });
  delete process.env.PARLEY_CONFIG_DIR;
});

describe('parley CLI', () => {
  it('refuses commands before login with the auth exit code', async () => {
    const { error } = await cli(['stats']);
    expect(error?.oclif?.exit).toBe(3);
    expect(error?.message).toContain('parley login');
  });

  it('signs in and keeps the token in the config directory', async () => {
    expect(
      (await cli(['login', '--url', url, '--login', 'admin', '--password', 'x'])).error?.oclif?.exit,
      'no password flag: npm would echo it',
    ).toBe(2);
    process.env.PARLEY_PASSWORD = 'correct-horse-battery';
    const { stdout, error } = await cli(['login', '--url', url, '--login', 'admin']).finally(() => {
      delete process.env.PARLEY_PASSWORD;
    });
    expect(error).toBeUndefined();
    expect(stdout).toContain('Signed in');
    expect(existsSync(join(configDir, 'credentials.json'))).toBe(true);
    const me = await json(['whoami']);
    expect(me).toMatchObject({ username: 'admin', role: 'admin' });
  });

  it("walks a moderator's workflow: report, review, delete with reason, ban, audit", async () => {
    const reports = await json(['reports', 'list']);
    expect(reports.data.map((r: { id: string }) => r.id)).toContain(ids.report);
    expect((await cli(['messages', 'show', ids.spam!])).stdout).toContain('cheap pills');
    expect((await cli(['messages', 'delete', ids.spam!, '--reason', 'spam'])).error).toBeUndefined();
    expect((await json(['messages', 'show', ids.spam!])).content).toBeNull();
    expect(
      (await cli(['reports', 'resolve', ids.report!, '--resolution', 'actioned', '--note', 'removed'])).stdout,
    ).toContain('actioned');
    expect((await cli(['users', 'ban', ids.bob!, '--reason', 'spam'])).stdout).toContain('Banned bob');
    const banned = await json(['users', 'list', '--banned']);
    expect(banned.data.map((u: { username: string }) => u.username)).toEqual(['bob']);
    const audit = await json(['audit', 'list']);
    expect(audit.data.map((e: { action: string }) => e.action)).toEqual([
      'user.banned',
      'report.resolved',
      'message.moderated',
    ]);
    const table = (await cli(['audit', 'list'])).stdout;
    expect(table.split('\n')[0]).toMatch(/^CREATEDAT\s+ACTORID\s+ACTION/);
  });

  it('lists conversations, shows one and its members', async () => {
    const list = await json(['conversations', 'list', '--kind', 'group']);
    expect(list.data.map((c: { name: string }) => c.name)).toEqual(['Team']);
    const id = list.data[0].id as string;
    expect(await json(['conversations', 'show', id])).toMatchObject({ name: 'Team', memberCount: 2 });
    const members = await json(['conversations', 'members', id]);
    expect(members.data.map((m: { userId: string }) => m.userId).sort()).toEqual([ids.ann, ids.bob].sort());
  });

  it('turns flags off and on, and shows stats', async () => {
    expect((await cli(['flags', 'disable', 'reactions'])).stdout).toContain('reactions is now off');
    const flags = await json(['flags', 'list']);
    expect(flags.data.find((f: { name: string }) => f.name === 'reactions').enabled).toBe(false);
    await cli(['flags', 'enable', 'reactions']);
    const stats = await json(['stats']);
    expect(stats).toMatchObject({ users: 3, conversations: { group: 1 } });
  });

  it('lists and removes pins of any conversation, audited', async () => {
    const pins = await json(['pins', 'list', ids.group!]);
    expect(
      pins.data.map((p: { messageId: string; message: { content: string } }) => [p.messageId, p.message.content]),
    ).toEqual([[ids.notice, 'house rules: be kind']]);
    expect((await cli(['pins', 'remove', ids.group!, ids.notice!, '--reason', 'outdated'])).stdout).toContain(
      `Unpinned message ${ids.notice}`,
    );
    expect((await json(['pins', 'list', ids.group!])).data).toEqual([]);
    expect(
      (await cli(['pins', 'remove', ids.group!, ids.notice!, '--reason', 'again'])).error?.oclif?.exit,
      'not pinned any more',
    ).toBe(4);
    const audit = await json(['audit', 'list', '--target', ids.notice!]);
    expect(audit.data.map((e: { action: string; reason: string }) => [e.action, e.reason])).toEqual([
      ['pin.removed', 'outdated'],
    ]);
  });

  it('lists and revokes invite links of any conversation, audited', async () => {
    const invites = await json(['invites', 'list', ids.group!]);
    expect(invites.data.map((l: { code: string; name: string; state: string }) => [l.code, l.name, l.state])).toEqual([
      [ids.invite, 'website', 'active'],
    ]);
    expect((await cli(['invites', 'revoke', ids.group!, ids.invite!, '--reason', 'leaked'])).stdout).toContain(
      `Revoked invite ${ids.invite} (used 0 time(s))`,
    );
    expect((await json(['invites', 'list', ids.group!])).data[0].state).toBe('revoked');
    expect((await cli(['invites', 'revoke', ids.group!, 'no-such-code', '--reason', 'x'])).error?.oclif?.exit).toBe(4);
    const audit = await json(['audit', 'list', '--target', ids.invite!]);
    expect(audit.data.map((e: { action: string; reason: string }) => [e.action, e.reason])).toEqual([
      ['invite.revoked', 'leaked'],
    ]);
  });

  it('lists and retries dead jobs (none on a healthy embedded server), and refuses unknown job names', async () => {
    expect((await cli(['jobs', 'dead', 'list', 'media.process'])).stdout).toContain('No dead media.process jobs.');
    expect((await json(['jobs', 'dead', 'list', 'notify.message', '--limit', '5'])).data).toEqual([]);
    expect((await cli(['jobs', 'dead', 'retry', 'notify.message'])).stdout).toContain(
      '0 notify.message job(s) queued again',
    );
    expect((await cli(['jobs', 'dead', 'list', 'email.send'])).error?.oclif?.exit).toBe(2);
  });

  it('exports a user to a file and erases only with confirmation', async () => {
    const out = join(configDir, 'bob.json');
    const exported = await cli(['gdpr', 'export', ids.bob!, '--out', out]);
    expect(exported.error).toBeUndefined();
    expect(exported.stderr).toContain('Exporting messages [##############################] 1/1');
    expect((await stat(out)).mode & 0o777, 'personal data is not world-readable').toBe(0o600);
    const file = JSON.parse(await readFile(out, 'utf8'));
    expect([file.user.username, file.messages.length, file.messageCount]).toEqual(['bob', 1, 1]);
    const refused = await cli(['gdpr', 'erase', ids.ann!]);
    expect(refused.error?.oclif?.exit).toBe(2);
    expect((await cli(['gdpr', 'erase', ids.ann!, '--yes'])).error).toBeUndefined();
    expect((await cli(['users', 'show', ids.ann!, '--json'])).stdout).toContain('Deleted account');
  });

  it('uses distinct exit codes for usage errors, unknown ids and an unreachable API', async () => {
    expect((await cli(['users', 'ban', ids.bob!])).error?.oclif?.exit).toBe(2);
    expect((await cli(['users', 'show', 'no-such-user'])).error?.oclif?.exit).toBe(4);
    process.env.PARLEY_PASSWORD = 'x';
    const down = await cli(['login', '--url', 'http://127.0.0.1:1', '--login', 'admin']).finally(() => {
      delete process.env.PARLEY_PASSWORD;
    });
    expect(down.error?.oclif?.exit).toBe(5);
    expect(down.error?.message).toContain('cannot reach the Parley API');
  });

  it('prints failures as JSON with --json, with the stable code and the exit code', async () => {
    const missing = await cli(['users', 'show', 'no-such-user', '--json']);
    expect(missing.error?.oclif?.exit).toBe(4);
    expect(JSON.parse(missing.stdout)).toEqual({
      error: { code: 'user_not_found', message: expect.stringContaining('user not found'), exit: 4 },
    });
    const usage = await cli(['users', 'ban', ids.bob!, '--json']);
    expect(usage.error?.oclif?.exit).toBe(2);
    expect(JSON.parse(usage.stdout).error).toMatchObject({ code: 'usage', exit: 2 });
  });
  it('finds users, shuts, reopens and deletes a conversation, bans for days: all audited', async () => {
    const cyd = await post('/auth/register', {
      email: 'cyd@example.test',
      username: 'cyd',
      password: 'correct-horse-battery',
    });
    const group = await post('/conversations', { kind: 'group', name: 'Loud' }, cyd.accessToken);
    const finds = async (q: string) =>
      (await json(['users', 'list', '--find', q])).data.map((u: { id: string }) => u.id);
    expect(await finds('CYD@example.test')).toEqual([cyd.user.id]);
    expect(await finds('bo')).toEqual([ids.bob]);
    const send = () =>
      fetch(`${url}/api/v1/conversations/${group.id}/messages`, {
        method: 'POST',
        body: JSON.stringify({ content: 'anyone?' }),
        headers: { 'content-type': 'application/json', authorization: `Bearer ${cyd.accessToken}` },
      }).then(async (r) => [r.status, ((await r.json()) as { error?: { code: string } }).error?.code]);
    expect((await cli(['conversations', 'shut', group.id, '--reason', 'raid'])).stdout).toContain('Shut');
    expect(await send()).toEqual([403, 'conversation_shut']);
    expect((await cli(['conversations', 'shut', group.id, '--reason', 'raid'])).error?.message).toMatch(/shut/);
    expect((await cli(['conversations', 'reopen', group.id, '--reason', 'calmed'])).error).toBeUndefined();
    expect(await send()).toEqual([201, undefined]);
    expect((await cli(['conversations', 'delete', group.id, '--reason', 'spam-ring'])).error).toBeUndefined();
    expect((await json(['conversations', 'show', group.id])).deletedAt).not.toBeNull();
    const other = await post('/conversations', { kind: 'group', name: 'Quiet' }, cyd.accessToken);
    for (const content of ['one', 'two', 'three'])
      await post(`/conversations/${other.id}/messages`, { content }, cyd.accessToken);
    const purge = await cli(['users', 'purge', cyd.user.id, '--reason', 'flood']);
    expect(purge.stderr).toContain('Purging messages [##############################] 4/4');
    // The one sent while the group was shut was refused: one there, three in the other group.
    expect(purge.stdout).toContain('Deleted 4 of 4 messages');
    const ban = await cli(['users', 'ban', cyd.user.id, '--reason', 'flooding', '--days', '2']);
    expect(ban.stdout).toMatch(/Banned cyd until \d{4}-/);
    const login = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      body: JSON.stringify({ login: 'cyd', password: 'correct-horse-battery' }),
      headers: { 'content-type': 'application/json' },
    });
    expect([login.status, ((await login.json()) as { error: { message: string } }).error.message]).toEqual([
      403,
      expect.stringMatching(/banned until/),
    ]);
    const audit = await json(['audit', 'list']);
    expect(audit.data.slice(0, 5).map((e: { action: string }) => e.action)).toEqual([
      'user.banned',
      'user.messages_purged',
      'conversation.deleted',
      'conversation.reopened',
      'conversation.shut',
    ]);
    expect(audit.data[0].data.until).toMatch(/^\d{4}-/);
  });

  it('adds word and link filters (after a dry run), reviews what they hold, removes them: all audited', async () => {
    type Answer = { id: string; state?: string; error: { code: string } };
    const dee = await post('/auth/register', {
      email: 'dee@example.test',
      username: 'dee',
      password: 'correct-horse-battery',
    });
    const group = await post('/conversations', { kind: 'group', name: 'Market' }, dee.accessToken);
    const send = (content: string) =>
      fetch(`${url}/api/v1/conversations/${group.id}/messages`, {
        method: 'POST',
        body: JSON.stringify({ content }),
        headers: { 'content-type': 'application/json', authorization: `Bearer ${dee.accessToken}` },
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as Answer }));
    await send('cheap lottery tickets');
    await send('lunch?');
    const dry = await cli(['filters', 'add', 'lottery', '--dry-run', '--last', '50']);
    expect(dry.stdout).toMatch(/Would have caught 1 of the latest \d+ messages/);
    expect(dry.stdout).toContain('cheap lottery tickets');
    expect((await json(['filters', 'list'])).filter((f: { pattern: string }) => f.pattern === 'lottery')).toEqual([]);
    const added = await cli(['filters', 'add', 'lottery', '--action', 'hold', '--note', 'gambling']);
    expect(added.stdout).toMatch(/Filter \S+ added: word "lottery" \(hold\)/);
    const blocked = await cli(['filters', 'add', 'https://scam.example/x', '--kind', 'link']);
    expect(blocked.stdout).toContain('link "scam.example" (block)');
    expect((await send('see scam.example')).body.error.code).toBe('content_blocked');
    const held = await send('more lottery');
    expect([held.status, held.body.state]).toEqual([202, 'held']);
    const queue = await cli(['held', 'list']);
    expect(queue.stdout).toContain('more lottery');
    const approved = await cli(['held', 'approve', held.body.id]);
    expect(approved.stdout).toMatch(/Approved: sent as message \S+/);
    expect((await cli(['held', 'approve', held.body.id])).error).toBeUndefined();
    const again = await send('lottery once more');
    expect((await cli(['held', 'reject', again.body.id, '--reason', 'spam'])).stdout).toContain('Rejected');
    expect((await cli(['held', 'approve', again.body.id])).error?.message).toMatch(/rejected already/);
    const filters = await json(['filters', 'list']);
    for (const f of filters) expect((await cli(['filters', 'remove', f.id])).error).toBeUndefined();
    expect((await json(['filters', 'list'])).length).toBe(0);
    expect((await send('lottery is fine now')).status).toBe(201);
    const audit = await json(['audit', 'list']);
    expect(audit.data.slice(0, 6).map((e: { action: string }) => e.action)).toEqual([
      'filter.removed',
      'filter.removed',
      'message.rejected',
      'message.approved',
      'filter.added',
      'filter.added',
    ]);
  });

  it('signs in a moderator with two-factor sign-in: the code from PARLEY_OTP after the password', async () => {
    const password = 'correct-horse-battery';
    const mod = await post('/auth/register', { email: 'otp@example.test', username: 'otp_mod', password });
    const auth = { 'content-type': 'application/json', authorization: `Bearer ${mod.accessToken}` };
    const setup = await fetch(`${url}/api/v1/auth/2fa/setup`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ password }),
    }).then((r) => r.json() as Promise<{ secret: string }>);
    const epoch = Math.floor(Date.now() / 1000);
    const enabled = await fetch(`${url}/api/v1/auth/2fa/enable`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ code: await generate({ secret: setup.secret, epoch }) }),
    });
    expect(enabled.status).toBe(200);
    process.env.PARLEY_PASSWORD = password;
    process.env.PARLEY_OTP = '000000';
    const wrong = await cli(['login', '--url', url, '--login', 'otp_mod']);
    expect(wrong.error?.message).toMatch(/code is wrong/);
    // The code that turned it on is spent: the next step's is accepted (one step of drift).
    process.env.PARLEY_OTP = await generate({ secret: setup.secret, epoch: epoch + 30 });
    const { stdout, error } = await cli(['login', '--url', url, '--login', 'otp_mod']).finally(() => {
      delete process.env.PARLEY_PASSWORD;
      delete process.env.PARLEY_OTP;
    });
    expect(error).toBeUndefined();
    expect(stdout).toContain('Signed in');
    expect(await json(['whoami'])).toMatchObject({ username: 'otp_mod' });
  });

  it("makes a bot, lists it, and gives it a new token that stops the old one (BotFather's part)", async () => {
    const made = await json(['bots', 'create', 'cli_helper_bot', '--name', 'Helper']);
    expect(made.bot).toMatchObject({ username: 'cli_helper_bot', displayName: 'Helper', privacy: true });
    const getMe = (token: string) => fetch(`${url}/bot${token}/getMe`).then((r) => r.status);
    expect(await getMe(made.token)).toBe(200);
    expect((await json(['bots', 'list'])).map((b: { username: string }) => b.username)).toEqual(['cli_helper_bot']);
    const renewed = await json(['bots', 'token', made.bot.id]);
    expect([await getMe(made.token), await getMe(renewed.token)]).toEqual([401, 200]);
    const taken = await cli(['bots', 'create', 'cli_helper_bot']);
    expect(taken.error?.message).toMatch(/username is taken/);
  });

  it('subscribes a webhook, lists failures, pauses, resumes, replays, rotates its secret, removes it', async () => {
    process.env.PARLEY_PASSWORD = 'correct-horse-battery';
    await cli(['login', '--url', url, '--login', 'admin']).finally(() => delete process.env.PARLEY_PASSWORD);
    const cy = await post('/auth/register', {
      email: 'hooks_cy@example.test',
      username: 'hooks_cy',
      password: 'correct-horse-battery',
    });
    const group = await post('/conversations', { kind: 'group', name: 'Sales' }, cy.accessToken);
    // No network here: a public HTTPS receiver cannot be reached, so every delivery fails and is recorded.
    const made = await json([
      'webhooks',
      'create',
      'https://hooks.example.invalid/parley',
      '--conversation',
      group.id,
      '--event',
      'message.created',
      '--description',
      'CRM',
    ]);
    expect(made.secret).toMatch(/^whsec_/);
    const hook = made.webhook.id as string;
    expect((await json(['webhooks', 'list'])).map((w: { id: string }) => w.id)).toContain(hook);
    const sent = await post(`/conversations/${group.id}/messages`, { content: 'for the CRM' }, cy.accessToken);
    expect(sent.content).toBe('for the CRM');
    await expect
      .poll(async () => (await json(['webhooks', 'failures', hook])).length, { timeout: 10_000 })
      .toBeGreaterThan(0);
    expect((await cli(['webhooks', 'failures', hook])).stdout).toMatch(
      /^AT\s+CONVERSATIONID\s+EVENTSEQ\s+STATUS\s+ERROR/,
    );
    expect((await json(['webhooks', 'pause', hook])).state).toBe('paused');
    expect((await json(['webhooks', 'resume', hook])).state).toBe('active');
    expect(await json(['webhooks', 'replay', hook, '--from', '1'])).toEqual({ conversationId: group.id, from: 1 });
    expect((await json(['webhooks', 'show', hook])).progress[0]).toMatchObject({ conversationId: group.id });
    const rotated = await json(['webhooks', 'rotate-secret', hook, '--keep-hours', '1']);
    expect(rotated.secret).not.toBe(made.secret);
    expect(rotated.webhook.secrets).toHaveLength(2);
    expect((await cli(['webhooks', 'create', 'http://10.0.0.1/x', '--conversation', group.id])).error?.message).toMatch(
      /url/,
    );
    expect(await json(['webhooks', 'delete', hook])).toEqual({ deleted: hook });
    expect((await cli(['webhooks', 'show', hook])).error?.oclif?.exit).toBe(4);
    const audit = await json(['audit', 'list', '--limit', '20']);
    expect(audit.data.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining([
        'webhook.created',
        'webhook.changed',
        'webhook.replayed',
        'webhook.secret_rotated',
        'webhook.deleted',
      ]),
    );
  });
});
