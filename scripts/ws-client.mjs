// A tiny interactive WebSocket client for trying Parley from a terminal:
//   node scripts/ws-client.mjs <accessToken> [ws://localhost:$PORT/ws]
// Prints every frame the server sends; each line you type is sent as a frame (JSON). The token travels in
// the Authorization header (never the URL, which servers and proxies log).
import { createInterface } from 'node:readline';
import WebSocket from 'ws';

const [token, url = `ws://localhost:${process.env.PORT ?? 3000}/ws`] = process.argv.slice(2);
if (!token) {
  console.error('usage: node scripts/ws-client.mjs <accessToken> [ws-url]');
  process.exit(2);
}
const ws = new WebSocket(url, { headers: { authorization: `Bearer ${token}` } });
ws.on('message', (data) => console.log(`< ${data}`));
ws.on('close', (code, reason) => {
  console.log(`closed ${code} ${reason}`);
  process.exit(0);
});
ws.on('open', () => {
  console.log('connected; type JSON frames, e.g. {"id":"1","type":"typing.start","conversationId":"..."}');
  createInterface({ input: process.stdin }).on('line', (line) => line.trim() && ws.send(line.trim()));
});
