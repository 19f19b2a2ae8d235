import type { Clock, Ports } from '@parley/core';
import { SignatureFileTypeDetector } from './signature-file-type-detector.js';
import { ConsoleLogger, HmacTokenIssuer, ScryptPasswordHasher, SystemClock } from './system.js';
import { UuidV7Generator } from './uuid-v7.js';
import { OtplibTotp } from './otplib-totp.js';

export * from './signature-file-type-detector.js';
export * from './system.js';
export * from './uuid-v7.js';
export * from './otplib-totp.js';

export interface SystemPortsOptions {
  /** Replaces the system clock (tests). */
  clock?: Clock;
  /** The HMAC key of access tokens; random per process when omitted. */
  tokenSecret?: string;
  logLevel?: 'debug' | 'info' | 'warn' | 'error' | 'silent';
}

/** The process's own services, as an embedded Parley uses them beside the memory stores. */
export { FetchBotWebhookSender } from './fetch-bot-webhook-sender.js';
import { FetchBotWebhookSender } from './fetch-bot-webhook-sender.js';
export { FetchEventWebhookSender, parleySignature } from './fetch-event-webhook-sender.js';
import { FetchEventWebhookSender } from './fetch-event-webhook-sender.js';

export function createSystemPorts(
  options: SystemPortsOptions = {},
): Pick<
  Ports,
  'clock' | 'ids' | 'hasher' | 'tokens' | 'logger' | 'fileTypes' | 'totp' | 'botWebhooks' | 'eventWebhooks'
> {
  const clock = options.clock ?? new SystemClock();
  return {
    clock,
    ids: new UuidV7Generator(),
    hasher: new ScryptPasswordHasher(),
    tokens: new HmacTokenIssuer(options.tokenSecret, clock),
    logger: new ConsoleLogger(options.logLevel ?? 'info'),
    fileTypes: new SignatureFileTypeDetector(),
    totp: new OtplibTotp(),
    botWebhooks: new FetchBotWebhookSender(),
    eventWebhooks: new FetchEventWebhookSender(),
  };
}
