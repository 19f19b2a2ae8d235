import { useEffect, useState } from 'preact/hooks';
import { unwrap, type Message, type Schemas } from '@parley/client';
import type { ChatState } from './state.js';

/** The buttons under a bot's message: a callback button tells the bot; a URL button opens its link. */
export function Keyboard({ state, message }: { state: ChatState; message: Message }) {
  const [busy, setBusy] = useState<string | null>(null);
  const rows = message.replyMarkup?.inlineKeyboard ?? [];
  if (rows.length === 0 || message.deletedAt) return null;
  const press = (data: string) => {
    setBusy(data);
    state.client
      .pressButton(message.id, data)
      .catch((e: Error) => alert(e.message))
      .finally(() => setBusy(null));
  };
  return (
    <div class="keyboard" role="group" aria-label="Buttons">
      {rows.map((row, i) => (
        <div class="row" key={i}>
          {row.map((button) =>
            button.url ? (
              <a key={button.text} class="button" href={button.url} target="_blank" rel="noopener noreferrer">
                {button.text}
              </a>
            ) : (
              <button
                type="button"
                key={button.text}
                disabled={busy !== null}
                aria-busy={busy === button.callbackData}
                onClick={() => press(button.callbackData!)}
              >
                {button.text}
              </button>
            ),
          )}
        </div>
      ))}
    </div>
  );
}

/** A bot's answer to a pressed button, for four seconds (or as an alert when the bot asked for one). */
export function BotAnswer({ state }: { state: ChatState }) {
  const answer = state.botAnswer;
  useEffect(() => {
    if (!answer) return;
    if (answer.alert) alert(answer.text);
    const timer = setTimeout(() => {
      if (state.botAnswer === answer) {
        state.botAnswer = null;
        state.changed();
      }
    }, 4000);
    return () => clearTimeout(timer);
  }, [answer]);
  return answer && !answer.alert ? (
    <div class="toast" role="status">
      {answer.text}
    </div>
  ) : null;
}

/** In a chat with a bot: its commands, one click puts one in the composer. */
export function CommandMenu({ state, botId, pick }: { state: ChatState; botId: string; pick: (c: string) => void }) {
  const [commands, setCommands] = useState<{ command: string; description: string }[]>([]);
  useEffect(() => {
    void state.client.botCommands(botId).then(setCommands, () => setCommands([]));
  }, [botId]);
  if (commands.length === 0) return null;
  return (
    <div class="commands" role="group" aria-label="Bot commands">
      {commands.map((c) => (
        <button type="button" key={c.command} title={c.description} onClick={() => pick(`/${c.command}`)}>
          /{c.command}
        </button>
      ))}
    </div>
  );
}

/** BotFather's part: my bots, making one (its token shown once), and a new token for one. */
export function BotsPanel({ state, close }: { state: ChatState; close: () => void }) {
  const [bots, setBots] = useState<Schemas['Bot'][]>([]);
  const [token, setToken] = useState<{ username: string; token: string } | null>(null);
  const [error, setError] = useState('');
  const api = state.client.api;
  const load = () =>
    unwrap(api.GET('/api/v1/bots')).then(
      (r) => setBots(r.data),
      (e: Error) => setError(e.message),
    );
  useEffect(() => void load(), []);
  const create = async (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    setError('');
    try {
      const made = await unwrap(
        api.POST('/api/v1/bots', {
          body: { username: String(form.get('username')).trim(), displayName: String(form.get('name')).trim() },
        }),
      );
      setToken({ username: made.bot.username, token: made.token });
      await load();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const renew = async (bot: Schemas['Bot']) => {
    setError('');
    try {
      const renewed = await unwrap(api.POST('/api/v1/bots/{id}/token', { params: { path: { id: bot.id } } }));
      setToken({ username: bot.username, token: renewed.token });
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <section class="devices" role="dialog" aria-label="Bots">
      <header>
        <h2>Bots</h2>
        <button type="button" onClick={close}>
          Close
        </button>
      </header>
      {token && (
        <p role="status">
          The token of @{token.username}, shown this once (the Bot API is at this server's address):{' '}
          <code aria-label="Bot token">{token.token}</code>
        </p>
      )}
      <ul>
        {bots.map((bot) => (
          <li key={bot.id}>
            <strong>{bot.displayName}</strong> @{bot.username}
            <button type="button" aria-label={`New token for @${bot.username}`} onClick={() => void renew(bot)}>
              New token
            </button>
          </li>
        ))}
      </ul>
      <form onSubmit={create}>
        <label>
          Bot username <input name="username" required pattern="[A-Za-z][A-Za-z0-9_]{1,28}[Bb][Oo][Tt]" />
        </label>
        <label>
          Name <input name="name" required maxLength={64} />
        </label>
        <button type="submit">Make a bot</button>
      </form>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
