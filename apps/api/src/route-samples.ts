import type { RouteSpec } from '@parley/adapter-http';

/** The ids a sample request is built from: a conversation, one of its messages, a member, a media item. */
export interface SampleIds {
  cid: string;
  mid: string;
  uid: string;
  media: string;
}

/** A concrete URL and a valid body for each route, so a request fails only for the reason under test. */
export function sampleRequest(route: RouteSpec, ids: SampleIds): { path: string; body?: unknown } {
  const path = route.path
    .replace(':cid', ids.cid!)
    .replace(/\/conversations\/:id/, `/conversations/${ids.cid}`)
    .replace(/\/messages\/:id/, `/messages/${ids.mid}`)
    .replace(/\/media\/:id/, `/media/${ids.media}`)
    .replace(':uid', ids.uid!)
    .replace(/\/users\/:id/, `/users/${ids.uid}`)
    .replace(':emoji', encodeURIComponent('👍'))
    .replace(':name', 'search')
    .replace(/\/reports\/:id/, '/reports/none')
    .replace('*key', 'media/x');
  const bodies: Record<string, unknown> = {
    'post /conversations': { kind: 'group', name: 'x' },
    'patch /conversations/:id': { name: 'y' },
    'post /conversations/:id/participants': { userId: ids.uid },
    'post /conversations/:id/participants/bulk': { userIds: [ids.uid] },
    'patch /conversations/:id/participants/:uid': { role: 'admin' },
    'post /conversations/:id/typing': { typing: true },
    'put /conversations/:id/mute': { until: 'forever' },
    'put /conversations/:id/notifications': { level: 'mentions' },
    'patch /notification-settings': { preview: true },
    'put /conversations/:id/participants/:uid/restrictions': { deny: ['send'] },
    'post /conversations/:cid/messages': { content: 'hi' },
    'patch /conversations/:cid/messages/:id': { content: 'edited' },
    'post /conversations/:cid/scheduled-messages': {
      content: 'later',
      sendAt: new Date(Date.now() + 3600_000).toISOString(),
    },
    'patch /conversations/:cid/scheduled-messages/:id': { content: 'sooner' },
    'post /messages/:id/reactions': { emoji: '👍' },
    'post /messages/:id/callback': { data: 'yes' },
    'post /messages/:id/votes': { optionIds: ['0'] },
    'post /conversations/:cid/views': { messageIds: [ids.mid] },
    'post /messages/:id/read': {},
    'post /messages/:id/forward': { conversationId: ids.cid },
    'post /messages/:id/report': { reason: 'spam' },
    'patch /users/:id': { displayName: 'x' },
    'put /users/:id/avatar': { mediaId: ids.media },
    'post /media/upload': { filename: 'a.png', contentType: 'image/png', size: 10 },
    'post /admin/users/:id/ban': { reason: 'x' },
    'put /admin/users/:id/role': { role: 'admin' },
    'post /admin/messages/:id/delete': { reason: 'x' },
    'post /admin/reports/:id/resolve': { resolution: 'dismissed' },
    'put /admin/flags/:name': { enabled: false },
    'post /admin/filters': { pattern: 'x' },
    'post /admin/filters/dry-run': { pattern: 'x' },
    'delete /auth/logout': {},
    'post /admin/webhooks': { url: 'https://hooks.example.com/parley', conversationIds: [ids.cid] },
    'patch /admin/webhooks/:id': { state: 'paused' },
    'post /admin/webhooks/:id/replay': { from: 1 },
  };
  const query: Record<string, string> = {
    '/users': '?q=fr',
    '/presence': `?userIds=${ids.uid}`,
    '/search/messages': '?q=classified',
    '/conversations/:cid/views': `?messageIds=${ids.mid}`,
  };
  return {
    path: `/api/v1${path}${query[route.path] ?? ''}`,
    body: bodies[`${route.method} ${route.path}`] ?? (route.body ? {} : undefined),
  };
}
