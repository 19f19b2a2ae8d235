import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeTable, type RouteSpec } from '@parley/adapter-http';
import type { RunningApi } from './server.js';
import { call, signUp, startTestApi, type Client } from './test-server.js';
import { sampleRequest, type SampleIds } from './route-samples.js';

/**
 * People who lost access, or never had the rights, against every route of a conversation: a member who was
 * removed, one who was banned, a plain member on the owners' and admins' actions, and someone blocked. Each
 * request is well-formed (routeSamples), so it fails only for the reason under test, and nothing of the
 * conversation's content leaks in any answer. (The staff-only routes are the HTTP contract test's.)
 */
let api: RunningApi;
let owner: Client;
let member: Client;
let removed: Client;
let banned: Client;
let ids: SampleIds;

const SECRET = 'classified-words';
const routes = () => routeTable({ modules: api.parley } as never).filter((r) => r.auth !== false);
const scoped = () =>
  routes().filter((r) => /:(cid|id)/.test(r.path) && /^\/(conversations|messages|media)\//.test(r.path));
const as = (who: Client, route: RouteSpec, target = ids) => {
  const { path, body } = sampleRequest(route, target);
  return call(api, route.method.toUpperCase(), path, { token: who.accessToken, body });
};

beforeAll(async () => {
  api = await startTestApi({ ADMIN_EMAILS: 'authz_mod@example.test' });
  owner = await signUp(api, 'authz_owner');
  member = await signUp(api, 'authz_member');
  removed = await signUp(api, 'authz_removed');
  banned = await signUp(api, 'authz_banned');
  const group = await call(api, 'POST', '/api/v1/conversations', {
    token: owner.accessToken,
    body: { kind: 'group', name: 'Vault', memberIds: [member.userId, removed.userId, banned.userId] },
  });
  const message = await call(api, 'POST', `/api/v1/conversations/${group.body.id}/messages`, {
    token: owner.accessToken,
    body: { content: SECRET },
  });
  const media = await call(api, 'POST', '/api/v1/media/upload', {
    token: owner.accessToken,
    body: { filename: 'a.png', contentType: 'image/png', size: 10 },
  });
  ids = { cid: group.body.id, mid: message.body.id, uid: owner.userId, media: media.body.id };
  const cid = group.body.id;
  const took = await call(api, 'DELETE', `/api/v1/conversations/${cid}/participants/${removed.userId}`, {
    token: owner.accessToken,
  });
  const ban = await call(api, 'PUT', `/api/v1/conversations/${cid}/bans/${banned.userId}`, {
    token: owner.accessToken,
    body: { reason: 'spam' },
  });
  expect([took.status, ban.status]).toEqual([204, 200]);
});

afterAll(async () => api.stop());

describe('a member who was removed, and one who was banned', () => {
  it('get nothing of the conversation on any of its routes (a banned one is told why when writing)', async () => {
    const list = scoped();
    expect(list.length).toBeGreaterThan(25);
    for (const who of [removed, banned])
      for (const route of list) {
        const r = await as(who, route);
        const label = `${who === banned ? 'banned' : 'removed'}: ${route.method} ${route.path}`;
        expect(JSON.stringify(r.body ?? ''), label).not.toContain(SECRET);
        if (r.status === 403) expect([who, r.body.error.code], label).toEqual([banned, 'banned_from_conversation']);
        else expect(r.status, label).toBe(404);
      }
  });

  it('cannot come back: the banned one neither joins nor is added, the removed one may be added again', async () => {
    const cid = ids.cid;
    const add = (who: Client) =>
      call(api, 'POST', `/api/v1/conversations/${cid}/participants`, {
        token: owner.accessToken,
        body: { userId: who.userId },
      });
    const refused = await add(banned);
    expect([refused.status, refused.body.error.code]).toEqual([403, 'banned_from_conversation']);
    expect((await add(removed)).status).toBe(201);
    await call(api, 'DELETE', `/api/v1/conversations/${cid}/participants/${removed.userId}`, {
      token: owner.accessToken,
    });
  });
});

describe('a plain member', () => {
  // What only owners and admins of a group may do; the member is in the group, so each answer is a refusal.
  const ADMIN_ONLY = [
    'patch /conversations/:id',
    'delete /conversations/:id',
    'patch /conversations/:id/participants/:uid',
    'delete /conversations/:id/participants/:uid',
    'get /conversations/:id/bans',
    'put /conversations/:id/bans/:uid',
    'delete /conversations/:id/bans/:uid',
    'put /conversations/:id/participants/:uid/restrictions',
    'get /conversations/:id/invites',
    'post /conversations/:id/invites',
    'get /conversations/:id/join-requests',
    'put /conversations/:cid/messages/:id/pin',
    'delete /conversations/:cid/messages/:id/pin',
  ];

  it("is refused every owner's and admin's action with not_allowed, on the owner as target", async () => {
    const admin = routes().filter((r) => ADMIN_ONLY.includes(`${r.method} ${r.path}`));
    expect(admin.map((r) => `${r.method} ${r.path}`).sort()).toEqual([...ADMIN_ONLY].sort());
    for (const route of admin) {
      const r = await as(member, route);
      expect([r.status, r.body?.error?.code], `${route.method} ${route.path}`).toEqual([403, 'not_allowed']);
    }
    const bans = await call(api, 'GET', `/api/v1/conversations/${ids.cid}/bans`, { token: owner.accessToken });
    expect(bans.body.data.map((b: { userId: string }) => b.userId)).toEqual([banned.userId]);
  });
});

describe('someone blocked', () => {
  it('cannot open a direct conversation with the blocker, find them or see their presence', async () => {
    const [blocker, blocked] = [await signUp(api, 'authz_blocker'), await signUp(api, 'authz_blocked')];
    await call(api, 'POST', '/api/v1/presence/online', { token: blocker.accessToken }).catch(() => null);
    expect(
      (await call(api, 'PUT', `/api/v1/users/${blocked.userId}/block`, { token: blocker.accessToken })).status,
    ).toBe(200);
    const dm = await call(api, 'POST', '/api/v1/conversations', {
      token: blocked.accessToken,
      body: { kind: 'direct', memberIds: [blocker.userId] },
    });
    expect([dm.status, dm.body.error.code]).toEqual([403, 'blocked']);
    const found = await call(api, 'GET', '/api/v1/users?q=authz_blocker', { token: blocked.accessToken });
    expect(found.body.data).toEqual([]);
    const presence = await call(api, 'GET', `/api/v1/presence?userIds=${blocker.userId}`, {
      token: blocked.accessToken,
    });
    expect(presence.body.data[0]).toMatchObject({ status: 'offline', lastSeenAt: null });
    const profile = await call(api, 'GET', `/api/v1/users/${blocker.userId}`, { token: blocked.accessToken });
    expect(profile.body.lastSeenAt ?? null).toBeNull();
  });
});

describe('a message held for review', () => {
  it("is known to its sender and the moderators only, and its content is in no one else's answer", async () => {
    const mod = await signUp(api, 'authz_mod');
    const filter = await call(api, 'POST', '/api/v1/admin/filters', {
      token: mod.accessToken,
      body: { pattern: 'quarantined', action: 'hold' },
    });
    expect(filter.status).toBe(201);
    const held = await call(api, 'POST', `/api/v1/conversations/${ids.cid}/messages`, {
      token: member.accessToken,
      body: { content: 'quarantined words' },
    });
    expect([held.status, held.body.state]).toEqual([202, 'held']);
    const receipt = (who: Client) =>
      call(api, 'GET', `/api/v1/held-messages/${held.body.id}`, { token: who.accessToken });
    expect((await receipt(member)).body.state).toBe('held');
    expect((await receipt(mod)).body.state).toBe('held');
    for (const who of [owner, removed, banned]) {
      const r = await receipt(who);
      expect([r.status, r.body.error.code]).toEqual([404, 'held_message_not_found']);
    }
    for (const who of [owner, member]) {
      const queue = await call(api, 'GET', '/api/v1/admin/held-messages', { token: who.accessToken });
      expect([queue.status, JSON.stringify(queue.body).includes('quarantined')]).toEqual([403, false]);
      const history = await call(api, 'GET', `/api/v1/conversations/${ids.cid}/messages`, { token: who.accessToken });
      expect(JSON.stringify(history.body).includes('quarantined')).toBe(false);
    }
    await call(api, 'DELETE', `/api/v1/admin/filters/${filter.body.id}`, { token: mod.accessToken });
  });
});

describe("someone else's sessions", () => {
  it('are neither listed nor ended by anyone but their owner, whose session goes on', async () => {
    const mine = await call(api, 'GET', '/api/v1/sessions', { token: owner.accessToken });
    const ownerSession = mine.body.data.find((s: { current: boolean }) => s.current).id as string;
    const theirs = await call(api, 'GET', '/api/v1/sessions', { token: member.accessToken });
    expect(theirs.body.data.map((s: { id: string }) => s.id)).not.toContain(ownerSession);
    for (const who of [member, removed, banned]) {
      const ended = await call(api, 'DELETE', `/api/v1/sessions/${ownerSession}`, { token: who.accessToken });
      expect([ended.status, ended.body.error.code]).toEqual([404, 'session_not_found']);
    }
    expect((await call(api, 'GET', '/api/v1/auth/me', { token: owner.accessToken })).status).toBe(200);
  });
});
