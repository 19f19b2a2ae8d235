import Joi from 'joi';
import type { BotsModule } from '@parley/core';
import { schemas } from '../request-schemas.js';
import { answer, reply, type RouteSpec } from './route.js';
import { date, id, ref, req } from '../responses/schema-kit.js';

const BotCommandSchema = Joi.object(req({ command: Joi.string(), description: Joi.string() }));

const Bot = ref(
  'Bot',
  Joi.object(
    req({
      id,
      number: Joi.number().integer().description("The bot's integer id in the Bot API (its token's prefix)"),
      username: Joi.string(),
      displayName: Joi.string(),
      description: Joi.string().allow(''),
      commands: Joi.array().items(BotCommandSchema),
      privacy: Joi.boolean().description('Privacy mode: in groups it hears commands, replies and mentions only'),
      tokenIssuedAt: date,
      createdAt: date,
    }),
  ),
);
const CreatedBot = ref(
  'CreatedBot',
  Joi.object(req({ bot: Bot, token: Joi.string().description('For the Bot API: shown this once, keep it secret') })),
);
const BotToken = ref('BotToken', Joi.object(req({ token: Joi.string() })));
const Bots = ref('Bots', Joi.object(req({ data: Joi.array().items(Bot) })));
const CallbackQuery = ref(
  'CallbackQuery',
  Joi.object(req({ queryId: id.description("The bot's answer comes as callback.answered with this id") })),
);
const BotCommandList = ref('BotCommandList', Joi.object(req({ data: Joi.array().items(BotCommandSchema) })));

/** BotFather over REST: make bots, rename them, set their commands and privacy mode, renew their tokens. */
export function botRoutes(bots: BotsModule): RouteSpec[] {
  const tag = 'bots';
  return [
    {
      method: 'post',
      path: '/bots',
      tag,
      summary: 'Make a bot (a username ending in "bot"); answers its Bot API token, this once',
      body: schemas.createBot,
      refusals: { 409: ['username_taken', 'too_many_bots'] },
      responses: { 201: answer('The bot and its token', CreatedBot) },
      handler: async ({ actorId, body }) => reply(await bots.createBot.execute({ actorId, ...body }), 201),
    },
    {
      method: 'get',
      path: '/bots',
      tag,
      summary: 'My bots',
      responses: { 200: answer('The bots I own', Bots) },
      handler: async ({ actorId }) => reply(await bots.listBots.execute({ actorId }), 200, (data) => ({ data })),
    },
    {
      method: 'patch',
      path: '/bots/:id',
      tag,
      summary: "Change my bot's name, description, commands or privacy mode",
      body: schemas.updateBot,
      responses: { 200: answer('The bot', Bot) },
      handler: async ({ actorId, params, body }) =>
        reply(await bots.updateBot.execute({ actorId, botId: params.id!, ...body })),
    },
    {
      method: 'post',
      path: '/bots/:id/token',
      tag,
      summary: 'A new token for my bot: the old one stops working at once',
      responses: { 200: answer('The new token, shown this once', BotToken) },
      handler: async ({ actorId, params }) => reply(await bots.renewBotToken.execute({ actorId, botId: params.id! })),
    },
    {
      method: 'post',
      path: '/messages/:id/callback',
      tag,
      summary: "Press a button under a bot's message: the bot gets its callback data, and may answer",
      body: schemas.pressButton,
      refusals: { 404: ['message_not_found', 'button_not_found'] },
      responses: { 200: answer('The query the bot was sent', CallbackQuery) },
      handler: async ({ actorId, params, body }) =>
        reply(await bots.pressButton.execute({ actorId, messageId: params.id!, data: body.data })),
    },
    {
      method: 'get',
      path: '/bots/:id/commands',
      tag,
      summary: "A bot's commands (its menu), for anyone who writes to it",
      responses: { 200: answer('Its commands', BotCommandList) },
      handler: async ({ params }) =>
        reply(await bots.listBotCommands.execute({ botId: params.id! }), 200, (data) => ({ data })),
    },
  ];
}
