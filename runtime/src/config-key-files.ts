import { readFileSync } from 'node:fs';

/** A configuration that cannot start a process: the message names each variable and what is wrong with it. */
export class ConfigError extends Error {}

/** A Google service-account key file, the fields FCM needs. */
export interface FcmServiceAccountKey {
  project_id: string;
  client_email: string;
  private_key: string;
  private_key_id?: string;
  token_uri?: string;
}

/** A key file's text; a ConfigError naming the variable when it cannot be read or is not what it should be. */
export function fileText(variable: string, path: string, looksLike: RegExp): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`invalid configuration:\n  ${variable}: cannot read ${path} (${(error as Error).message})`);
  }
  if (!looksLike.test(text))
    throw new ConfigError(`invalid configuration:\n  ${variable}: ${path} is not the expected key`);
  return text;
}

/** The FCM service-account key file (JSON, as the Firebase console downloads it). */
export function serviceAccountIn(path: string): FcmServiceAccountKey {
  const text = fileText('FCM_SERVICE_ACCOUNT_FILE', path, /"private_key"/);
  const key = (() => {
    try {
      return JSON.parse(text) as Partial<FcmServiceAccountKey>;
    } catch {
      return {};
    }
  })();
  if (typeof key.project_id !== 'string' || typeof key.client_email !== 'string' || typeof key.private_key !== 'string')
    throw new ConfigError(
      `invalid configuration:\n  FCM_SERVICE_ACCOUNT_FILE: ${path} lacks project_id, client_email or private_key`,
    );
  return key as FcmServiceAccountKey;
}
