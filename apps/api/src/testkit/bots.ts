import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { expect } from 'vitest';
import type { RunningApi } from '../server.js';
import { call, type Client } from '../test-server.js';

/** What the bot tests do as people over Parley's REST API, and as a bot's owner. */
export function botPeople(api: () => RunningApi) {
  const rest = (method: string, path: string, person: Client, body?: unknown) =>
    call(api(), method, path, { token: person.accessToken, ...(body !== undefined ? { body } : {}) });

  return {
    /** A bot made by its owner (POST /bots): its user id and its token. */
    makeBot: async (owner: Client, username: string): Promise<{ id: string; token: string }> => {
      const created = await rest('POST', '/api/v1/bots', owner, { username });
      expect(created.status).toBe(201);
      return { id: created.body.bot.id, token: created.body.token };
    },
    /** The person's direct conversation with someone (a bot). */
    directChat: async (person: Client, otherId: string): Promise<string> => {
      const dm = await rest('POST', '/api/v1/conversations', person, { kind: 'direct', memberIds: [otherId] });
      expect(dm.status).toBe(201);
      return dm.body.id;
    },
    say: async (person: Client, conversationId: string, content: string) => {
      const sent = await rest('POST', `/api/v1/conversations/${conversationId}/messages`, person, {
        content,
        clientMessageId: crypto.randomUUID(),
      });
      expect(sent.status).toBe(201);
      return sent.body;
    },
    /** The conversation's messages, oldest first. */
    history: async (person: Client, conversationId: string) => {
      const page = await rest('GET', `/api/v1/conversations/${conversationId}/messages`, person);
      return (page.body.data as { senderId: string; content: string | null; type: string; attachmentIds: string[] }[])
        .slice()
        .reverse();
    },
    /** A photo sent as Parley's clients send one: a signed upload, confirmed, attached to a message. */
    sendPhoto: async (person: Client, conversationId: string, bytes: Uint8Array, caption: string) => {
      const ticket = await rest('POST', '/api/v1/media/upload', person, {
        filename: 'photo.png',
        contentType: 'image/png',
        size: bytes.length,
      });
      expect(ticket.status).toBe(201);
      const put = await fetch(ticket.body.uploadUrl, { method: 'PUT', headers: ticket.body.headers, body: bytes });
      expect(put.status).toBe(204);
      expect((await rest('POST', `/api/v1/media/${ticket.body.id}/confirm`, person)).status).toBe(200);
      const sent = await rest('POST', `/api/v1/conversations/${conversationId}/messages`, person, {
        content: caption,
        attachmentIds: [ticket.body.id],
      });
      expect(sent.status).toBe(201);
      return ticket.body.id as string;
    },
  };
}

/**
 * The python-telegram-bot bot of scripts/bots/ptb_echo.py, run with the virtualenv's python against the API: the
 * JSON lines it prints (the first says it is ready), what it wrote to stderr, and a stop that waits for its exit.
 */
export async function startPtbBot(python: string, script: string, token: string, apiUrl: string) {
  const bot = spawn(python, [script, token, apiUrl], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: Record<string, unknown>[] = [];
  createInterface({ input: bot.stdout! }).on('line', (line) => lines.push(JSON.parse(line)));
  let errors = '';
  bot.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  await expect.poll(() => lines.length, { timeout: 20_000 }).toBeGreaterThan(0);
  return {
    /** What it heard, after its ready line. */
    heard: () => lines.slice(1),
    errors: () => errors,
    stop: async () => {
      bot.kill('SIGTERM');
      await new Promise((r) => bot.once('exit', r));
    },
  };
}
