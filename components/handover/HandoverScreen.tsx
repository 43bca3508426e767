'use client';
/**
 * The handover screen (/relevo): choose a period, read the brief, print it (A4, see handover.css) or
 * download its JSON. The brief comes from GET /api/handover with the session cookie, so it holds only
 * what this viewer may see; the period lives in the address, so a printed or shared link reopens it.
 */
import { useCallback, useEffect, useState } from 'react';
import { useI18n } from '@/components/i18n/I18nProvider.tsx';
import { LanguageSwitch } from '@/components/shared/LanguageSwitch.tsx';
import { BothClocks } from '@/components/shared/BothClocks.tsx';
import { errorReplySchema, handoverReplySchema, type HandoverReply } from '@/lib/contract/http.ts';
import { isTrainingChannel } from '@/lib/contract/channelNames.ts';
import { bothClocksText } from '@/components/handover/briefFormat.ts';
import { HandoverBrief } from '@/components/handover/HandoverBrief.tsx';
import {
  downloadName,
  handoverQueryString,
  instantToZoned,
  periodFor,
  periodProblem,
  zonedToInstant,
  type Period,
  type PeriodChoice,
} from '@/components/handover/period.ts';
import '@/components/handover/handover.css';

type Load = { state: 'loading' } | { state: 'ready'; brief: HandoverReply } | { state: 'failed'; message: string | null };

export interface HandoverScreenProps {
  channel: string;
  /**
   * The period to open on (the server chose the default, so both renders agree); null on an
   * exercise opened without one: the API then takes the 12 h before the exercise clock.
   */
  initial: Period | null;
  initialChoice: PeriodChoice;
  /** The server's time when it rendered the page (epoch ms), for the clocks' first render. */
  now: number;
}

const PRESETS: Exclude<PeriodChoice, 'custom'>[] = ['last12h', 'currentShift', 'previousShift'];

export function HandoverScreen({ channel, initial, initialChoice, now }: HandoverScreenProps) {
  const { t, locale } = useI18n();
  const [asked, setPeriod] = useState<Period | null>(initial);
  const [choice, setChoice] = useState<PeriodChoice>(initialChoice);
  const [attempt, setAttempt] = useState(0);
  const query = asked ? handoverQueryString(asked, channel) : new URLSearchParams({ channel }).toString();
  const key = `${query}#${attempt}`;
  // What the last request answered, and for which query: a new query is loading until it answers.
  const [answer, setAnswer] = useState<{ key: string; load: Load } | null>(null);
  const load: Load = answer?.key === key ? answer.load : { state: 'loading' };

  useEffect(() => {
    const controller = new AbortController();
    const setLoad = (next: Load) => setAnswer({ key, load: next });
    fetch(`/api/handover?${query}`, { signal: controller.signal, headers: { accept: 'application/json' } })
      .then(async (res) => {
        const body: unknown = await res.json().catch(() => null);
        if (res.ok) {
          const parsed = handoverReplySchema.safeParse(body);
          setLoad(parsed.success ? { state: 'ready', brief: parsed.data } : { state: 'failed', message: null });
        } else {
          const error = errorReplySchema.safeParse(body);
          setLoad({ state: 'failed', message: error.success ? error.data.error.message : `HTTP ${res.status}` });
        }
      })
      .catch(() => {
        if (!controller.signal.aborted) setLoad({ state: 'failed', message: null });
      });
    return () => controller.abort();
  }, [query, key]);

  const brief = load.state === 'ready' ? load.brief : null;
  // Until a period is asked for, the one the server chose.
  const period: Period | null = asked ?? (brief ? { from: Date.parse(brief.period.from), to: Date.parse(brief.period.to) } : null);
  const exercise = isTrainingChannel(channel);
  // An exercise's "now" is its clock, as of the last brief; live operations run on real time.
  const exerciseNow = exercise && brief ? Date.parse(brief.generatedAt) : null;

  const choose = useCallback((next: PeriodChoice, nextPeriod: Period) => {
    setChoice(next);
    setPeriod(nextPeriod);
    const params = new URLSearchParams(window.location.search);
    params.set('from', new Date(nextPeriod.from).toISOString());
    params.set('to', new Date(nextPeriod.to).toISOString());
    if (next !== 'custom') params.set('period', next);
    else params.delete('period');
    window.history.replaceState(null, '', `?${params.toString()}`);
  }, []);

  return (
    <div data-handover="" className="handover-page mx-auto flex max-w-[80rem] flex-col gap-5 px-6 py-5 text-slate-900">
      <header className="flex flex-wrap items-start justify-between gap-4 border-b-4 border-slate-900 pb-3">
        <div className="min-w-0">
          <p className="text-sm font-semibold tracking-widest text-slate-600 uppercase">{t('app.name')}</p>
          <h1 className="text-3xl font-black">{t('handover.title')}</h1>
          <p className="text-lg" data-testid="handover-period">
            {period
              ? t('handover.period.range', { from: bothClocksText(period.from, locale, t), to: bothClocksText(period.to, locale, t) })
              : t('handover.loading')}
          </p>
          {load.state === 'ready' && <p className="text-sm text-slate-700">{t(`handover.scope.${load.brief.scope}`)}</p>}
          {exercise && <p className="mt-1 inline-block rounded bg-violet-700 px-2 py-0.5 font-bold text-white">{t('handover.exercise')}</p>}
        </div>
        <Clocks initialNow={now} />
      </header>

      <nav
        aria-label={t('handover.period.label')}
        className="handover-controls flex flex-col gap-3 rounded-lg bg-slate-100 p-3 print:hidden"
      >
        <div className="flex flex-wrap items-center gap-2">
          <span className="font-semibold">{t('handover.period.label')}:</span>
          {PRESETS.map((preset) => (
            <button
              key={preset}
              type="button"
              aria-pressed={choice === preset}
              onClick={() => choose(preset, periodFor(preset, exerciseNow ?? Date.now()))}
              className="rounded-md border-2 border-slate-400 bg-white px-3 py-1.5 font-semibold hover:border-slate-700 focus-visible:outline-4 focus-visible:outline-sky-500 aria-pressed:border-slate-900 aria-pressed:bg-slate-900 aria-pressed:text-white"
            >
              {t(`handover.period.${preset}`)}
            </button>
          ))}
          <span className="ml-auto flex flex-wrap gap-2">
            <button
              type="button"
              onClick={() => window.print()}
              className="rounded-md bg-sky-700 px-4 py-1.5 font-semibold text-white hover:bg-sky-800 focus-visible:outline-4 focus-visible:outline-sky-500"
            >
              {t('handover.print')}
            </button>
            <a
              href={`/api/handover?${query}`}
              download={period ? downloadName(period) : 'concordia-relevo.json'}
              className="rounded-md border-2 border-sky-700 bg-white px-4 py-1.5 font-semibold text-sky-800 hover:bg-sky-50 focus-visible:outline-4 focus-visible:outline-sky-500"
            >
              {t('handover.download')}
            </a>
            <LanguageSwitch />
          </span>
        </div>
        {period && (
          <CustomPeriod
            key={choice === 'custom' ? 'custom' : `${period.from}-${period.to}`}
            period={period}
            active={choice === 'custom'}
            onApply={(p) => choose('custom', p)}
          />
        )}
      </nav>

      <main aria-busy={load.state === 'loading'}>
        {load.state === 'loading' && <p className="text-slate-600">{t('handover.loading')}</p>}
        {load.state === 'failed' && (
          <div role="alert" className="flex flex-wrap items-center gap-3 rounded-lg border-2 border-red-700 bg-red-50 p-3">
            <span>{load.message ? t('handover.failed', { message: load.message }) : t('handover.failed.network')}</span>
            <button
              type="button"
              onClick={() => setAttempt((n) => n + 1)}
              className="rounded-md bg-red-700 px-3 py-1 font-semibold text-white"
            >
              {t('handover.retry')}
            </button>
          </div>
        )}
        {load.state === 'ready' && <HandoverBrief brief={load.brief} />}
      </main>

      <footer className="handover-footer border-t border-slate-300 pt-2 text-xs text-slate-600">
        {t('handover.footer')}
        {load.state === 'ready' && (
          <>
            {' · '}
            {t('handover.generated', { at: bothClocksText(load.brief.generatedAt, locale, t) })}
          </>
        )}
      </footer>
    </div>
  );
}

