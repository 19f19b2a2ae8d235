import { useState } from 'preact/hooks';
import type { ChatState } from './state.js';

const describe = (s: { name: string | null; platform: string | null; userAgent: string | null }) =>
  [s.name ?? 'Unnamed device', s.platform].filter(Boolean).join(' · ');

const when = (iso: string) => new Date(iso).toLocaleString();

/** Where I am signed in: each device with its last activity, signing one out, or all but this one. */
export function Devices({ state }: { state: ChatState }) {
  const [error, setError] = useState('');
  const sessions = state.sessions;
  if (!sessions) return null;
  const act = (run: () => Promise<void>) => () => {
    setError('');
    run().catch((e: Error) => setError(e.message));
  };
  return (
    <section class="devices" role="dialog" aria-label="Devices">
      <header>
        <h2>Devices</h2>
        <button type="button" onClick={() => void state.showSessions(false)}>
          Close
        </button>
      </header>
      <ul>
        {sessions.map((s) => (
          <li key={s.id} data-session={s.id}>
            <strong>{describe(s)}</strong>
            {s.current ? <em> (this device)</em> : null}
            <small>
              {s.userAgent ?? ''} {s.ip ? `from ${s.ip}` : ''} · last active {when(s.lastActiveAt)}
            </small>
            {!s.current && (
              <button type="button" aria-label={`Sign out ${describe(s)}`} onClick={act(() => state.endSession(s.id))}>
                Sign out
              </button>
            )}
          </li>
        ))}
      </ul>
      {sessions.length > 1 && (
        <button type="button" onClick={act(() => state.endOtherSessions())}>
          Sign out all other devices
        </button>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
