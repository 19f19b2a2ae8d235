import {
  extractLinks,
  MAX_ATTACHMENTS,
  MAX_CONTENT_LENGTH,
  MAX_MENTIONS,
  type MessageMetadata,
  type MessageType,
} from '../domain/message.js';
import { canReadMedia, isAttachable, isImageType, type Media } from '../../media/index.js';
import { validatePoll, type Poll } from '../domain/poll.js';
import {
  mentionedUsername,
  parseEntities,
  PARSE_MODES,
  type MessageEntity,
  type ParseMode,
} from '../domain/entities.js';
import { conflict, invalid, notFound, type DomainError } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import { Issues } from '../../../shared/validate.js';
import type { Ports } from '../../../ports.js';

export interface Composed {
  type: MessageType;
  content: string | null;
  attachments: Media[];
  metadata: MessageMetadata;
  poll: Poll | null;
}

export type ComposeDeps = Pick<Ports, 'media' | 'participants' | 'users'>;

export type ComposeInput = {
  senderId: string;
  conversationId: string;
  content?: unknown;
  attachmentIds?: unknown;
  metadata?: unknown;
  silent?: unknown;
  poll?: unknown;
  /** 'markdown': **bold**, __italic__, `code` and ```pre``` become entities (markers taken out); default 'plain'. */
  parseMode?: unknown;
};

/**
 * Checks what a client wants to send: text within the limit, uploaded attachments the sender may read (their
 * own, or media shared in a conversation they are in: sent again, as Telegram's file_id allows),
 * mentions of participants (by id, or by @username in the text). Entities are found in the text (see
 * parseEntities). The type follows from the attachments (all images: image; else file; none: text), or
 * is 'poll'.
 */
export async function composeMessage(deps: ComposeDeps, input: ComposeInput): Promise<Result<Composed, DomainError>> {
  if (input.poll !== undefined) return composePoll(deps, input);
  const issues = new Issues();
  const mode = readParseMode(issues, input.parseMode);
  const written = issues.text('content', input.content, { max: MAX_CONTENT_LENGTH });
  // Not trimmed again after parsing: that would move the entities (the text as written was trimmed).
  const { text: content, entities } = written
    ? parseEntities(written, mode)
    : { text: written, entities: [] as MessageEntity[] };
  const ids = input.attachmentIds ?? [];
  if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string'))
    issues.add('attachmentIds', 'must be a list of media ids');
  else if (ids.length > MAX_ATTACHMENTS) issues.add('attachmentIds', `must hold at most ${MAX_ATTACHMENTS} items`);
  const mentions = readMentions(issues, input.metadata);
  if (input.silent !== undefined && typeof input.silent !== 'boolean') issues.add('silent', 'must be true or false');
  if (!issues.empty) return err(invalid(issues.list));
  const attachmentIds = [...new Set(ids as string[])];
  if (!content && attachmentIds.length === 0) return err(invalid('content', 'must not be empty'));

  const attachments = attachmentIds.length === 0 ? [] : await deps.media.findManyByIds(attachmentIds);
  if (attachments.length !== attachmentIds.length) return err(notFound('media'));
  for (const media of attachments)
    if (!(await canReadMedia(deps, media, input.senderId))) return err(notFound('media'));
  // The media exists but its state does not allow it yet (or ever): a conflict, not a malformed request.
  if (attachments.some((m) => !isAttachable(m)))
    return err(conflict('media_not_attachable', 'every attachment must be uploaded and not rejected'));
  // A mention is a notification to a member: people outside the conversation are left out, not an error.
  const members = await Promise.all(mentions.map((userId) => deps.participants.find(input.conversationId, userId)));
  const named = await resolveMentions(deps, input.conversationId, content ?? '', entities);
  const mentioned = [...new Set([...mentions.filter((_, i) => members[i]?.state === 'active'), ...named])].slice(
    0,
    MAX_MENTIONS,
  );
  const type: MessageType =
    attachments.length === 0 ? 'text' : attachments.every((m) => isImageType(m.contentType)) ? 'image' : 'file';
  const metadata: MessageMetadata = {
    mentions: mentioned,
    links: extractLinks(content ?? null),
    entities,
    ...(input.silent === true ? { silent: true as const } : {}),
  };
  return ok({ type, content: content || null, attachments, metadata, poll: null });
}

/**
 * Mention entities that name a member (by username, any case) get that member's id; their ids come back
 * to join the message's mentions (so they are notified, even in a conversation they muted).
 */
export async function resolveMentions(
  deps: Pick<Ports, 'participants' | 'users'>,
  conversationId: string,
  text: string,
  entities: MessageEntity[],
): Promise<string[]> {
  const ids: string[] = [];
  for (const entity of entities.filter((e) => e.type === 'mention').slice(0, MAX_MENTIONS)) {
    const user = await deps.users.findByUsername(mentionedUsername(text, entity).toLowerCase());
    if (!user || user.erasedAt || (await deps.participants.find(conversationId, user.id))?.state !== 'active') continue;
    entity.userId = user.id;
    ids.push(user.id);
  }
  return ids;
}

/** The parse mode a send or edit asked for (default plain); an unknown one is a field issue. */
export function readParseMode(issues: Issues, value: unknown): ParseMode {
  if (value === undefined) return 'plain';
  if (typeof value === 'string' && (PARSE_MODES as readonly string[]).includes(value)) return value as ParseMode;
  issues.add('parseMode', `must be one of ${PARSE_MODES.join(', ')}`);
  return 'plain';
}

/** A poll: its question is the message's text; no other text, no attachments. */
async function composePoll(deps: ComposeDeps, input: ComposeInput): Promise<Result<Composed, DomainError>> {
  if (input.content !== undefined || (Array.isArray(input.attachmentIds) && input.attachmentIds.length > 0))
    return err(invalid('poll', 'a poll message has no other text or attachments'));
  const poll = validatePoll(input.poll);
  if (!poll.ok) return poll;
  const rest = await composeMessage(deps, {
    ...input,
    poll: undefined,
    parseMode: undefined,
    content: poll.value.question,
  });
  return rest.ok
    ? ok({
        ...rest.value,
        type: 'poll',
        poll: poll.value,
        metadata: { ...rest.value.metadata, links: [], entities: [] },
      })
    : rest;
}

function readMentions(issues: Issues, metadata: unknown): string[] {
  if (metadata === undefined || metadata === null) return [];
  if (typeof metadata !== 'object') {
    issues.add('metadata', 'must be an object');
    return [];
  }
  const mentions = (metadata as { mentions?: unknown }).mentions ?? [];
  if (!Array.isArray(mentions) || !mentions.every((m) => typeof m === 'string') || mentions.length > MAX_MENTIONS) {
    issues.add('metadata.mentions', `must be a list of at most ${MAX_MENTIONS} user ids`);
    return [];
  }
  return [...new Set(mentions as string[])];
}
