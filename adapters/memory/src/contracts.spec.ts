import { describe, it } from 'vitest';
import {
  auditStoreContract,
  blobStoreContract,
  conversationStoreContract,
  eventPublisherContract,
  eventStoreContract,
  flagStoreContract,
  JOB_CONTRACT_RETRY,
  jobQueueContract,
  mediaStoreContract,
  messageStoreContract,
  outboxLogContract,
  outboxCheckpointStoreContract,
  syncSnapshotStoreContract,
  notificationLogContract,
  editHistoryStoreContract,
  inviteStoreContract,
  pollStoreContract,
  scheduledMessageStoreContract,
  threadStoreContract,
  viewStoreContract,
  participantStoreContract,
  pinStoreContract,
  presenceStoreContract,
  rateLimiterContract,
  reactionStoreContract,
  reportStoreContract,
  purgeStoreContract,
  contentFilterStoreContract,
  heldMessageStoreContract,
  sessionStoreContract,
  accountTokenStoreContract,
  twoFactorStoreContract,
  pushTargetStoreContract,
  botStoreContract,
  botChatStoreContract,
  integrationWebhookStoreContract,
  webhookDeliveryLogContract,
  botUpdateStoreContract,
  numericIdStoreContract,
  blockStoreContract,
  conversationBanStoreContract,
  userStoreContract,
  type FixtureFactory,
} from '@parley/core/testkit';
import {
  InMemoryAuditStore,
  InMemoryBlobStore,
  InMemoryConversationBanStore,
  InMemoryConversationStore,
  InMemoryEventStore,
  InMemoryFlagStore,
  InMemoryMediaStore,
  InMemoryMessageStore,
  InMemoryOutboxCheckpointStore,
  InMemorySyncSnapshotStore,
  InMemoryNotificationLog,
  InMemoryParticipantStore,
  InMemoryPresenceStore,
  InMemoryRateLimiter,
  InMemoryEditHistoryStore,
  InMemoryInviteStore,
  InMemoryPollStore,
  InMemoryScheduledMessageStore,
  InMemoryThreadStore,
  InMemoryViewStore,
  InMemoryPinStore,
  InMemoryReactionStore,
  InMemoryReportStore,
  InMemoryPurgeStore,
  InMemoryContentFilterStore,
  InMemoryHeldMessageStore,
  InMemorySessionStore,
  InMemoryAccountTokenStore,
  InMemoryTwoFactorStore,
  InMemoryPushTargetStore,
  InMemoryBotStore,
  InMemoryBotChatStore,
  InMemoryIntegrationWebhookStore,
  InMemoryWebhookDeliveryLog,
  InMemoryBotUpdateStore,
  InMemoryNumericIdStore,
  InMemoryBlockStore,
  InMemoryUserStore,
  InProcessEventPublisher,
  InProcessJobQueue,
} from './index.js';

const fresh =
  <P>(make: () => P): FixtureFactory<P> =>
  async () => ({ port: make(), teardown: async () => {} });
const t = { describe, it };

userStoreContract(
  t,
  fresh(() => new InMemoryUserStore()),
);
blockStoreContract(
  t,
  fresh(() => new InMemoryBlockStore()),
);
conversationBanStoreContract(
  t,
  fresh(() => new InMemoryConversationBanStore()),
);
sessionStoreContract(
  t,
  fresh(() => new InMemorySessionStore()),
);
accountTokenStoreContract(
  t,
  fresh(() => new InMemoryAccountTokenStore()),
);
twoFactorStoreContract(
  t,
  fresh(() => new InMemoryTwoFactorStore()),
);
pushTargetStoreContract(
  t,
  fresh(() => new InMemoryPushTargetStore()),
);
botStoreContract(
  t,
  fresh(() => new InMemoryBotStore()),
);
botChatStoreContract(
  t,
  fresh(() => new InMemoryBotChatStore()),
);
integrationWebhookStoreContract(
  t,
  fresh(() => new InMemoryIntegrationWebhookStore()),
);
webhookDeliveryLogContract(
  t,
  fresh(() => new InMemoryWebhookDeliveryLog()),
);
botUpdateStoreContract(
  t,
  fresh(() => new InMemoryBotUpdateStore()),
);
numericIdStoreContract(
  t,
  fresh(() => new InMemoryNumericIdStore()),
);
conversationStoreContract(
  t,
  fresh(() => new InMemoryConversationStore()),
);
participantStoreContract(
  t,
  fresh(() => new InMemoryParticipantStore()),
);
messageStoreContract(
  t,
  fresh(() => new InMemoryMessageStore()),
);
outboxLogContract(
  t,
  fresh(() => {
    const messages = new InMemoryMessageStore();
    return { messages, outboxLog: messages };
  }),
);
outboxCheckpointStoreContract(
  t,
  fresh(() => new InMemoryOutboxCheckpointStore()),
);
syncSnapshotStoreContract(
  t,
  fresh(() => new InMemorySyncSnapshotStore()),
);
notificationLogContract(
  t,
  fresh(() => new InMemoryNotificationLog()),
);
reactionStoreContract(
  t,
  fresh(() => new InMemoryReactionStore()),
);
pinStoreContract(
  t,
  fresh(() => new InMemoryPinStore()),
);
inviteStoreContract(
  t,
  fresh(() => new InMemoryInviteStore()),
);
editHistoryStoreContract(
  t,
  fresh(() => new InMemoryEditHistoryStore()),
);
scheduledMessageStoreContract(
  t,
  fresh(() => new InMemoryScheduledMessageStore()),
);
pollStoreContract(
  t,
  fresh(() => new InMemoryPollStore()),
);
viewStoreContract(
  t,
  fresh(() => new InMemoryViewStore()),
);
threadStoreContract(
  t,
  fresh(() => new InMemoryThreadStore()),
);
eventStoreContract(
  t,
  fresh(() => new InMemoryEventStore()),
);
mediaStoreContract(
  t,
  fresh(() => new InMemoryMediaStore()),
);
reportStoreContract(
  t,
  fresh(() => new InMemoryReportStore()),
);
purgeStoreContract(
  t,
  fresh(() => new InMemoryPurgeStore()),
);
contentFilterStoreContract(
  t,
  fresh(() => new InMemoryContentFilterStore()),
);
heldMessageStoreContract(
  t,
  fresh(() => new InMemoryHeldMessageStore()),
);
auditStoreContract(
  t,
  fresh(() => new InMemoryAuditStore()),
);
flagStoreContract(
  t,
  fresh(() => new InMemoryFlagStore()),
);
presenceStoreContract(
  t,
  fresh(() => new InMemoryPresenceStore()),
);
rateLimiterContract(
  t,
  fresh(() => new InMemoryRateLimiter()),
);
eventPublisherContract(
  t,
  fresh(() => new InProcessEventPublisher()),
);
blobStoreContract(
  t,
  fresh(() => new InMemoryBlobStore()),
);
jobQueueContract(t, async () => {
  const queue = new InProcessJobQueue({ retry: JOB_CONTRACT_RETRY });
  return { port: queue, teardown: () => queue.close() };
});
