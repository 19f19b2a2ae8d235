import type { CoreConfig } from './config.js';

/** Loopback, private, link-local and unique-local addresses, and localhost: not a webhook's to reach by default. */
const PRIVATE_HOST = new RegExp(
  `^(${[
    'localhost|.*\\.localhost',
    // a bare number, or hex: other spellings of an IPv4 address
    '\\d+|0x[0-9a-fx.]+',
    '0\\.0\\.0\\.0|127\\.\\d+\\.\\d+\\.\\d+|10\\.\\d+\\.\\d+\\.\\d+|192\\.168\\.\\d+\\.\\d+',
    '172\\.(1[6-9]|2\\d|3[01])\\.\\d+\\.\\d+|169\\.254\\.\\d+\\.\\d+',
    '\\[(::1?|f[cd][0-9a-f:]*|fe80:[0-9a-f:]*)\\]',
  ].join('|')})$`,
  'i',
);
/**
 * Whether the URL is one the server may post to (a bot's webhook, an integration's): a reason when it is not. The
 * API must not be made to call into the network it runs in, so by default only HTTPS to a public host, without
 * credentials, unless the rules allow plain HTTP or private hosts (development, tests).
 */
export function webhookProblem(url: string, rules: CoreConfig['botWebhooks']): string | null {
  // scheme, credentials, host (a name, an IPv4 or a bracketed IPv6), port, the rest
  const parsed = /^(https?):\/\/(?:([^/?#@\s]*)@)?(\[[0-9a-f:.]+\]|[^/?#:@\s[\]]+)(?::(\d{1,5}))?(?:[/?#]\S*)?$/i.exec(
    url,
  );
  if (!parsed) return 'must be an https URL';
  const [, scheme, credentials, host] = parsed;
  if (scheme!.toLowerCase() !== 'https' && !rules.allowHttp) return 'must be an https URL';
  if (credentials !== undefined) return 'must not carry credentials';
  if (!rules.allowPrivateHosts && PRIVATE_HOST.test(host!))
    return 'must be a public address, not a local or private one';
  return url.length > 2048 ? 'must be at most 2048 characters' : null;
}
