import type { DepsOf } from '../../shared/deps.js';
import { buildUseCases, type BuiltUseCases, type UseCaseRecipes } from '../../shared/use-case-recipes.js';
import type { CoreConfig } from '../../shared/config.js';
import {
  CreateIntegrationWebhook,
  DeleteIntegrationWebhook,
  UpdateIntegrationWebhook,
} from './use-cases/manage-webhooks.use-case.js';
import {
  GetIntegrationWebhook,
  ListIntegrationWebhooks,
  ListWebhookFailures,
} from './use-cases/inspect-webhooks.use-case.js';
import { RotateWebhookSecret } from './use-cases/rotate-webhook-secret.use-case.js';
import { ReplayIntegrationWebhook } from './use-cases/replay-webhook.use-case.js';
import { DeliverIntegrationWebhooks } from './use-cases/deliver-webhooks.use-case.js';

/** What the integrations use cases need: the union of the ports their constructors name. */
export type IntegrationsDeps = DepsOf<typeof CreateIntegrationWebhook> &
  DepsOf<typeof ListIntegrationWebhooks> &
  DepsOf<typeof GetIntegrationWebhook> &
  DepsOf<typeof UpdateIntegrationWebhook> &
  DepsOf<typeof DeleteIntegrationWebhook> &
  DepsOf<typeof RotateWebhookSecret> &
  DepsOf<typeof ReplayIntegrationWebhook> &
  DepsOf<typeof ListWebhookFailures> &
  DepsOf<typeof DeliverIntegrationWebhooks>;

/**
 * The integrations module: signed, replayable webhooks that post conversations' durable events to apps that are
 * not bots (admins subscribe them; each process that runs jobs delivers).
 */
export const integrationsUseCases = {
  createWebhook: (deps: IntegrationsDeps, config: CoreConfig) => new CreateIntegrationWebhook(deps, config),
  listWebhooks: (deps: IntegrationsDeps) => new ListIntegrationWebhooks(deps),
  getWebhook: (deps: IntegrationsDeps) => new GetIntegrationWebhook(deps),
  updateWebhook: (deps: IntegrationsDeps, config: CoreConfig) => new UpdateIntegrationWebhook(deps, config),
  deleteWebhook: (deps: IntegrationsDeps) => new DeleteIntegrationWebhook(deps),
  rotateWebhookSecret: (deps: IntegrationsDeps) => new RotateWebhookSecret(deps),
  replayWebhook: (deps: IntegrationsDeps) => new ReplayIntegrationWebhook(deps),
  listWebhookFailures: (deps: IntegrationsDeps) => new ListWebhookFailures(deps),
  deliverWebhooks: (deps: IntegrationsDeps, config: CoreConfig) => new DeliverIntegrationWebhooks(deps, config),
} satisfies UseCaseRecipes<IntegrationsDeps>;

export function integrationsModule(deps: IntegrationsDeps, config: CoreConfig) {
  return buildUseCases(integrationsUseCases, deps, config);
}

export type IntegrationsModule = BuiltUseCases<typeof integrationsUseCases>;
/** The DI token of the built module. */
export const IntegrationsModule = Symbol.for('IntegrationsModule');
