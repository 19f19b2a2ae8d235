#!/usr/bin/env bash
# The packages as users get them: packs @parley/core, @parley/adapter-memory, @parley/adapter-node-system
# and @parley/client with
# `npm pack`, installs the tarballs into a new project outside the workspace, type-checks a TypeScript
# file against their shipped declarations, and runs there an embedding of the core on the memory
# adapters and the client against an embedded API started from this workspace.
#   npm run build && bash scripts/check-packages.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d /tmp/parley-packages.XXXXXX)"
api_pid=""
cleanup() {
  [ -n "$api_pid" ] && kill "$api_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

for pkg in core adapters/memory adapters/node-system client apps/api; do
  [ -d "$root/$pkg/dist" ] || { echo "build first (npm run build): $pkg/dist is missing" >&2; exit 1; }
done

echo "== npm pack"
(cd "$work" && npm pack "$root/core" "$root/adapters/memory" "$root/adapters/node-system" "$root/client" --silent)
for tarball in "$work"/*.tgz; do
  listing="$(tar -tzf "$tarball")"
  for file in package/package.json package/README.md package/dist/index.js package/dist/index.d.ts; do
    grep -qx "$file" <<< "$listing" || { echo "$(basename "$tarball") lacks $file" >&2; exit 1; }
  done
  ! grep -q '\.spec\.' <<< "$listing" || { echo "$(basename "$tarball") ships tests" >&2; exit 1; }
  echo "$(basename "$tarball"): $(wc -l <<< "$listing") files"
done

echo "== a new project outside the workspace, installing the tarballs"
app="$work/app"
mkdir "$app"
cat > "$app/package.json" <<'JSON'
{ "name": "parley-package-check", "private": true, "type": "module" }
JSON
(cd "$app" && npm install --no-audit --no-fund --loglevel=error "$work"/parley-core-*.tgz "$work"/parley-adapter-memory-*.tgz "$work"/parley-adapter-node-system-*.tgz "$work"/parley-client-*.tgz ws@^8)
[ ! -e "$app/node_modules/@parley/core/node_modules" ] || true
for pkg in core adapter-memory adapter-node-system client; do
  [ ! -L "$app/node_modules/@parley/$pkg" ] || { echo "@parley/$pkg is a link into the workspace, not the tarball" >&2; exit 1; }
done

cat > "$app/embed.mjs" <<'JS'
import { createParley } from '@parley/core';
import { createMemoryPorts } from '@parley/adapter-memory';
import { createSystemPorts } from '@parley/adapter-node-system';

const images = { probe: async () => null, resize: async () => { throw new Error('no image processing here'); } };
const parley = createParley(createMemoryPorts({ ...createSystemPorts({ logLevel: 'warn' }), images }), {});
const ann = await parley.identity.registerUser.execute({ email: 'ann@example.com', username: 'ann', password: 'correct horse battery' });
const bob = await parley.identity.registerUser.execute({ email: 'bob@example.com', username: 'bob', password: 'correct horse battery' });
const dm = await parley.conversations.createConversation.execute({ actorId: ann.value.user.id, kind: 'direct', memberIds: [bob.value.user.id] });
const sent = await parley.messaging.sendMessage.execute({ actorId: ann.value.user.id, conversationId: dm.value.conversation.id, content: 'embedded hello' });
if (!sent.ok) throw new Error(JSON.stringify(sent.error));
console.log(`embedded: seq ${sent.value.message.seq}: ${sent.value.message.content}`);
JS

cat > "$app/client.mjs" <<'JS'
import WebSocket from 'ws';
import { ParleyClient, unwrap } from '@parley/client';

const url = process.argv[2];
const suffix = Date.now().toString(36);
const ann = new ParleyClient({ url, WebSocket });
const bob = new ParleyClient({ url, WebSocket });
await ann.register({ email: `ann-${suffix}@example.com`, username: `ann_${suffix}`, password: 'correct horse battery' });
const me = await bob.register({ email: `bob-${suffix}@example.com`, username: `bob_${suffix}`, password: 'correct horse battery' });
const dm = await unwrap(ann.api.POST('/api/v1/conversations', { body: { kind: 'direct', memberIds: [me.user.id] } }));
await bob.realtime.connect();
const received = bob.realtime.once('event', (e) => e.type === 'message.created');
await ann.send({ conversationId: dm.id, content: 'Hi Bob!' });
console.log(`client: Bob's socket got "${(await received).payload.message.content}"`);
ann.close();
bob.close();
JS

cat > "$app/typed.ts" <<'TS'
import { createParley, type Result } from '@parley/core';
import { createMemoryPorts } from '@parley/adapter-memory';
import { createSystemPorts } from '@parley/adapter-node-system';
import { ParleyClient, type Message, type paths } from '@parley/client';

export const parley: ReturnType<typeof createParley> = createParley(createMemoryPorts({ ...createSystemPorts(), images: { probe: async () => null, resize: async () => { throw new Error('none'); } } }), {});
export const client = new ParleyClient({ url: 'http://localhost:3000' });
export type Listed = paths['/api/v1/conversations']['get']['responses'][200]['content']['application/json'];
export const first = (m: Message): string | null => m.content;
export type Check = Result<number, never>;
TS
cat > "$app/tsconfig.json" <<'JSON'
{ "compilerOptions": { "target": "ES2022", "module": "NodeNext", "moduleResolution": "NodeNext", "strict": true, "noEmit": true, "skipLibCheck": false, "lib": ["ES2023", "DOM"], "types": [] }, "files": ["typed.ts"] }
JSON

echo "== type-check against the shipped declarations"
(cd "$app" && node "$root/node_modules/typescript/bin/tsc" -p tsconfig.json)
echo "typed.ts: ok"

echo "== embedding the core"
(cd "$app" && node embed.mjs)

echo "== the client against an embedded API"
port="$(node -e "const s=require('net').createServer().listen(0,()=>{console.log(s.address().port);s.close()})")"
(cd "$root" && exec env PORT="$port" HOST=127.0.0.1 LOG_LEVEL=warn DATA_DIR="$work/.data" MONGO_URL= REDIS_URL= AMQP_URL= S3_BUCKET= node apps/api/dist/main.js > "$work/api.log" 2>&1) &
api_pid=$!
for _ in $(seq 1 150); do
  curl -fsS "http://127.0.0.1:$port/ready" > /dev/null 2>&1 && break
  sleep 0.2
done
(cd "$app" && timeout 30 node client.mjs "http://127.0.0.1:$port")
echo "packages: core, adapter-memory, adapter-node-system and client install from their tarballs and work outside the workspace"
