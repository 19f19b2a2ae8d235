import { useEffect, useState } from 'preact/hooks';
import type { BrowserPushState } from './push.js';
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
      <BrowserNotifications state={state} />
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

const PUSH_SAYS: Record<BrowserPushState['status'], string> = {
  unsupported: 'This browser cannot show notifications while Parley is closed.',
  unavailable: 'This server does not send browser notifications.',
  blocked: 'Notifications are blocked for this site in the browser settings.',
  off: 'Notifications on this device are off.',
  on: 'Notifications on this device are on.',
};

/** Whether this browser is woken by push while no tab is open, and the switch for it. */
function BrowserNotifications({ state }: { state: ChatState }) {
  const [push, setPush] = useState<BrowserPushState | null>(null);
  const [error, setError] = useState('');
  const refresh = () => state.push.state().then(setPush, (e: Error) => setError(e.message));
  useEffect(() => void refresh(), []);
  if (!push) return null;
  const toggle = (run: () => Promise<void>) => () => {
    setError('');
    run()
      .catch((e: Error) => setError(e.message))
      .finally(() => void refresh());
  };
  return (
    <div class="push" aria-label="Notifications on this device">
      <span>{PUSH_SAYS[push.status]}</span>
      {push.status === 'off' && (
        <button type="button" onClick={toggle(() => state.push.enable())}>
          Turn on notifications
        </button>
      )}
      {push.status === 'on' && (
        <button type="button" onClick={toggle(() => state.push.disable())}>
          Turn off notifications
        </button>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
