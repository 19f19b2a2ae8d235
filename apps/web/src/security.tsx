import { useState } from 'preact/hooks';
import QRCode from 'qrcode';
import { unwrap } from '@parley/client';
import type { ChatState } from './state.js';

type Step =
  { kind: 'idle' } | { kind: 'scan'; secret: string; uri: string; qr: string } | { kind: 'codes'; codes: string[] };

/**
 * Two-factor sign-in: turn it on (password, scan the QR code, first code, recovery codes shown once), get new
 * recovery codes, or turn it off (both with the password and a code).
 */
export function Security({ state }: { state: ChatState }) {
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [error, setError] = useState('');
  const status = state.twoFactor;
  if (!status) return null;
  const api = state.client.api;
  const submit = (run: (form: FormData) => Promise<void>) => async (event: Event) => {
    event.preventDefault();
    setError('');
    try {
      await run(new FormData(event.currentTarget as HTMLFormElement, (event as SubmitEvent).submitter));
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const setUp = submit(async (form) => {
    const body = { password: String(form.get('password')) };
    const setup = await unwrap(api.POST('/api/v1/auth/2fa/setup', { body }));
    const svg = await QRCode.toString(setup.otpauthUri, { type: 'svg', margin: 2 });
    setStep({
      kind: 'scan',
      secret: setup.secret,
      uri: setup.otpauthUri,
      qr: `data:image/svg+xml,${encodeURIComponent(svg)}`,
    });
  });
  const enable = submit(async (form) => {
    const body = { code: String(form.get('code')).trim() };
    const enabled = await unwrap(api.POST('/api/v1/auth/2fa/enable', { body }));
    setStep({ kind: 'codes', codes: enabled.recoveryCodes });
    await state.showTwoFactor();
  });
  /** Both take the password and a code: turn it off, or new recovery codes (which button sent the form). */
  const confirm = submit(async (form) => {
    const body = { password: String(form.get('password')), code: String(form.get('code')).trim() };
    if (form.get('action') === 'renew') {
      const renewed = await unwrap(api.POST('/api/v1/auth/2fa/recovery-codes', { body }));
      setStep({ kind: 'codes', codes: renewed.recoveryCodes });
    } else {
      await unwrap(api.DELETE('/api/v1/auth/2fa', { body }));
      setStep({ kind: 'idle' });
    }
    await state.showTwoFactor();
  });
  return (
    <section class="devices" role="dialog" aria-label="Security">
      <header>
        <h2>Two-factor sign-in</h2>
        <button type="button" onClick={() => void state.showTwoFactor(false)}>
          Close
        </button>
      </header>
      <p role="status">{status.enabled ? `On · ${status.recoveryCodesLeft} recovery codes left` : 'Off'}</p>
      {step.kind === 'codes' && (
        <div aria-label="Recovery codes">
          <p>Keep these recovery codes somewhere safe: each signs you in once without your phone.</p>
          <ul>
            {step.codes.map((c) => (
              <li key={c}>
                <code>{c}</code>
              </li>
            ))}
          </ul>
        </div>
      )}
      {!status.enabled && step.kind === 'idle' && (
        <form onSubmit={setUp}>
          <label>
            Password <input type="password" name="password" required autocomplete="current-password" />
          </label>
          <button type="submit">Turn on two-factor sign-in</button>
        </form>
      )}
      {step.kind === 'scan' && (
        <form onSubmit={enable}>
          <img class="qr" src={step.qr} width={200} height={200} alt="QR code for your authenticator app" />
          <p>
            Scan it with your authenticator app, <a href={step.uri}>open it in the app</a>, or type the key{' '}
            <code aria-label="Secret key">{step.secret}</code>.
          </p>
          <label>
            Code from the app <input type="text" name="code" required autocomplete="one-time-code" />
          </label>
          <button type="submit">Turn on</button>
        </form>
      )}
      {status.enabled && step.kind !== 'codes' && (
        <form onSubmit={confirm}>
          <label>
            Password <input type="password" name="password" required autocomplete="current-password" />
          </label>
          <label>
            Code from the app <input type="text" name="code" required autocomplete="one-time-code" />
          </label>
          <button type="submit" name="action" value="renew">
            New recovery codes
          </button>
          <button type="submit" name="action" value="off">
            Turn off two-factor sign-in
          </button>
        </form>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
