import type { DepsOf } from '../../shared/deps.js';
import { buildUseCases, type BuiltUseCases, type UseCaseRecipes } from '../../shared/use-case-recipes.js';
import type { CoreConfig } from '../../shared/config.js';
import { DeleteMessage } from './use-cases/delete-message.use-case.js';
import { DeliverScheduledMessages } from './use-cases/deliver-scheduled-messages.use-case.js';
import { EditMessage } from './use-cases/edit-message.use-case.js';
import { SetReplyMarkup } from './use-cases/set-reply-markup.use-case.js';
import { ForwardMessage, ForwardMessages } from './use-cases/forward-message.use-case.js';
import { GetMessage } from './use-cases/get-message.use-case.js';
import { GetReceipts } from './use-cases/get-receipts.use-case.js';
import { ListMessageVersions } from './use-cases/list-message-versions.use-case.js';
import { ListMessages } from './use-cases/list-messages.use-case.js';
import { ListPins } from './use-cases/list-pins.use-case.js';
import { ListThread } from './use-cases/list-thread.use-case.js';
import {
  CancelScheduledMessage,
  EditScheduledMessage,
  ListScheduledMessages,
} from './use-cases/manage-scheduled-messages.use-case.js';
import { MarkRead } from './use-cases/mark-read.use-case.js';
import { PinMessage } from './use-cases/pin-message.use-case.js';
import { GetViewCounts, RecordViews } from './use-cases/post-views.use-case.js';
import { ReactToMessage } from './use-cases/react-to-message.use-case.js';
import { ScheduleMessage } from './use-cases/schedule-message.use-case.js';
import { SearchMessages } from './use-cases/search-messages.use-case.js';
import { SendMessage } from './use-cases/send-message.use-case.js';
import { GetHeldMessage, ListHeldMessages, ReviewHeldMessage } from './use-cases/held-messages.use-case.js';
import { ClosePoll, GetPollResults, VoteInPoll } from './use-cases/vote-in-poll.use-case.js';

/** What the messaging use cases need: the union of the ports their constructors name, and nothing else. */
export type MessagingDeps = DepsOf<typeof CancelScheduledMessage> &
  DepsOf<typeof ClosePoll> &
  DepsOf<typeof DeleteMessage> &
  DepsOf<typeof DeliverScheduledMessages, 1> &
  DepsOf<typeof EditMessage> &
  DepsOf<typeof SetReplyMarkup> &
  DepsOf<typeof EditScheduledMessage> &
  DepsOf<typeof ForwardMessage> &
  DepsOf<typeof GetMessage> &
  DepsOf<typeof GetPollResults> &
  DepsOf<typeof GetReceipts> &
  DepsOf<typeof GetViewCounts> &
  DepsOf<typeof ListMessageVersions> &
  DepsOf<typeof ListMessages> &
  DepsOf<typeof ListPins> &
  DepsOf<typeof ListScheduledMessages> &
  DepsOf<typeof ListThread> &
  DepsOf<typeof MarkRead> &
  DepsOf<typeof PinMessage> &
  DepsOf<typeof ReactToMessage> &
  DepsOf<typeof RecordViews> &
  DepsOf<typeof ScheduleMessage> &
  DepsOf<typeof SearchMessages> &
  DepsOf<typeof SendMessage> &
  DepsOf<typeof ListHeldMessages> &
  DepsOf<typeof GetHeldMessage> &
  DepsOf<typeof ReviewHeldMessage> &
  DepsOf<typeof VoteInPoll>;

/**
 * The messaging module: sending, history, edits, deletes, forwards, reactions, receipts, pins, threads, polls, views,
 * scheduled messages and search.
 * Each use case is built from the ports it names, by the one recipe listed here.
 */
export const messagingUseCases = {
  sendMessage: (deps: MessagingDeps, config: CoreConfig) => new SendMessage(deps, config),
  listHeldMessages: (deps: MessagingDeps) => new ListHeldMessages(deps),
  getHeldMessage: (deps: MessagingDeps) => new GetHeldMessage(deps),
  reviewHeldMessage: (deps: MessagingDeps) => new ReviewHeldMessage(deps),
  scheduleMessage: (deps: MessagingDeps) => new ScheduleMessage(deps),
  listScheduledMessages: (deps: MessagingDeps) => new ListScheduledMessages(deps),
  editScheduledMessage: (deps: MessagingDeps) => new EditScheduledMessage(deps),
  cancelScheduledMessage: (deps: MessagingDeps) => new CancelScheduledMessage(deps),
  deliverScheduledMessages: (deps: MessagingDeps, _config: CoreConfig, built: { sendMessage: SendMessage }) =>
    new DeliverScheduledMessages(built.sendMessage, deps),
  listMessages: (deps: MessagingDeps) => new ListMessages(deps),
  listThread: (deps: MessagingDeps) => new ListThread(deps),
  getMessage: (deps: MessagingDeps) => new GetMessage(deps),
  editMessage: (deps: MessagingDeps) => new EditMessage(deps),
  setReplyMarkup: (deps: MessagingDeps) => new SetReplyMarkup(deps),
  listMessageVersions: (deps: MessagingDeps) => new ListMessageVersions(deps),
  deleteMessage: (deps: MessagingDeps, config: CoreConfig) => new DeleteMessage(deps, config),
  forwardMessage: (deps: MessagingDeps) => new ForwardMessage(deps),
  forwardMessages: (deps: MessagingDeps) => new ForwardMessages(deps),
  reactToMessage: (deps: MessagingDeps) => new ReactToMessage(deps),
  pinMessage: (deps: MessagingDeps) => new PinMessage(deps),
  recordViews: (deps: MessagingDeps) => new RecordViews(deps),
  getViewCounts: (deps: MessagingDeps) => new GetViewCounts(deps),
  voteInPoll: (deps: MessagingDeps) => new VoteInPoll(deps),
  getPollResults: (deps: MessagingDeps) => new GetPollResults(deps),
  closePoll: (deps: MessagingDeps) => new ClosePoll(deps),
  listPins: (deps: MessagingDeps) => new ListPins(deps),
  markRead: (deps: MessagingDeps) => new MarkRead(deps),
  getReceipts: (deps: MessagingDeps) => new GetReceipts(deps),
  searchMessages: (deps: MessagingDeps) => new SearchMessages(deps),
} satisfies UseCaseRecipes<MessagingDeps>;

export function messagingModule(deps: MessagingDeps, config: CoreConfig) {
  return buildUseCases(messagingUseCases, deps, config);
}

export type MessagingModule = BuiltUseCases<typeof messagingUseCases>;
/** The DI token of the built module (apps bind it per module; see runtime/src/core-modules.ts). */
export const MessagingModule = Symbol.for('MessagingModule');
