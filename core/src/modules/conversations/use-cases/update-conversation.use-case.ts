import { isImageType } from '../../media/index.js';
import { CONVERSATION_USERNAME, validateDetails, type Conversation } from '../domain/conversation.js';
import { conflict, forbidden, invalid, notFound, type DomainError } from '../../../shared/errors.js';
import { permissionsOf, rightsOf } from '../domain/rights.js';
import { err, ok, type Result } from '../../../shared/result.js';
import type { Ports } from '../../../ports.js';
import { authorize } from '../policies/membership.js';
import { recordEvent } from '../../delivery/index.js';

export interface UpdateConversationInput {
  actorId: string;
  conversationId: string;
  name?: unknown;
  description?: unknown;
  avatarMediaId?: unknown;
  settings?: unknown;
  /** Public @username (groups and channels), or null to make the conversation private. */
  username?: unknown;
}

/** Owners and admins of groups and channels edit name, description, avatar, settings and public @username. */
export class UpdateConversation {
  constructor(
    private readonly deps: Pick<
      Ports,
      'conversations' | 'participants' | 'users' | 'events' | 'media' | 'publisher' | 'clock' | 'logger'
    >,
  ) {}

  async execute(input: UpdateConversationInput): Promise<Result<Conversation, DomainError>> {
    const access = await authorize(this.deps, input.conversationId, input.actorId, 'conversation.update');
    if (!access.ok) return access;
    const details = validateDetails(input, false);
    if (!details.ok) return details;
    const { settings, ...fields } = details.value;
    const username = await this.checkUsername(input.username);
    if (!username.ok) return username;
    const named = ['name', 'description', 'avatarMediaId', 'settings', 'username'].some(
      (k) => (input as unknown as Record<string, unknown>)[k] !== undefined,
    );
    if (!named) return err(invalid('body', 'names no field to change'));
    // Named fields with nothing in them (`settings: {}`) change nothing: no write, no event.
    if (
      Object.keys(fields).length === 0 &&
      (!settings || Object.keys(settings).length === 0) &&
      username.value === undefined
    )
      return ok(access.value.conversation);
    if (fields.avatarMediaId) {
      const media = await this.deps.media.findById(fields.avatarMediaId);
      if (!media || media.ownerId !== input.actorId) return err(notFound('media'));
      if (!isImageType(media.contentType) || media.status === 'rejected' || media.status === 'pending')
        return err(conflict('media_not_an_uploaded_image', 'an avatar must be an uploaded image'));
    }
    const current = access.value.conversation;
    // A member who may change info (a group's permission) changes the name, description and avatar only; the
    // members' permissions are the ban right's (an owner's or an admin's with banUsers).
    const actor = access.value.participant;
    if (actor.role === 'member' && (settings || username.value !== undefined))
      return err(forbidden('not_allowed', 'members may change the name, description and avatar only'));
    if (settings?.permissions && !rightsOf(actor).includes('banUsers'))
      return err(forbidden('not_allowed', "setting members' permissions takes the right to ban"));
    if (current.kind !== 'group' && settings?.slowModeSeconds)
      return err(conflict('slow_mode_groups_only', 'slow mode is for groups only'));
    if (current.kind !== 'group' && settings?.permissions)
      return err(conflict('permissions_groups_only', "members' permissions are for groups only"));
    if (username.value !== undefined && (current.username ?? null) !== username.value) {
      if (!(await this.deps.conversations.setUsername(current.id, username.value)))
        return err(conflict('username_taken', 'this username is taken'));
    }
    const updated = await this.deps.conversations.update(current.id, {
      ...fields,
      ...(settings
        ? {
            settings: {
              ...current.settings,
              ...settings,
              ...(settings.permissions
                ? { permissions: { ...permissionsOf(current.settings), ...settings.permissions } }
                : {}),
            },
          }
        : {}),
      updatedAt: this.deps.clock.now(),
    });
    if (!updated) return err(notFound('conversation'));
    await recordEvent(this.deps, updated.id, input.actorId, { type: 'conversation.updated', conversation: updated });
    return ok(updated);
  }

  /** undefined: not asked to change; null: make private; a string: a free, valid username. */
  private async checkUsername(value: unknown): Promise<Result<string | null | undefined, DomainError>> {
    if (value === undefined) return ok(undefined);
    if (value !== null && (typeof value !== 'string' || !CONVERSATION_USERNAME.test(value)))
      return err(invalid('username', 'must be 5-32 letters, digits or underscores, starting with a letter; or null'));
    // Direct chats never get here (the policy lets nobody update them). One namespace with people's usernames, so @name
    // means one thing (checked, not raced: users are rare to collide).
    if (value !== null && (await this.deps.users.findByUsername(value.toLowerCase())))
      return err(conflict('username_taken', 'this username is taken'));
    return ok(value);
  }
}
