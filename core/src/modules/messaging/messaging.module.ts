import type { DepsOf } from '../../shared/deps.js';
import type { CoreConfig } from '../../shared/config.js';
import { DeleteMessage } from './use-cases/delete-message.use-case.js';
import { DeliverScheduledMessages } from './use-cases/deliver-scheduled-messages.use-case.js';
import { EditMessage } from './use-cases/edit-message.use-case.js';
import { ForwardMessage } from './use-cases/forward-message.use-case.js';
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
import { ClosePoll, GetPollResults, VoteInPoll } from './use-cases/vote-in-poll.use-case.js';

/** What the messaging use cases need: the union of the ports their constructors name, and nothing else. */
export type MessagingDeps = DepsOf<typeof CancelScheduledMessage> &
  DepsOf<typeof ClosePoll> &
  DepsOf<typeof DeleteMessage> &
  DepsOf<typeof DeliverScheduledMessages, 1> &
  DepsOf<typeof EditMessage> &
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
  DepsOf<typeof VoteInPoll>;

/**
 * The messaging module: sending, history, edits, deletes, forwards, reactions, receipts, pins, threads, polls, views,
 * scheduled messages and search.
 * Each use case is built here, once, from the ports it names.
 */
export function messagingModule(deps: MessagingDeps, config: CoreConfig) {
  const sendMessage = new SendMessage(deps, config);
  return {
    sendMessage,
    scheduleMessage: new ScheduleMessage(deps),
    listScheduledMessages: new ListScheduledMessages(deps),
    editScheduledMessage: new EditScheduledMessage(deps),
    cancelScheduledMessage: new CancelScheduledMessage(deps),
    deliverScheduledMessages: new DeliverScheduledMessages(sendMessage, deps),
    listMessages: new ListMessages(deps),
    listThread: new ListThread(deps),
    getMessage: new GetMessage(deps),
    editMessage: new EditMessage(deps),
    listMessageVersions: new ListMessageVersions(deps),
    deleteMessage: new DeleteMessage(deps, config),
    forwardMessage: new ForwardMessage(deps),
    reactToMessage: new ReactToMessage(deps),
    pinMessage: new PinMessage(deps),
    recordViews: new RecordViews(deps),
    getViewCounts: new GetViewCounts(deps),
    voteInPoll: new VoteInPoll(deps),
    getPollResults: new GetPollResults(deps),
    closePoll: new ClosePoll(deps),
    listPins: new ListPins(deps),
    markRead: new MarkRead(deps),
    getReceipts: new GetReceipts(deps),
    searchMessages: new SearchMessages(deps),
  };
}

export type MessagingModule = ReturnType<typeof messagingModule>;
/** The DI token of the built module (apps bind it per module; see runtime/src/core-modules.ts). */
export const MessagingModule = Symbol.for('MessagingModule');
