import { useEffect, useRef, useState } from 'preact/hooks';
import type { Message } from '@parley/client';
import type { ChatState } from './state.js';
import { Devices } from './devices.js';
import { Security } from './security.js';
import { BotAnswer, BotsPanel, CommandMenu, Keyboard } from './bots.js';

export function Sidebar({ state }: { state: ChatState }) {
  const [error, setError] = useState('');
  const [botsOpen, setBotsOpen] = useState(false);
  const create = async (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const usernames = String(data.get('people'))
      .split(',')
      .map((u) => u.trim())
      .filter(Boolean);
    const groupName = String(data.get('group') ?? '').trim();
    setError('');
    try {
      const ids: string[] = [];
      for (const username of usernames) {
        const found = await state.client.api.GET('/api/v1/users', { params: { query: { q: username } } });
        const user = found.data?.data.find((u) => u.username === username);
        if (!user) throw new Error(`no user named ${username}`);
        ids.push(user.id);
      }
      const body = groupName
        ? { kind: 'group' as const, name: groupName, memberIds: ids }
        : { kind: 'direct' as const, memberIds: ids };
      const created = await state.client.api.POST('/api/v1/conversations', { body: body as never });
      if (!created.data)
        throw new Error((created.error as { error?: { message?: string } })?.error?.message ?? 'could not create it');
      form.reset();
      await state.loadConversations();
      await state.open(created.data.id);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <nav class="sidebar" aria-label="Conversations">
      <header>
        <span class="me">{state.me?.displayName}</span>
        <span aria-live="polite" class="visually-hidden">
          {state.client.realtime.state}
        </span>
        <button type="button" onClick={() => void state.showSessions()}>
          Devices
        </button>
        <button type="button" onClick={() => void state.showTwoFactor()}>
          Security
        </button>
        <button type="button" onClick={() => setBotsOpen(true)}>
          Bots
        </button>
        <button type="button" onClick={() => void state.signOut()}>
          Sign out
        </button>
      </header>
      <Devices state={state} />
      <Security state={state} />
      {botsOpen && <BotsPanel state={state} close={() => setBotsOpen(false)} />}
      <ul class="conversations">
        {state.conversations.map((c) => {
          const peer = state.peerOf(c);
          return (
            <li key={c.id}>
              <button
                type="button"
                aria-current={state.openId === c.id}
                onClick={() => void state.open(c.id)}
                data-conversation={state.title(c)}
              >
                <strong>
                  {state.title(c)}
                  {peer && (
                    <span
                      class={`dot ${state.online.get(peer) === 'online' ? 'online' : ''}`}
                      aria-label={state.online.get(peer) ?? 'offline'}
                    />
                  )}
                </strong>
                {c.unreadCount > 0 ? (
                  <span class="badge" aria-label={`${c.unreadCount} unread`}>
                    {c.unreadCount}
                  </span>
                ) : (
                  <span />
                )}
                <span class="last">
                  {c.lastMessage ? c.lastMessage.content || `[${c.lastMessage.type}]` : 'No messages yet'}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
      <form class="new" onSubmit={create} aria-label="New chat">
        <input type="text" name="people" placeholder="Usernames, comma-separated" aria-label="People" required />
        <input type="text" name="group" placeholder="Group name (empty: direct chat)" aria-label="Group name" />
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit">Start chat</button>
      </form>
    </nav>
  );
}

function Attachment({ state, mediaId }: { state: ChatState; mediaId: string }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let stop = false;
    const look = async (tries: number) => {
      const found = await state.mediaUrl(mediaId).catch(() => null);
      if (stop) return;
      if (found) setUrl(found);
      else if (tries > 0) setTimeout(() => void look(tries - 1), 500);
    };
    void look(40);
    return () => {
      stop = true;
    };
  }, [mediaId]);
  return url ? <img src={url} alt="attached image" /> : <span>processing image…</span>;
}

function MessageItem({ state, message, readBy }: { state: ChatState; message: Message; readBy: boolean }) {
  const mine = message.senderId === state.me?.id;
  return (
    <li class={`message ${mine ? 'mine' : ''}`} data-seq={message.seq}>
      {!mine && <div class="meta">{state.names.get(message.senderId) ?? 'someone'}</div>}
      {message.deletedAt ? <em>message deleted</em> : message.content && <div class="text">{message.content}</div>}
      {message.attachmentIds.map((id) => (
        <Attachment key={id} state={state} mediaId={id} />
      ))}
      <Keyboard state={state} message={message} />
      <div class="meta">
        <time dateTime={message.createdAt}>{new Date(message.createdAt).toLocaleTimeString()}</time>
        {mine && <span class="receipt">{readBy ? 'Read' : 'Sent'}</span>}
        {message.reactions.map((r) => (
          <button
            type="button"
            class="reaction"
            key={r.emoji}
            aria-pressed={r.mine}
            onClick={() => void state.react(message, r.emoji)}
          >
            {r.emoji} {r.count}
          </button>
        ))}
        {!message.reactions.some((r) => r.emoji === '👍') && (
          <button
            type="button"
            class="reaction"
            aria-label="React with thumbs up"
            onClick={() => void state.react(message, '👍')}
          >
            👍
          </button>
        )}
      </div>
    </li>
  );
}

export function ChatView({ state }: { state: ChatState }) {
  const [text, setText] = useState('');
  const list = useRef<HTMLUListElement>(null);
  const lastTyping = useRef(0);
  const id = state.openId;
  const messages = id ? (state.messages.get(id) ?? []) : [];
  useEffect(() => {
    list.current?.scrollTo(0, list.current.scrollHeight);
  }, [id, messages.length, state.pending.length]);
  if (!id)
    return (
      <main class="chat">
        <p class="empty">Pick a conversation, or start one.</p>
      </main>
    );
  const conversation = state.conversations.find((c) => c.id === id)!;
  const others = [...(state.peerRead.get(id) ?? new Map<string, number>())].filter(
    ([userId]) => userId !== state.me?.id,
  );
  const typing = [...(state.typing.get(id)?.keys() ?? [])].map((u) => state.names.get(u) ?? 'someone');
  const pending = state.pending.filter((p) => p.conversationId === id);
  const peer = state.peerOf(conversation);
  const blocking = peer !== null && state.blocked.has(peer);
  const closed = closedBecause(state, id);
  const submit = (event: Event) => {
    event.preventDefault();
    if (!text.trim()) return;
    void state.send(text.trim()).catch(() => undefined);
    setText('');
  };
  const onInput = (value: string) => {
    setText(value);
    if (Date.now() - lastTyping.current > 3000) {
      lastTyping.current = Date.now();
      state.typingNow();
    }
  };
  const onFile = (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    if (file) void state.sendImage(file).catch((e: Error) => alert(e.message));
    input.value = '';
  };
  return (
    <main class="chat" aria-label={`Chat: ${state.title(conversation)}`}>
      <header>
        <button
          type="button"
          class="back"
          aria-label="Back to conversations"
          onClick={() => {
            state.openId = null;
            state.changed();
          }}
        >
          ←
        </button>{' '}
        {state.title(conversation)}
        {peer && (
          <button
            type="button"
            class="block"
            onClick={() => void state.setBlocked(peer, !blocking).catch((e: Error) => alert(e.message))}
          >
            {blocking ? 'Unblock' : 'Block'}
          </button>
        )}
      </header>
      {blocking && <p class="notice">You blocked {state.title(conversation)}: neither of you can write here.</p>}
      {closed && (
        <p class="notice" role="status">
          {closed.why}
        </p>
      )}
      {(state.held.get(id)?.length ?? 0) > 0 && (
        <p class="notice held" role="status">
          {state.held.get(id)!.length === 1 ? 'Your message is' : `${state.held.get(id)!.length} messages are`} waiting
          for a moderator's review.
        </p>
      )}
      {state.reviewed?.conversationId === id && state.reviewed.state === 'rejected' && (
        <p class="notice" role="status">
          A moderator did not allow your message.
        </p>
      )}
      <ul class="messages" ref={list} aria-live="polite">
        {state.olderCursor.get(id) && (
          <li>
            <button type="button" onClick={() => void state.loadOlder(id)}>
              Load older messages
            </button>
          </li>
        )}
        {messages.map((m) => (
          <MessageItem key={m.id} state={state} message={m} readBy={others.some(([, seq]) => seq >= m.seq)} />
        ))}
        {pending.map((p) => (
          <li key={p.clientMessageId} class="message mine pending" data-pending={p.state}>
            <div class="text">{p.content}</div>
            <div class="meta">
              {p.state === 'failed' ? (
                <>
                  Not sent ({p.error?.message}){' '}
                  <button type="button" onClick={() => state.client.outbox.retry(p.clientMessageId)}>
                    Retry
                  </button>
                </>
              ) : (
                'Sending…'
              )}
            </div>
          </li>
        ))}
      </ul>
      <BotAnswer state={state} />
      {peer && state.bots.has(peer) && <CommandMenu state={state} botId={peer} pick={(c) => setText(`${c} `)} />}
      <div class="typing" aria-live="polite">
        {typing.length ? `${typing.join(', ')} ${typing.length > 1 ? 'are' : 'is'} typing…` : ''}
      </div>
      {closed?.writes !== false && (
        <form class="composer" onSubmit={submit}>
          <label class="visually-hidden" for="composer-text">
            Message
          </label>
          <input
            id="composer-text"
            type="text"
            value={text}
            onInput={(e) => onInput((e.currentTarget as HTMLInputElement).value)}
            placeholder="Write a message"
            autocomplete="off"
          />
          <label class="visually-hidden" for="composer-image">
            Attach an image
          </label>
          <input id="composer-image" type="file" accept="image/png,image/jpeg,image/gif,image/webp" onChange={onFile} />
          <button class="primary" type="submit">
            Send
          </button>
        </form>
      )}
    </main>
  );
}

const ending = (until: string | null) => (until ? ` until ${new Date(until).toLocaleString()}` : '');

/** Why I cannot write here (at all, or some things), in words, and whether I can write anything; null: I can. */
function closedBecause(state: ChatState, id: string): { why: string; writes: boolean } | null {
  if (state.bannedFrom.has(id)) {
    const until = ending(state.bannedFrom.get(id)!);
    return { why: `An admin banned you from this conversation${until}: you cannot write here.`, writes: false };
  }
  const restriction = state.restrictions.get(id);
  if (!restriction || (restriction.until && Date.parse(restriction.until) <= Date.now())) return null;
  const until = ending(restriction.until);
  if (restriction.deny.includes('send'))
    return { why: `An admin made you read-only here${until}: you can read, not write.`, writes: false };
  return { why: `An admin restricted you: no ${restriction.deny.join(', ')} here${until}.`, writes: true };
}
