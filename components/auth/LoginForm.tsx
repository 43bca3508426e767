'use client';
import { useEffect, useState, type FormEvent } from 'react';
import { useI18n } from '@/components/i18n/I18nProvider.tsx';
import { safeNextPath } from './safeNext.ts';

type Failure = 'failed' | 'unavailable' | null;

export function LoginForm({ next, denied }: { next?: string; denied: boolean }) {
  const { t, locale, setLocale } = useI18n();
  const [failure, setFailure] = useState<Failure>(null);
  const [busy, setBusy] = useState(false);
  // Until React runs, a tap would submit the form natively (a GET with the password in the URL):
  // on a phone on a weak link that is seconds. The button stays disabled until then.
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setFailure(null);
    try {
      const res = await fetch('/api/session', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: String(form.get('username') ?? '').trim(), password: String(form.get('password') ?? '') }),
      });
      if (res.status === 200) {
        // Officers work from the report screen; everyone else from the wall.
        const body = (await res.json().catch(() => null)) as { user?: { role?: string } } | null;
        window.location.assign(safeNextPath(next, body?.user?.role === 'officer' ? '/report' : '/wall'));
        return;
      }
      setFailure(res.status === 401 || res.status === 400 ? 'failed' : 'unavailable');
    } catch {
      setFailure('unavailable');
    } finally {
      setBusy(false);
    }
  }

  const field = 'mt-2 w-full rounded-lg border border-line bg-wall px-4 py-3 text-2xl text-white outline-none focus:border-pdi';
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <form onSubmit={submit} className="w-full max-w-md rounded-2xl border border-line bg-panel p-8 shadow-2xl" aria-labelledby="login-title">
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
        {failure && (
          <p role="alert" className="mt-4 text-lg text-alert">
            {t(failure === 'failed' ? 'login.failed' : 'login.unavailable')}
          </p>
        )}
        <button type="submit" disabled={busy || !ready} className="mt-6 w-full rounded-lg bg-pdi px-4 py-4 text-2xl font-semibold text-white disabled:opacity-60">
          {t('login.submit')}
        </button>
        <button type="button" onClick={() => setLocale(locale === 'es' ? 'en' : 'es')} className="mt-4 text-lg text-slate-300 underline">
          {t('lang.switch')}
        </button>
      </form>
    </main>
  );
}
