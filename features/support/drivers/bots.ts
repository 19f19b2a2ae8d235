import type { BotApiUpdate, Parley } from '@parley/core';
import { dataOf, type Json, type Outcome, type RestCall, type RunAs, type Session } from './driver.js';

/** What a bot heard, as both drivers read it off the Bot API. */
export interface Heard {
  updateId: number;
  kind: string;
  text?: string;
  from?: string;
  chatId?: number;
  chatType?: string;
  /** A membership change (`my_chat_member`): the bot's status before and after. */
  change?: { from: string; to: string };
  /** Who made the change, or pressed the button. */
  by?: string;
  /** A pressed button (`callback_query`): the query to answer, and the button's data. */
  queryId?: string;
  data?: string;
}

/** Bot accounts (BotFather over REST) and a bot's side of the Bot API, as both drivers do them. */
export interface BotsDriver {
  createBot(as: Session, body: { username: string; displayName?: string }): Promise<Outcome>;
  listBots(as: Session): Promise<Outcome<Json[]>>;
  updateBot(as: Session, botId: string, patch: Json): Promise<Outcome>;
  renewToken(as: Session, botId: string): Promise<Outcome>;
  /** getMe with the token. */
  whoAmI(token: string): Promise<Outcome<{ username: string; isBot: boolean }>>;
  /** getUpdates without waiting, from `offset` (which confirms what is before it). */
  updates(token: string, offset?: number): Promise<Outcome<Heard[]>>;
  /** sendMessage to a chat id the bot heard from, with a row of buttons (each one's data: its text in lowercase). */
  say(token: string, chatId: number, text: string, buttons?: string[]): Promise<Outcome>;
  /** A person presses a button under a message. */
  press(as: Session, messageId: string, data: string): Promise<Outcome>;
  /** answerCallbackQuery. */
  answer(token: string, queryId: string, text: string): Promise<Outcome>;
}

const keyboard = (buttons: string[]) => ({
  inline_keyboard: [buttons.map((text) => ({ text, callback_data: text.toLowerCase() }))],
});

const heard = (u: { update_id: number; [kind: string]: Json }): Heard => {
  const kind = Object.keys(u).find((k) => k !== 'update_id') ?? 'unknown';
  const m = u[kind] ?? {};
  if (kind === 'callback_query')
    return {
      updateId: u.update_id,
      kind,
      by: m.from.username,
      queryId: m.id,
      data: m.data,
      chatId: m.message?.chat.id,
    };
  if (m.new_chat_member)
    return {
      updateId: u.update_id,
      kind,
      chatId: m.chat.id,
      chatType: m.chat.type,
      change: { from: m.old_chat_member.status, to: m.new_chat_member.status },
      by: m.from.username,
    };
  return {
    updateId: u.update_id,
    kind,
    ...(m.text !== undefined ? { text: m.text } : {}),
    ...(m.from ? { from: m.from.username } : {}),
    chatId: m.chat?.id,
    chatType: m.chat?.type,
  };
};

