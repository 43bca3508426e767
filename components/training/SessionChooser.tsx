'use client';
/** Before an exercise: pick a scenario and start a session, or join one already running. */
import { useEffect, useState } from 'react';
import { useI18n } from '@/components/i18n/I18nProvider.tsx';
import { ARICA_TIME_ZONE, formatBothZones, formatCount, formatDate } from '@/lib/i18n/format.ts';
import type { ScenarioSummary } from '@/lib/scenario/scenarioFile.ts';
import { trainingApi, TrainingApiError } from '@/components/training/trainingApi.ts';
import type { SessionList } from '@/lib/contract/training.ts';

export function SessionChooser({ onChosen }: { onChosen: (id: string) => void }) {
  const { t, locale } = useI18n();
  const [scenarios, setScenarios] = useState<ScenarioSummary[] | null>(null);
  const [sessions, setSessions] = useState<SessionList | null>(null);
  const [chosen, setChosen] = useState<string>('');
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const failed = (e: unknown) => setError(e instanceof TrainingApiError && e.status ? e.message : t('training.error.network'));
    trainingApi.scenarios().then((r) => {
      setScenarios(r.scenarios);
      setChosen((c) => c || r.scenarios[0]?.id || '');
    }, failed);
    trainingApi.sessions().then(setSessions, failed);
  }, [t]);

  async function start() {
    setStarting(true);
    setError(null);
    try {
      onChosen((await trainingApi.create(chosen)).id);
    } catch (e) {
      setError(
        e instanceof TrainingApiError && e.status ? t('training.error.refused', { reason: e.message }) : t('training.error.network'),
      );
      setStarting(false);
    }
  }

  return (
    <div className="grid grid-cols-1 gap-6 p-6 lg:grid-cols-2">
      <section aria-labelledby="new-title" className="flex flex-col gap-4 rounded-xl border-2 border-line bg-panel p-5">
        <h2 id="new-title" className="text-3xl font-bold">
          {t('training.new.title')}
        </h2>
        {scenarios === null && !error && <p>{t('training.scenario.loading')}</p>}
        {scenarios?.length === 0 && <p>{t('training.scenario.none')}</p>}
        <fieldset className="flex flex-col gap-3">
          <legend className="mb-2 text-xl font-semibold">{t('training.scenario.label')}</legend>
          {scenarios?.map((s) => (
            <label
              key={s.id}
              className={`flex cursor-pointer gap-3 rounded-lg border-2 p-3 ${chosen === s.id ? 'border-violet-400' : 'border-line'}`}
            >
              <input
                type="radio"
                name="scenario"
                value={s.id}
                checked={chosen === s.id}
                onChange={() => setChosen(s.id)}
                className="mt-2 size-5 accent-violet-400"
              />
              <span className="flex flex-col gap-1">
                <span className="text-2xl font-bold">{s.title[locale]}</span>
                <span className="text-lg text-slate-200">{s.description[locale]}</span>
                <span className="text-lg text-slate-300">
                  {t('training.scenario.events', {
                    n: formatCount(s.eventCount, locale),
                    from: formatDate(s.start, ARICA_TIME_ZONE, locale),
                    to: formatDate(s.end, ARICA_TIME_ZONE, locale),
                  })}
                </span>
              </span>
            </label>
          ))}
        </fieldset>
        <button
          type="button"
          disabled={!chosen || starting}
          onClick={() => void start()}
          className="self-start rounded-xl bg-violet-400 px-8 py-3 text-2xl font-black text-violet-950 disabled:opacity-60"
        >
          {starting ? t('training.starting') : t('training.start')}
        </button>
        {error && (
          <p role="alert" className="text-xl text-alert">
            {error}
          </p>
        )}
      </section>
      <section aria-labelledby="sessions-title" className="flex flex-col gap-4 rounded-xl border-2 border-line bg-panel p-5">
        <h2 id="sessions-title" className="text-3xl font-bold">
          {t('training.sessions.title')}
        </h2>
        {sessions?.problem && (
          <p role="alert" className="text-xl text-stale">
            {sessions.problem}
          </p>
        )}
        {sessions && !sessions.persistent && <p className="text-lg text-stale">{t('training.persist.off')}</p>}
        {sessions?.sessions.length === 0 && <p>{t('training.sessions.none')}</p>}
        <ul className="flex flex-col gap-3">
          {sessions?.sessions.map((s) => (
            <li key={s.id} className="flex items-center justify-between gap-4 rounded-lg border-2 border-line p-3">
              <span className="flex flex-col">
                <span className="text-xl font-bold">{s.scenario.title[locale]}</span>
                <span className="text-lg text-slate-200">
                  {t('training.sessions.item', { id: s.id, user: s.createdBy, time: formatBothZones(s.clock.exerciseTime, locale) })}
                </span>
              </span>
              <button
                type="button"
                onClick={() => onChosen(s.id)}
                className="rounded-lg border-2 border-violet-400 px-5 py-2 text-xl font-bold"
              >
                {t('training.sessions.join')}
              </button>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
