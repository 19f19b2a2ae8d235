import type { MessageView } from '../domain/message.js';
import { MAX_PINS, type Pin } from '../domain/pin.js';
import type { DomainError } from '../../../shared/errors.js';
import { ok, type Result } from '../../../shared/result.js';
import type { Ports } from '../../../ports.js';
import { authorizeOrStaff } from '../../conversations/index.js';
import { toViews } from '../policies/views.js';

export interface PinView extends Pin {
  /** The pinned message as the viewer sees it (null if it has since gone from their view). */
  message: MessageView | null;
}

/**
 * A conversation's pins, the most recent first, each with its message: for members, or (`asStaff`) for
 * platform moderators, whatever conversation.
 */
export class ListPins {
  constructor(
    private readonly deps: Pick<Ports, 'pins' | 'messages' | 'reactions' | 'conversations' | 'participants' | 'users'>,
  ) {}

  async execute(input: {
    actorId: string;
    conversationId: string;
    asStaff?: boolean;
  }): Promise<Result<PinView[], DomainError>> {
    const allowed = await authorizeOrStaff(this.deps, input);
    if (!allowed.ok) return allowed;
    const pins = await this.deps.pins.list(input.conversationId, MAX_PINS);
    const messages = (await this.deps.messages.findManyByIds(pins.map((p) => p.messageId))).filter(
      (m) => !m.hiddenFor.includes(input.actorId),
    );
    const views = new Map((await toViews(this.deps.reactions, messages, input.actorId)).map((v) => [v.id, v]));
    return ok(pins.map((pin) => ({ ...pin, message: views.get(pin.messageId) ?? null })));
  }
}