/** Over REST, and the Bot API at /bot<token>/<method>. */
export function httpBots(call: RestCall, baseUrl: () => string): BotsDriver {
  const bot = async (token: string, method: string, params: Json = {}): Promise<Outcome> => {
    const res = await fetch(`${baseUrl()}/bot${token}/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(params),
    });
    const body = (await res.json()) as { ok: boolean; result?: Json; error_code?: number; description?: string };
    if (body.ok !== (res.status === 200)) throw new Error(`the Bot API answered ${res.status} with ok=${body.ok}`);
    return body.ok
      ? { ok: true, value: body.result }
      : { ok: false, error: { type: `bot_api_${body.error_code}`, code: body.description ?? '' } };
  };
  return {
    createBot: (s, body) => call(s, 'POST', '/bots', body),
    listBots: async (s) => dataOf(await call(s, 'GET', '/bots')),
    updateBot: (s, id, patch) => call(s, 'PATCH', `/bots/${id}`, patch),
    renewToken: (s, id) => call(s, 'POST', `/bots/${id}/token`),
    whoAmI: async (token) => {
      const me = await bot(token, 'getMe');
      return me.ok ? { ok: true, value: { username: me.value.username, isBot: me.value.is_bot } } : me;
    },
    updates: async (token, offset) => {
      const got = await bot(token, 'getUpdates', { timeout: 0, ...(offset ? { offset } : {}) });
      return got.ok ? { ok: true, value: (got.value as Json[]).map(heard) } : got;
    },
    say: (token, chatId, text, buttons) =>
      bot(token, 'sendMessage', { chat_id: chatId, text, ...(buttons ? { reply_markup: keyboard(buttons) } : {}) }),
    press: (s, messageId, data) => call(s, 'POST', `/messages/${messageId}/callback`, { data }),
    answer: (token, queryId, text) => bot(token, 'answerCallbackQuery', { callback_query_id: queryId, text }),
  };
}

/** Through the core use cases in process (the Bot API's JSON is the HTTP adapter's; here its content). */
export function inProcessBots(as: RunAs, core: () => Parley, outcome: (r: Json) => Outcome): BotsDriver {
  const bots = () => core().bots;
  const signIn = async (token: string) => bots().authenticateBot.execute({ token });
  const refused = (r: { ok: false; error: Json }) => ({
    ok: false as const,
    error: { type: 'bot_api_401', code: 'Unauthorized', cause: r.error },
  });
  const toHeard = (u: BotApiUpdate): Heard => ({
    ...(u.callback
      ? {
          by: u.callback.from.username,
          queryId: u.callback.id,
          data: u.callback.data,
          chatId: u.callback.message?.chat.id,
        }
      : {}),
    ...(u.member
      ? {
          change: { from: u.member.oldStatus, to: u.member.newStatus },
          by: u.member.from.username,
          chatId: u.member.chat.id,
          chatType: u.member.chat.type,
        }
      : {}),
    updateId: u.updateId,
    kind: u.kind,
    ...(u.message?.text !== undefined ? { text: u.message.text } : {}),
    ...(u.message?.from ? { from: u.message.from.username } : {}),
    ...(u.message ? { chatId: u.message.chat.id, chatType: u.message.chat.type } : {}),
  });
  return {
    createBot: (s, body) => as(s, (actorId) => bots().createBot.execute({ actorId, ...body })),
    listBots: async (s) =>
      dataOf(
        await as(s, async (actorId) => {
          const listed = await bots().listBots.execute({ actorId });
          return listed.ok ? { ok: true, value: { data: listed.value } } : listed;
        }),
      ),
    updateBot: (s, botId, patch) => as(s, (actorId) => bots().updateBot.execute({ actorId, botId, ...patch })),
    renewToken: (s, botId) => as(s, (actorId) => bots().renewBotToken.execute({ actorId, botId })),
    whoAmI: async (token) => {
      const principal = await signIn(token);
      if (!principal.ok) return refused(principal);
      const me = await bots().describeBot.execute(principal.value);
      return me.ok ? { ok: true, value: { username: me.value.username, isBot: me.value.isBot } } : outcome(me);
    },
    updates: async (token, offset) => {
      const principal = await signIn(token);
      if (!principal.ok) return refused(principal);
      const got = await bots().getBotUpdates.execute({ principal: principal.value, offset, timeout: 0 });
      return got.ok ? { ok: true, value: got.value.map(toHeard) } : outcome(got);
    },
    say: async (token, chatId, text, buttons) => {
      const principal = await signIn(token);
      if (!principal.ok) return refused(principal);
      const chat = await bots().resolveBotChat.execute({ principal: principal.value, chatId });
      if (!chat.ok) return outcome(chat);
      return outcome(
        await core().messaging.sendMessage.execute({
          actorId: principal.value.user.id,
          conversationId: chat.value.id,
          content: text,
          ...(buttons ? { replyMarkup: keyboard(buttons) } : {}),
        }),
      );
    },
    press: (s, messageId, data) => as(s, (actorId) => bots().pressButton.execute({ actorId, messageId, data })),
    answer: async (token, queryId, text) => {
      const principal = await signIn(token);
      if (!principal.ok) return refused(principal);
      return outcome(await bots().answerCallbackQuery.execute({ principal: principal.value, queryId, text }));
    },
  };
}
