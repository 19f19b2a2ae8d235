import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebApp } from './testkit/web-app.js';

/**
 * Bots in the web client, in chromium: a person makes a bot in the Bots panel; the bot (this test, speaking the Bot
 * API) sets its commands and answers; the person picks a command from the menu, presses a button under the bot's
 * answer, and sees the bot's toast and its edited message.
 */
const app = new WebApp();

beforeAll(() => app.start(), 60_000);
afterAll(() => app.stop());

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the Bot API's JSON, as the test reads it
async function bot(token: string, method: string, params: unknown = {}): Promise<any> {
  const res = await fetch(`${app.base}/bot${token}/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(params),
  });
  const body = (await res.json()) as { ok: boolean; result: unknown; description?: string };
  if (!body.ok) throw new Error(`${method}: ${body.description}`);
  return body.result;
}

describe('bots in the web client', () => {
  it('makes a bot, offers its commands, shows its buttons, and the toast of its answer', async () => {
    const ida = await app.person('ida');
    await ida.getByRole('button', { name: 'Bots' }).click();
    const panel = ida.getByRole('dialog', { name: 'Bots' });
    const username = `web_${app.suffix}_bot`;
    await panel.getByLabel('Bot username').fill(username);
    await panel.getByLabel('Name', { exact: true }).fill('Web Helper');
    await panel.getByRole('button', { name: 'Make a bot' }).click();
    const token = (await panel.getByLabel('Bot token').textContent())!;
    expect(token).toMatch(/^\d+:[A-Za-z0-9_-]{20,}$/);
    expect((await bot(token, 'getMe')).username).toBe(username);
    await bot(token, 'setMyCommands', { commands: [{ command: 'start', description: 'Say hello' }] });
    await panel.getByRole('button', { name: 'Close' }).click();

    // Ida writes to the bot, picking its command from the menu.
    await ida.getByLabel('People').fill(username);
    await ida.getByRole('button', { name: 'Start chat' }).click();
    await ida.getByRole('group', { name: 'Bot commands' }).getByRole('button', { name: '/start' }).click();
    await ida.getByRole('button', { name: 'Send' }).click();
    let updates: { update_id: number; message?: { text: string; chat: { id: number } } }[] = [];
    await expect
      .poll(async () =>
        (updates = await bot(token, 'getUpdates')).map((u: (typeof updates)[number]) => u.message?.text),
      )
      .toEqual(['/start']);
    const chatId = updates[0]!.message!.chat.id;
    await bot(token, 'sendMessage', {
      chat_id: chatId,
      text: 'Lunch?',
      reply_markup: {
        inline_keyboard: [
          [
            { text: 'Yes', callback_data: 'yes' },
            { text: 'No', callback_data: 'no' },
          ],
        ],
      },
    });

    // Ida presses Yes; the bot answers with a toast and edits its message.
    await ida.getByRole('group', { name: 'Buttons' }).getByRole('button', { name: 'Yes' }).click();
    let pressed: {
      update_id: number;
      callback_query?: { id: string; data: string; message: { message_id: number } };
    }[] = [];
    await expect
      .poll(async () => (pressed = await bot(token, 'getUpdates', { offset: updates[0]!.update_id + 1 })).length)
      .toBe(1);
    const query = pressed[0]!.callback_query!;
    expect(query.data).toBe('yes');
    await bot(token, 'answerCallbackQuery', { callback_query_id: query.id, text: 'Noted!' });
    await bot(token, 'editMessageText', { chat_id: chatId, message_id: query.message.message_id, text: 'Lunch: yes' });
    await ida.getByRole('status').filter({ hasText: 'Noted!' }).waitFor();
    await ida.locator('.message .text', { hasText: 'Lunch: yes' }).waitFor();
  });
});
