import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { ConfigError, loadConfig, startWhenReachable, stopOnSignals } from '@parley/runtime';
import { startApi } from './server.js';

if (existsSync('.env')) process.loadEnvFile('.env');

async function main(): Promise<void> {
  const config = loadConfig(process.env, () => randomBytes(48).toString('base64url'));
  const api = await startWhenReachable(() => startApi(config), {
    seconds: config.startupWaitSeconds,
    log: (line) => process.stderr.write(`${line}\n`),
  });
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`Parley API listening on http://${config.host}:${api.port} (public URL ${config.publicUrl})`);
  out(`  REST      ${config.publicUrl}/api/v1`);
  out(
    `  WebSocket ${config.publicUrl.replace(/^http/, 'ws')}/ws   (token in Authorization, the parley.bearer.<token> ` +
      `subprotocol or the first frame${config.ws.queryToken ? ', or ?token=' : ''})`,
  );
  out(
    `  Docs      ${config.publicUrl}/api/docs   (OpenAPI: ${config.publicUrl}/api/openapi.json, AsyncAPI: ` +
      `${config.publicUrl}/api/asyncapi.json)`,
  );
  if (api.webClient) out(`  Web app   ${config.publicUrl}/app/   (open it in two browser windows and chat)`);
  out(
    `  Adapters  ${Object.entries(api.adapters)
      .map(([k, v]) => `${k}: ${v}`)
      .join(', ')}`,
  );
  if (api.adapters.stores === 'memory')
    out('  Note      embedded default: conversations, users and messages live in memory and are lost on restart.');
  if (config.jwt.generated)
    out('  Note      JWT_SECRET is not set: a random one is used, so tokens die with this process.');

  stopOnSignals(() => api.stop(), out, 'shutting down');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : `failed to start: ${String(error)}`}\n`);
  process.exit(1);
});
