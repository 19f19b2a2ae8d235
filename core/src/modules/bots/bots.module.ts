import type { DepsOf } from '../../shared/deps.js';
import { buildUseCases, type BuiltUseCases, type UseCaseRecipes } from '../../shared/use-case-recipes.js';
import type { CoreConfig } from '../../shared/config.js';
import { CreateBot, ListBotCommands, ListBots, RenewBotToken, UpdateBot } from './use-cases/bot-accounts.use-case.js';
import {
  AuthenticateBot,
  BotCommands,
  DescribeBot,
  FindBotMessage,
  GetBotUpdates,
  ResolveBotChat,
  ViewBotMessage,
} from './use-cases/bot-api.use-case.js';
import { AnswerCallbackQuery, PressButton } from './use-cases/bot-callbacks.use-case.js';
import {
  DescribeBotChat,
  DescribeBotChatMember,
  ListBotChatAdministrators,
  UserOfNumber,
} from './use-cases/bot-chats.use-case.js';
import { GetBotFile, ReadBotFile } from './use-cases/bot-files.use-case.js';
import { DeliverBotWebhook, GetBotWebhookInfo, SetBotWebhook } from './use-cases/bot-webhooks.use-case.js';

/** What the bots use cases need: the union of the ports their constructors name. */
export type BotsDeps = DepsOf<typeof CreateBot> &
  DepsOf<typeof ListBots> &
  DepsOf<typeof ListBotCommands> &
  DepsOf<typeof RenewBotToken> &
  DepsOf<typeof UpdateBot> &
  DepsOf<typeof AuthenticateBot> &
  DepsOf<typeof DescribeBot> &
  DepsOf<typeof GetBotUpdates> &
  DepsOf<typeof ResolveBotChat> &
  DepsOf<typeof ViewBotMessage> &
  DepsOf<typeof FindBotMessage> &
  DepsOf<typeof BotCommands> &
  DepsOf<typeof SetBotWebhook> &
  DepsOf<typeof GetBotWebhookInfo> &
  DepsOf<typeof DeliverBotWebhook> &
  DepsOf<typeof PressButton> &
  DepsOf<typeof AnswerCallbackQuery> &
  DepsOf<typeof DescribeBotChat> &
  DepsOf<typeof DescribeBotChatMember> &
  DepsOf<typeof ListBotChatAdministrators> &
  DepsOf<typeof UserOfNumber> &
  DepsOf<typeof GetBotFile> &
  DepsOf<typeof ReadBotFile>;

/**
 * The bots module: bot accounts (BotFather's part) and what the Bot API runs as a bot (its updates, its chats).
 * A bot's sends, edits and the rest go through the messaging and conversations modules as the bot's user.
 */
export const botsUseCases = {
  createBot: (deps: BotsDeps) => new CreateBot(deps),
  listBots: (deps: BotsDeps) => new ListBots(deps),
  listBotCommands: (deps: BotsDeps) => new ListBotCommands(deps),
  renewBotToken: (deps: BotsDeps) => new RenewBotToken(deps),
  updateBot: (deps: BotsDeps) => new UpdateBot(deps),
  authenticateBot: (deps: BotsDeps) => new AuthenticateBot(deps),
  describeBot: (deps: BotsDeps) => new DescribeBot(deps),
  getBotUpdates: (deps: BotsDeps) => new GetBotUpdates(deps),
  resolveBotChat: (deps: BotsDeps) => new ResolveBotChat(deps),
  viewBotMessage: (deps: BotsDeps) => new ViewBotMessage(deps),
  findBotMessage: (deps: BotsDeps) => new FindBotMessage(deps),
  botCommands: (deps: BotsDeps) => new BotCommands(deps),
  setBotWebhook: (deps: BotsDeps, config: CoreConfig) => new SetBotWebhook(deps, config),
  getBotWebhookInfo: (deps: BotsDeps) => new GetBotWebhookInfo(deps),
  deliverBotWebhook: (deps: BotsDeps) => new DeliverBotWebhook(deps),
  pressButton: (deps: BotsDeps) => new PressButton(deps),
  answerCallbackQuery: (deps: BotsDeps) => new AnswerCallbackQuery(deps),
  describeBotChat: (deps: BotsDeps) => new DescribeBotChat(deps),
  describeBotChatMember: (deps: BotsDeps) => new DescribeBotChatMember(deps),
  listBotChatAdministrators: (deps: BotsDeps) => new ListBotChatAdministrators(deps),
  userOfNumber: (deps: BotsDeps) => new UserOfNumber(deps),
  getBotFile: (deps: BotsDeps) => new GetBotFile(deps),
  readBotFile: (deps: BotsDeps) => new ReadBotFile(deps),
} satisfies UseCaseRecipes<BotsDeps>;

export function botsModule(deps: BotsDeps, config: CoreConfig) {
  return buildUseCases(botsUseCases, deps, config);
}

export type BotsModule = BuiltUseCases<typeof botsUseCases>;
/** The DI token of the built module. */
export const BotsModule = Symbol.for('BotsModule');
