import {
  CONVERSATION_KINDS,
  directKeyOf,
  validateDetails,
  type Conversation,
  type ConversationKind,
} from '../domain/conversation.js';
import { newParticipant, type Participant } from '../domain/participant.js';
import {
  blockedRefusal,
  isActiveUser,
  permitted,
  privacyRefusal,
  refuseBlockedAdds,
  refusePrivateAdds,
} from '../../identity/index.js';
import { conflict, type DomainError, invalid, notFound } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import type { CoreConfig } from '../../../shared/config.js';
import type { Ports } from '../../../ports.js';
import { toConversationView, type ConversationView } from '../policies/conversation-view.js';
import { requireFlag } from '../../moderation/index.js';
import { notifyUser, recordEvent } from '../../delivery/index.js';
import { botMemberStatus, tellBotOfMembership } from '../../bots/index.js';

export interface CreateConversationInput {
  actorId: string;
  /** direct, group or channel: the same field name conversations carry in every response. */
  kind?: unknown;
  memberIds?: unknown;
  name?: unknown;
  description?: unknown;
}

type Deps = Pick<
  Ports,
  | 'users'
  | 'blocks'
  | 'conversations'
  | 'participants'
  | 'events'
  | 'messages'
  | 'reactions'
  | 'flags'
  | 'publisher'
  | 'clock'
  | 'ids'
  | 'logger'
  | 'bots'
  | 'botUpdates'
  | 'botChats'
  | 'jobs'
>;

/**
 * Opens a direct conversation (returning the existing one for the pair), or creates a group or channel
 * with the actor as owner and the listed users as members (groups) or subscribers (channels).
 */
export class CreateConversation {
  constructor(
    private readonly deps: Deps,
    private readonly config: Pick<CoreConfig, 'defaultGroupMemberLimit'>,
  ) {}

  async execute(
    input: CreateConversationInput,
  ): Promise<Result<{ conversation: ConversationView; created: boolean }, DomainError>> {
    const kind = input.kind as ConversationKind;
    if (!CONVERSATION_KINDS.includes(kind)) return err(invalid('kind', 'must be direct, group or channel'));
    if (kind === 'channel') {
      const enabled = await requireFlag(this.deps.flags, 'channels');
      if (!enabled.ok) return enabled;
    }
    const ids = input.memberIds ?? [];
    if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string'))
      return err(invalid('memberIds', 'must be a list of user ids'));
    const memberIds = [...new Set(ids as string[])].filter((id) => id !== input.actorId);
    const limit = kind === 'group' ? this.config.defaultGroupMemberLimit : null;
    if (kind === 'direct' && memberIds.length !== 1)
      return err(invalid('memberIds', 'a direct conversation has exactly one other member'));
    if (limit !== null && memberIds.length + 1 > limit)
      return err(conflict('member_limit_reached', `a group has at most ${limit} members`));
    const details = validateDetails(input, kind !== 'direct');
    if (!details.ok) return details;
    if (kind !== 'group' && details.value.settings?.slowModeSeconds)
      return err(conflict('slow_mode_groups_only', 'slow mode is for groups only'));
    const users = await this.deps.users.findManyByIds([input.actorId, ...memberIds]);
    if (users.length !== memberIds.length + 1 || !users.every(isActiveUser)) return err(notFound('user'));
    // A block either way keeps a direct conversation from opening; one of the members blocking the actor keeps
    // them out of a new group or channel (refused whole: nobody is added behind anyone's back).
    if (kind === 'direct' && (await this.deps.blocks.between(input.actorId, memberIds[0]!)))
      return err(blockedRefusal());
    const refused = kind === 'direct' ? null : await refuseBlockedAdds(this.deps.blocks, input.actorId, memberIds);
    if (refused) return err(refused);
    // Privacy: who may open a new direct conversation with them (one that exists stays open), who may add them.
    const others = users.filter((u) => u.id !== input.actorId);
    if (kind === 'direct') {
      const exists = await this.deps.conversations.findDirect(directKeyOf(input.actorId, memberIds[0]!));
      if (!exists && !(await permitted(this.deps, others[0]!, 'directMessages', input.actorId)))
        return err(privacyRefusal('directMessages'));
    } else {
      const closed = await refusePrivateAdds(this.deps, input.actorId, others);
      if (closed) return err(closed);
    }

    const now = this.deps.clock.now();
    const draft: Conversation = {
      id: this.deps.ids.next(),
      kind,
      name: details.value.name ?? null,
      username: null,
      description: details.value.description ?? null,
      avatarMediaId: null,
      settings: {
        retentionDays: details.value.settings?.retentionDays ?? null,
        slowModeSeconds: details.value.settings?.slowModeSeconds ?? null,
      },
      createdBy: input.actorId,
      directKey: kind === 'direct' ? directKeyOf(input.actorId, memberIds[0]!) : null,
      memberLimit: limit,
      lastMessageSeq: 0,
      lastEventSeq: 0,
      lastMessageAt: null,
      lastActivityAt: now,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
    };
    const { conversation, created } =
      kind === 'direct'
        ? await this.deps.conversations.findOrCreateDirect(draft)
        : await this.deps.conversations.create(draft).then(() => ({ conversation: draft, created: true }));

    const rows = [
      newParticipant(conversation.id, input.actorId, kind === 'direct' ? 'member' : 'owner', now),
      ...memberIds.map((id) => newParticipant(conversation.id, id, kind === 'channel' ? 'subscriber' : 'member', now)),
    ];
    // Direct rows are (re)ensured on every call, so a caller that lost the creation race still finds itself a member.
    const joined: Participant[] = [];
    for (const row of rows) if ((await this.deps.participants.add(row)) !== 'exists') joined.push(row);
    if (created)
      await recordEvent(this.deps, conversation.id, input.actorId, {
        type: 'conversation.created',
        conversation,
        memberIds: rows.map((r) => r.userId),
      });
    else
      for (const row of joined)
        await recordEvent(this.deps, conversation.id, input.actorId, {
          type: 'participant.added',
          userId: row.userId,
          role: row.role,
        });
    // A bot put in a new group or channel hears it (my_chat_member); a private chat with one is no news to it.
    const bots = new Set(users.filter((u) => u.isBot).map((u) => u.id));
    if (kind !== 'direct')
      for (const row of joined.filter((r) => r.userId !== input.actorId && bots.has(r.userId)))
        await tellBotOfMembership(this.deps, {
          conversationId: conversation.id,
          userId: row.userId,
          actorId: input.actorId,
          from: 'left',
          to: botMemberStatus(row.role),
        });
    for (const row of joined)
      await notifyUser(this.deps, row.userId, {
        type: 'conversation.joined',
        conversationId: conversation.id,
        participant: row,
      });

    const mine = await this.deps.participants.find(conversation.id, input.actorId);
    const fresh = (await this.deps.conversations.findById(conversation.id)) ?? conversation;
    return ok({ conversation: await toConversationView(this.deps, fresh, mine ?? rows[0]!), created });
  }
}
