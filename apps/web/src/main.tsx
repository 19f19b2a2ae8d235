import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ChatView, Sidebar } from './chat.js';
import { ChatState } from './state.js';

const state = new ChatState(location.origin);
// For the browser console (and the browser tests): the client, its socket and its outbox.
(window as unknown as { parley: ChatState }).parley = state;

function useState_(): ChatState {
  const [, setTick] = useState(0);
  useEffect(() => state.subscribe(() => setTick((n) => n + 1)), []);
  return state;
}

function Auth() {
  const [mode, setMode] = useState<'login' | 'register'>('login');
  const [error, setError] = useState('');
  const submit = async (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    setError('');
    await state
      .signIn(mode, {
        login: String(form.get('login')),
        email: String(form.get('email') ?? ''),
        password: String(form.get('password')),
      })
      .catch((e: Error) => setError(e.message));
  };
  return (
    <form class="auth" onSubmit={submit} aria-label={mode === 'login' ? 'Sign in' : 'Create an account'}>
      <h1>Parley</h1>
      {mode === 'register' && (
        <label>
          Email <input type="email" name="email" required autocomplete="email" />
        </label>
      )}
      <label>
        {mode === 'login' ? 'Username or email' : 'Username'}{' '}
        <input type="text" name="login" required autocomplete="username" />
      </label>
      <label>
        Password{' '}
        <input
          type="password"
          name="password"
          required
          minLength={8}
          autocomplete={mode === 'login' ? 'current-password' : 'new-password'}
        />
      </label>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <button class="primary" type="submit">
        {mode === 'login' ? 'Sign in' : 'Create account'}
      </button>
      <button type="button" onClick={() => setMode(mode === 'login' ? 'register' : 'login')}>
        {mode === 'login' ? 'New here? Create an account' : 'Have an account? Sign in'}
      </button>
    </form>
  );
}

function App() {
  const s = useState_();
  const [starting, setStarting] = useState(s.signedIn);
  useEffect(() => {
    if (s.signedIn && !s.me)
      void s
        .start()
        .catch(() => s.signOut())
        .finally(() => setStarting(false));
  }, []);
  if (!s.me) return starting ? <p class="empty">Connecting…</p> : <Auth />;
  return (
    <div class={`shell ${s.openId ? 'open' : ''}`}>
      <Sidebar state={s} />
      <ChatView state={s} />
    </div>
  );
}

render(<App />, document.getElementById('app')!);
