import { isImageType } from '../domain/media.js';
import { validateDetails, type Conversation } from '../domain/conversation.js';
import { conflict, invalid, notFound, type DomainError } from '../shared/errors.js';
import { err, ok, type Result } from '../shared/result.js';
import type { Ports } from '../ports/index.js';
import { authorize } from './shared/membership.js';
import { recordEvent } from './shared/record-event.js';

export interface UpdateConversationInput {
  actorId: string;
  conversationId: string;
  name?: unknown;
  description?: unknown;
  avatarMediaId?: unknown;
  settings?: unknown;
}

/** Owners and admins of groups and channels edit name, description, avatar and settings. */
export class UpdateConversation {
  constructor(private readonly deps: Pick<Ports, 'conversations' | 'participants' | 'events' | 'media' | 'publisher' | 'clock' | 'logger'>) {}

  async execute(input: UpdateConversationInput): Promise<Result<Conversation, DomainError>> {
    const access = await authorize(this.deps, input.conversationId, input.actorId, 'conversation.update');
    if (!access.ok) return access;
    const details = validateDetails(input, false);
    if (!details.ok) return details;
    const { settings, ...fields } = details.value;
    const named = ['name', 'description', 'avatarMediaId', 'settings'].some((k) => (input as unknown as Record<string, unknown>)[k] !== undefined);
    if (!named) return err(invalid('body', 'names no field to change'));
    // Named fields with nothing in them (`settings: {}`) change nothing: no write, no event.
    if (Object.keys(fields).length === 0 && (!settings || Object.keys(settings).length === 0)) return ok(access.value.conversation);
    if (fields.avatarMediaId) {
      const media = await this.deps.media.findById(fields.avatarMediaId);
      if (!media || media.ownerId !== input.actorId) return err(notFound('media'));
      if (!isImageType(media.contentType) || media.status === 'rejected' || media.status === 'pending')
        return err(conflict('media_not_an_uploaded_image', 'an avatar must be an uploaded image'));
    }
    const current = access.value.conversation;
    if (current.kind !== 'group' && settings?.slowModeSeconds) return err(conflict('slow_mode_groups_only', 'slow mode is for groups only'));
    const updated = await this.deps.conversations.update(current.id, {
      ...fields,
      ...(settings ? { settings: { ...current.settings, ...settings } } : {}),
      updatedAt: this.deps.clock.now(),
    });
    if (!updated) return err(notFound('conversation'));
    await recordEvent(this.deps, updated.id, input.actorId, { type: 'conversation.updated', conversation: updated });
    return ok(updated);
  }
}
