'use client';
import { useEffect, useState, type FormEvent } from 'react';
import { useI18n } from '@/components/i18n/I18nProvider.tsx';
import { safeNextPath } from '@/components/auth/safeNext.ts';
import { minutesLeft, readSignInAnswer, type SignInOutcome } from '@/components/auth/signInAnswer.ts';
import { forgetSavedPictures } from '@/components/realtime/pictureStore.ts';

/** What the form says after an attempt; a lock carries the instant it ends (epoch ms). */
type Failure =
  | Exclude<SignInOutcome, { kind: 'signed-in' } | { kind: 'locked' }>
  | { kind: 'locked'; scope: 'account' | 'address'; since: number; until: number };

/** The lock's minutes are redrawn this often: often enough that "1 min" never lingers. */
const LOCK_TICK_MS = 5_000;

export function LoginForm({ next, denied }: { next?: string; denied: boolean }) {
  const { t, locale, setLocale } = useI18n();
  const [failure, setFailure] = useState<Failure | null>(null);
  const [busy, setBusy] = useState(false);
  // Until React runs, a tap would submit the form natively (a GET with the password in the URL):
  // on a phone on a weak link that is seconds. The button stays disabled until then.
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  const now = useLockClock(failure?.kind === 'locked');

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setFailure(null);
    try {
      let res: Response;
      try {
        res = await fetch('/api/session', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: String(form.get('username') ?? '').trim(), password: String(form.get('password') ?? '') }),
        });
      } catch {
        setFailure({ kind: 'network' });
        return;
      }
      const body: unknown = await res.json().catch(() => null);
      const outcome = readSignInAnswer(res.status, body, res.headers.get('retry-after'));
      if (outcome.kind === 'signed-in') {
        // A shared browser: the last person's saved wall pictures are not this person's to see.
        await forgetSavedPictures();
        // Officers work from the report screen; everyone else from the wall.
        window.location.assign(safeNextPath(next, outcome.role === 'officer' ? '/report' : '/wall'));
        return;
      }
      const at = Date.now();
      setFailure(
        outcome.kind === 'locked'
          ? { kind: 'locked', scope: outcome.scope, since: at, until: at + outcome.retryAfterSeconds * 1000 }
          : outcome,
      );
    } finally {
      setBusy(false);
    }
  }

  const field = 'mt-2 w-full rounded-lg border border-line bg-wall px-4 py-3 text-2xl text-white outline-none focus:border-pdi';
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <form
        onSubmit={submit}
        className="w-full max-w-md rounded-2xl border border-line bg-panel p-8 shadow-2xl"
        aria-labelledby="login-title"
      >
        <p className="text-lg text-slate-300">{t('app.tagline')}</p>
        <h1 id="login-title" className="mt-1 text-4xl font-bold">
          {t('app.name')} · {t('login.title')}
        </h1>
        {denied && (
          <p role="alert" className="mt-4 rounded-lg bg-stale/20 p-3 text-lg text-stale">
            {t('login.forbidden')}
          </p>
        )}
        <label className="mt-6 block text-xl">
          {t('login.username')}
          <input name="username" autoComplete="username" required autoCapitalize="none" spellCheck={false} className={field} />
        </label>
        <label className="mt-4 block text-xl">
          {t('login.password')}
          <input name="password" type="password" autoComplete="current-password" required className={field} />
        </label>
        {failure && <FailureMessage failure={failure} now={now} />}
        <button
          type="submit"
          disabled={busy || !ready}
          className="mt-6 w-full rounded-lg bg-pdi px-4 py-4 text-2xl font-semibold text-white disabled:opacity-60"
        >
          {t('login.submit')}
        </button>
        <button type="button" onClick={() => setLocale(locale === 'es' ? 'en' : 'es')} className="mt-4 text-lg text-slate-300 underline">
          {t('lang.switch')}
        </button>
      </form>
    </main>
  );
}

function FailureMessage({ failure, now }: { failure: Failure; now: number }) {
  const { t } = useI18n();
  if (failure.kind !== 'locked') {
    const text =
      failure.kind === 'wrong'
        ? t('login.failed')
        : failure.kind === 'network'
          ? t('login.network')
          : t('login.serverError', { status: failure.status });
    return (
      <p role="alert" data-login-failure={failure.kind} className="mt-4 text-lg text-alert">
        {text}
      </p>
    );
  }
  // The ticking clock may date from before the answer came: never count from earlier than that.
  const minutes = minutesLeft(failure.until, Math.max(now, failure.since));
  return (
    <div
      role="alert"
      data-login-failure="locked"
      data-lock-scope={failure.scope}
      className="mt-4 rounded-lg border-2 border-alert bg-alert/15 p-3 text-lg"
    >
      <p className="font-bold text-white">{t(failure.scope === 'account' ? 'login.locked.account' : 'login.locked.address')}</p>
      <p className="mt-1 text-white" data-lock-minutes={minutes}>
        {minutes > 0 ? t('login.locked.wait', { n: minutes }) : t('login.locked.over')}
      </p>
      <p className="mt-1 text-slate-200">{t('login.locked.help')}</p>
    </div>
  );
}

/** Real time, ticking only while a lock is shown. */
function useLockClock(running: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), LOCK_TICK_MS);
    return () => clearInterval(timer);
  }, [running]);
  return now;
}
