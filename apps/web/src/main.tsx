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

type AuthMode = 'login' | 'register' | 'forgot' | 'reset' | 'code';

/** The token of an account link this page was opened with (`?reset=` or `?verify=`), taken off the address bar. */
function linkToken(param: 'reset' | 'verify'): string | null {
  const url = new URL(location.href);
  const token = url.searchParams.get(param);
  if (token) {
    url.searchParams.delete(param);
    history.replaceState(null, '', url);
  }
  return token;
}

const resetToken = linkToken('reset');
/** The conversation a clicked notification opens (`?c=`, or a message from the service worker to an open tab). */
const openFromNotification = new URL(location.href).searchParams.get('c');
navigator.serviceWorker?.addEventListener('message', (event: MessageEvent<{ open?: string }>) => {
  if (event.data?.open && state.me) void state.open(event.data.open);
});
const verifyToken = linkToken('verify');

function Auth() {
  const [mode, setMode] = useState<AuthMode>(resetToken ? 'reset' : 'login');
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  useEffect(() => {
    if (verifyToken)
      void state.client.verifyEmail(verifyToken).then(
        () => setNotice('Your e-mail address is verified. You can sign in.'),
        (e: Error) => setError(e.message),
      );
  }, []);
  const submit = async (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const field = (name: string) => String(form.get(name) ?? '');
    setError('');
    setNotice('');
    try {
      if (mode === 'forgot') {
        await state.client.requestPasswordReset(field('email'));
        setNotice('If an account has this address, a link to reset its password is on its way.');
      } else if (mode === 'code') {
        await state.completeSignIn(field('code'));
      } else if (mode === 'reset') {
        await state.client.resetPassword(resetToken ?? '', field('password'));
        setMode('login');
        setNotice('Your password is changed. Sign in with it.');
      } else {
        const needed = await state.signIn(mode, {
          login: field('login'),
          email: field('email'),
          password: field('password'),
        });
        if (needed === 'verify')
          setNotice('Check your e-mail: follow the link in it to verify your address, then sign in.');
        if (needed === 'code') setMode('code');
      }
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const titles: Record<AuthMode, string> = {
    login: 'Sign in',
    register: 'Create an account',
    forgot: 'Reset your password',
    reset: 'Choose a new password',
    code: 'Two-factor sign-in',
  };
  const actions: Record<AuthMode, string> = {
    login: 'Sign in',
    register: 'Create account',
    forgot: 'Send reset link',
    reset: 'Set new password',
    code: 'Verify',
  };
  return (
    <form class="auth" onSubmit={submit} aria-label={titles[mode]}>
      <h1>Parley</h1>
      {(mode === 'register' || mode === 'forgot') && (
        <label>
          Email <input type="email" name="email" required autocomplete="email" />
        </label>
      )}
      {(mode === 'login' || mode === 'register') && (
        <label>
          {mode === 'login' ? 'Username or email' : 'Username'}{' '}
          <input type="text" name="login" required autocomplete="username" />
        </label>
      )}
      {mode === 'code' && (
        <label>
          Code from your authenticator app (or a recovery code){' '}
          <input type="text" name="code" required autocomplete="one-time-code" />
        </label>
      )}
      {mode !== 'forgot' && mode !== 'code' && (
        <label>
          {mode === 'reset' ? 'New password' : 'Password'}{' '}
          <input
            type="password"
            name="password"
            required
            minLength={8}
            autocomplete={mode === 'login' ? 'current-password' : 'new-password'}
          />
        </label>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <button class="primary" type="submit">
        {actions[mode]}
      </button>
      {mode === 'login' && (
        <button type="button" onClick={() => setMode('forgot')}>
          Forgot your password?
        </button>
      )}
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
        .then(() => (openFromNotification ? s.open(openFromNotification).catch(() => undefined) : undefined))
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
