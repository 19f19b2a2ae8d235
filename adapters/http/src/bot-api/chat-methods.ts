import { tgChat, tgMember, tgUpdate, tgUser } from '@parley/core';
import { flag, json, required, value, type BotApiModules, type Method, type MethodKit } from './method-kit.js';

/** The Bot API's other methods: the bot itself, its updates and webhook, its chats and their members, commands. */
export function chatMethods(modules: BotApiModules, kit: MethodKit): Record<string, Method> {
  const { bots, conversations, delivery } = modules;
  const { chat } = kit;
  return {
    getme: async (bot) => {
      const me = value(await bots.describeBot.execute(bot));
      return {
        ...tgUser(me),
        can_join_groups: me.canJoinGroups,
        can_read_all_group_messages: !me.privacy,
        supports_inline_queries: false,
      };
    },
    getupdates: async (bot, params) =>
      value(
        await bots.getBotUpdates.execute({
          principal: bot,
          offset: params.offset,
          limit: params.limit,
          timeout: params.timeout,
          allowedUpdates: json(params.allowed_updates),
        }),
      ).map(tgUpdate),
    sendchataction: async (bot, params) => {
      const conversation = await chat(bot, params);
      required(params, 'action');
      // Parley shows one action, typing; the others (upload_photo, …) are accepted and shown as typing.
      value(await delivery.setTyping.execute({ actorId: bot.user.id, conversationId: conversation.id, typing: true }));
      return true;
    },
    leavechat: async (bot, params) => {
      const conversation = await chat(bot, params);
      value(await conversations.leaveConversation.execute({ actorId: bot.user.id, conversationId: conversation.id }));
      return true;
    },
    getchat: async (bot, params) => {
      const conversation = await chat(bot, params);
      const described = value(await bots.describeBotChat.execute({ principal: bot, conversation }));
      return { ...tgChat(described), ...(described.description ? { description: described.description } : {}) };
    },
    getchatmember: async (bot, params) => {
      const conversation = await chat(bot, params);
      const member = value(await bots.describeBotChatMember.execute({ conversation, userNumber: params.user_id }));
      return tgMember(member.user, member.status);
    },
    getchatadministrators: async (bot, params) => {
      const conversation = await chat(bot, params);
      return value(await bots.listBotChatAdministrators.execute({ conversation })).map((m) =>
        tgMember(m.user, m.status),
      );
    },
    banchatmember: async (bot, params) => {
      const conversation = await chat(bot, params);
      const userId = value(await bots.userOfNumber.execute({ userNumber: params.user_id }));
      const until = Number(params.until_date ?? 0);
      value(
        await conversations.banParticipant.execute({
          actorId: bot.user.id,
          conversationId: conversation.id,
          userId,
          ...(until > 0 ? { until: new Date(until * 1000).toISOString() } : {}),
        }),
      );
      return true;
    },
    unbanchatmember: async (bot, params) => {
      const conversation = await chat(bot, params);
      const userId = value(await bots.userOfNumber.execute({ userNumber: params.user_id }));
      value(
        await conversations.unbanParticipant.execute({ actorId: bot.user.id, conversationId: conversation.id, userId }),
      );
      return true;
    },
    setmycommands: async (bot, params) => {
      value(await bots.botCommands.execute({ principal: bot, commands: json(required(params, 'commands')) }));
      return true;
    },
    setwebhook: async (bot, params) =>
      value(
        await bots.setBotWebhook.execute({
          principal: bot,
          url: params.url ?? '',
          secretToken: params.secret_token,
          allowedUpdates: params.allowed_updates === undefined ? undefined : json(params.allowed_updates),
          maxConnections: params.max_connections,
          dropPendingUpdates: flag(params.drop_pending_updates),
        }),
      ),
    deletewebhook: async (bot, params) =>
      value(
        await bots.setBotWebhook.execute({
          principal: bot,
          url: '',
          dropPendingUpdates: flag(params.drop_pending_updates),
        }),
      ),
    getwebhookinfo: async (bot) => {
      const info = value(await bots.getBotWebhookInfo.execute({ principal: bot }));
      return {
        url: info.url,
        has_custom_certificate: false,
        pending_update_count: info.pendingUpdateCount,
        ...(info.maxConnections !== undefined ? { max_connections: info.maxConnections } : {}),
        ...(info.allowedUpdates ? { allowed_updates: info.allowedUpdates } : {}),
        ...(info.lastErrorAt
          ? {
              last_error_date: Math.floor(info.lastErrorAt.getTime() / 1000),
              last_error_message: info.lastErrorMessage,
            }
          : {}),
      };
    },
    getmycommands: async (bot) => value(await bots.botCommands.execute({ principal: bot })),
    deletemycommands: async (bot) => {
      value(await bots.botCommands.execute({ principal: bot, commands: [] }));
      return true;
    },
  };
}
