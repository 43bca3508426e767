'use client';
/**
 * The trainer console at /training: choose a scenario and start, or join a running session; then
 * drive it. The session being driven is kept in the address (?session=<id>), so a reload or a
 * second trainer's browser opens the same one.
 */
// First: zod must know it may not use eval before any schema of this screen is built.
import '@/components/config/zodJitless.ts';
import { useEffect, useState } from 'react';
import { useI18n } from '@/components/i18n/I18nProvider.tsx';
import { LanguageSwitch } from '@/components/shared/LanguageSwitch.tsx';
import { SessionChooser } from '@/components/training/SessionChooser.tsx';
import { SessionConsole } from '@/components/training/SessionConsole.tsx';

export function TrainingConsole() {
  const { t } = useI18n();
  const [sessionId, setSessionId] = useState<string | null | undefined>(undefined);
  useEffect(() => setSessionId(new URLSearchParams(window.location.search).get('session')), []);
  const choose = (id: string | null) => {
    setSessionId(id);
    window.history.replaceState(null, '', id ? `/training?session=${encodeURIComponent(id)}` : '/training');
  };
  return (
    <div data-training-console="" className="min-h-dvh bg-wall text-xl text-[#e8edf5] antialiased">
      <header className="flex flex-wrap items-center justify-between gap-4 border-b-2 border-line bg-panel px-6 py-3">
        <div className="flex flex-col">
          <h1 className="text-4xl font-black">{t('training.title')}</h1>
          <p className="text-lg text-slate-200">{t('training.subtitle')}</p>
        </div>
        <LanguageSwitch />
      </header>
      {sessionId === undefined ? null : sessionId ? (
        <SessionConsole id={sessionId} onLeave={() => choose(null)} />
      ) : (
        <SessionChooser onChosen={choose} />
      )}
    </div>
  );
}