function CustomPeriod({ period, active, onApply }: { period: Period; active: boolean; onApply: (period: Period) => void }) {
  const { t } = useI18n();
  const [from, setFrom] = useState(() => instantToZoned(period.from));
  const [to, setTo] = useState(() => instantToZoned(period.to));
  const [problem, setProblem] = useState<ReturnType<typeof periodProblem>>(null);
  return (
    <form
      className="flex flex-wrap items-end gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        const asked = { from: zonedToInstant(from), to: zonedToInstant(to) };
        const found = periodProblem(asked);
        setProblem(found);
        if (!found && asked.from !== null && asked.to !== null) onApply({ from: asked.from, to: asked.to });
      }}
    >
      <span className="self-center font-semibold">{t('handover.period.custom')}:</span>
      <label className="flex flex-col text-sm">
        {t('handover.period.from')}
        <input
          type="datetime-local"
          value={from}
          onChange={(e) => setFrom(e.target.value)}
          className="rounded border-2 border-slate-400 bg-white px-2 py-1 text-base"
        />
      </label>
      <label className="flex flex-col text-sm">
        {t('handover.period.to')}
        <input
          type="datetime-local"
          value={to}
          onChange={(e) => setTo(e.target.value)}
          className="rounded border-2 border-slate-400 bg-white px-2 py-1 text-base"
        />
      </label>
      <button
        type="submit"
        aria-pressed={active}
        className="rounded-md border-2 border-slate-400 bg-white px-3 py-1.5 font-semibold hover:border-slate-700 aria-pressed:border-slate-900 aria-pressed:bg-slate-900 aria-pressed:text-white"
      >
        {t('handover.period.apply')}
      </button>
      {problem && (
        <p role="alert" className="self-center font-semibold text-red-700">
          {t(problem)}
        </p>
      )}
    </form>
  );
}

/** Both countries' clocks, as on the wall and the desk (the shared clocks, light for paper). */
function Clocks({ initialNow }: { initialNow: number }) {
  const [now, setNow] = useState<number>(initialNow);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);
  return <BothClocks now={now} size="compact" tone="light" />;
}
