import { invalid, notFound, type DomainError } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import { textProblem } from '../../../shared/validate.js';
import type { Ports } from '../../../ports.js';
import { notifyUser } from '../../delivery/index.js';
import { hasCallback, loadVisibleMessage } from '../../messaging/index.js';
import { wakeWebhook } from '../policies/deliver-to-bots.js';
import type { BotPrincipal } from './bot-api.use-case.js';

const queryKey = (queryId: string) => `callback:${queryId}`;

/**
 * A person presses a button under a bot's message: the bot gets a `callback_query` with the button's data (and
 * answers it with answerCallbackQuery). Only a button the message has, only by someone who sees the message, only
 * while the bot is still in the conversation.
 */
export class PressButton {
  constructor(
    private readonly deps: Pick<
      Ports,
      'messages' | 'conversations' | 'participants' | 'bots' | 'botUpdates' | 'jobs' | 'ids' | 'clock'
    >,
  ) {}

  async execute(input: {
    actorId: string;
    messageId: string;
    data?: unknown;
  }): Promise<Result<{ queryId: string }, DomainError>> {
    if (typeof input.data !== 'string' || !input.data)
      return err(invalid('data', "must be the button's callback data"));
    const found = await loadVisibleMessage(this.deps, input.messageId, input.actorId);
    if (!found.ok) return found;
    const { message } = found.value;
    const button = { ...notFound('message'), code: 'button_not_found', message: 'the message has no such button' };
    if (message.deletedAt || !hasCallback(message.replyMarkup, input.data)) return err(button);
    const bot = await this.deps.bots.findByUserId(message.senderId);
    const present = bot ? await this.deps.participants.find(message.conversationId, bot.userId) : null;
    if (!bot || present?.state !== 'active') return err(button);
    const queryId = this.deps.ids.next();
    const queued = await this.deps.botUpdates.append({
      botId: bot.userId,
      key: queryKey(queryId),
      kind: 'callback_query',
      conversationId: message.conversationId,
      messageId: message.id,
      createdAt: this.deps.clock.now(),
      callback: { queryId, fromId: input.actorId, data: input.data },
    });
    await wakeWebhook(this.deps, bot, queued);
    return ok({ queryId });
  }
}

/**
 * answerCallbackQuery: the bot's answer to a pressed button reaches the person who pressed it (`callback.answered`
 * on their devices: a toast, or an alert with `show_alert`). A query id the bot was never sent is refused.
 */
export class AnswerCallbackQuery {
  constructor(private readonly deps: Pick<Ports, 'botUpdates' | 'publisher' | 'logger'>) {}

  async execute(input: {
    principal: BotPrincipal;
    queryId: unknown;
    text?: unknown;
    showAlert?: boolean;
  }): Promise<Result<true, DomainError>> {
    const queryId = typeof input.queryId === 'string' ? input.queryId : '';
    const update = queryId ? await this.deps.botUpdates.findByKey(input.principal.bot.userId, queryKey(queryId)) : null;
    if (!update?.callback)
      return err(invalid('callback_query_id', 'query is too old and response timeout expired or query ID is invalid'));
    const text = input.text === undefined || input.text === '' ? null : input.text;
    if (text !== null && (typeof text !== 'string' || text.length > 200 || textProblem(text)))
      return err(invalid('text', 'must be at most 200 characters'));
    await notifyUser(this.deps, update.callback.fromId, {
      type: 'callback.answered',
      conversationId: update.conversationId,
      messageId: update.messageId!,
      queryId,
      text,
      showAlert: input.showAlert === true,
    });
    return ok(true);
  }
}
