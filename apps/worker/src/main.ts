import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { ConfigError, loadConfig, startWhenReachable, stopOnSignals } from '@parley/runtime';
import { JOB_NAMES } from '@parley/core';
import { startWorker } from './worker.js';

if (existsSync('.env')) process.loadEnvFile('.env');

async function main(): Promise<void> {
  const config = loadConfig(process.env, () => randomBytes(48).toString('base64url'));
  const worker = await startWhenReachable(() => startWorker(config), {
    seconds: config.startupWaitSeconds,
    log: (line) => process.stderr.write(`${line}\n`),
  });
  process.stdout.write(
    `Parley worker consuming ${JOB_NAMES.join(', ')}\n  Adapters  ${Object.entries(worker.adapters)
      .map(([k, v]) => `${k}: ${v}`)
      .join(', ')}\n`,
  );
  if (!config.amqp)
    process.stdout.write('  Note      AMQP_URL is not set: this worker only sees jobs queued in its own process.\n');
  stopOnSignals(
    () => worker.stop(),
    (line) => process.stdout.write(`${line}\n`),
    'finishing in-flight jobs',
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : `failed to start: ${String(error)}`}\n`);
  process.exit(1);
});
