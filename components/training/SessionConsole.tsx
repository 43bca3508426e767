'use client';
/**
 * A running exercise, for its trainer: the exercise clock in both zones, play/pause and speed,
 * the timeline and milestones, the inject form, the join link, and the picture the screens show.
 * The clock comes from the server (training:clock on the socket, and each control's answer); the
 * console only extrapolates between them.
 */
import { useCallback, useEffect, useState } from 'react';
import { useI18n } from '@/components/i18n/I18nProvider.tsx';
import { useClientConfig } from '@/components/config/useClientConfig.ts';
import { OperationsMap } from '@/components/map/OperationsMapLoader.tsx';
import { useChannel } from '@/components/realtime/RealtimeProvider.tsx';
import { EventFeed } from '@/components/shared/EventFeed.tsx';
import { ExerciseBanner } from '@/components/shared/ExerciseBanner.tsx';
import { formatBothZones, formatCount } from '@/lib/i18n/format.ts';
import type { ClockState } from '@/lib/scenario/clock.ts';
import { extrapolate } from '@/lib/scenario/clockMath.ts';
import type { ControlCommand } from '@/lib/scenario/control.ts';
import { DEFAULT_UNIT_FADE_MINUTES } from '@/lib/projection/selectors.ts';
import { ExerciseClockDisplay } from '@/components/training/ExerciseClockDisplay.tsx';
import { InjectForm } from '@/components/training/InjectForm.tsx';
import { JoinLink } from '@/components/training/JoinLink.tsx';
import { TimelineScrubber } from '@/components/training/TimelineScrubber.tsx';
import { currentMilestone } from '@/components/training/timelineMath.ts';
import { trainingApi, TrainingApiError } from '@/components/training/trainingApi.ts';
import type { SessionView } from '@/lib/contract/training.ts';

export const SPEEDS = [1, 60, 600, 3_600, 86_400] as const;
/** The clock redraws four times a second (smooth at 1×, legible at 3600×); the map and feed once a second, as on the wall. */
const CLOCK_REDRAW_MS = 250;
const SCENE_REDRAW_MS = 1_000;

/** Real time, ticking; each part of the console re-renders only as often as it needs. */
function useTicking(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

function TickingClock({ held }: { held: HeldClock }) {
  const now = useTicking(CLOCK_REDRAW_MS);
  return <ExerciseClockDisplay at={extrapolate(held.state, now - held.receivedAt)} state={held.state} />;
}

type HeldClock = { state: ClockState; receivedAt: number };

export function SessionConsole({ id, onLeave }: { id: string; onLeave: () => void }) {
  const { t } = useI18n();
  const [view, setView] = useState<SessionView | null>(null);
  const [gone, setGone] = useState(false);
  useEffect(() => {
    trainingApi.session(id).then(setView, (e) => setGone(e instanceof TrainingApiError && e.status === 404));
  }, [id]);
  if (gone) {
    return (
      <div className="flex flex-col items-start gap-4 p-6">
        <p role="alert" className="text-2xl text-alert">
          {t('training.error.gone')}
        </p>
        <button type="button" onClick={onLeave} className="rounded-lg border-2 border-line px-5 py-2 text-xl">
          {t('training.session.leave')}
        </button>
      </div>
    );
  }
  return view ? <RunningSession view={view} onLeave={onLeave} /> : null;
}

function RunningSession({ view, onLeave }: { view: SessionView; onLeave: () => void }) {
  const { t, locale } = useI18n();
  const channelView = useChannel(view.channel);
  const config = useClientConfig();
  const unitFadeMinutes = config?.unitFadeMinutes ?? DEFAULT_UNIT_FADE_MINUTES;
  const tileUrl = config?.tileUrl ?? undefined;
  const [held, setHeld] = useState<HeldClock>({ state: view.clock, receivedAt: Date.now() });
  const [restored, setRestored] = useState(view.restored);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const now = useTicking(SCENE_REDRAW_MS);

  // The newest word from the server wins, whether it came as a broadcast or as a control's answer.
  const hold = useCallback((next: HeldClock) => setHeld((h) => (next.state.serverTime >= h.state.serverTime ? next : h)), []);
  useEffect(() => {
    if (channelView.exerciseClock) hold(channelView.exerciseClock);
  }, [channelView.exerciseClock, hold]);

  const exerciseTime = extrapolate(held.state, now - held.receivedAt);
  const range = { start: held.state.start, end: held.state.end };

  async function send(command: ControlCommand) {
    setBusy(true);
    setError(null);
    try {
      hold({ state: await trainingApi.control(view.id, command), receivedAt: Date.now() });
      if (command.action === 'play') setRestored(undefined);
    } catch (e) {
      setError(
        e instanceof TrainingApiError && e.status ? t('training.error.refused', { reason: e.message }) : t('training.error.network'),
      );
    } finally {
      setBusy(false);
    }
  }

  async function end() {
    if (!window.confirm(t('training.session.endConfirm'))) return;
    try {
      await trainingApi.end(view.id);
      onLeave();
    } catch (e) {
      setError(
        e instanceof TrainingApiError && e.status ? t('training.error.refused', { reason: e.message }) : t('training.error.network'),
      );
    }
  }

  const here = currentMilestone(view.scenario.milestones, exerciseTime);
  const speedLabel = (n: number) => t('training.speed.option', { n: formatCount(n, locale) });
  return (
    <div className="flex flex-col">
      <ExerciseBanner />
      <div className="flex flex-wrap items-center justify-between gap-4 border-b-2 border-line px-6 py-3">
        <h2 className="text-2xl font-bold">
          {view.scenario.title[locale]}{' '}
          <span className="font-semibold text-slate-300">· {t('training.session.label', { id: view.id })}</span>
        </h2>
        <div className="flex gap-3">
          <button
            type="button"
            onClick={onLeave}
            className="rounded-lg border-2 border-line px-4 py-2 text-lg font-semibold hover:border-slate-400"
          >
            {t('training.session.leave')}
          </button>
          <button
            type="button"
            onClick={() => void end()}
            className="rounded-lg border-2 border-alert px-4 py-2 text-lg font-semibold text-alert hover:bg-alert hover:text-white"
          >
            {t('training.session.end')}
          </button>
        </div>
      </div>
      {restored && (
        <p role="alert" className="bg-stale px-6 py-2 text-xl font-bold text-black">
          {t('training.restored', { time: formatBothZones(held.state.exerciseTime, locale) })}
        </p>
      )}
      {!view.persistent && <p className="px-6 py-2 text-lg text-stale">{t('training.persist.off')}</p>}
      {channelView.error && (
        <p role="alert" className="bg-alert px-6 py-2 text-xl font-bold text-white">
          {t('training.error.gone')}
        </p>
      )}
      <div className="grid grid-cols-1 gap-5 p-5 xl:grid-cols-[minmax(0,5fr)_minmax(0,6fr)]">
        <div className="flex min-w-0 flex-col gap-5">
          <TickingClock held={held} />
          <div className="flex flex-wrap items-center gap-4">
            {held.state.playing ? (
              <button
                type="button"
                disabled={busy}
                onClick={() => void send({ action: 'pause' })}
                className="min-w-40 rounded-xl bg-amber-300 px-8 py-3 text-3xl font-black text-amber-950 disabled:opacity-60"
              >
                {t('training.pause')}
              </button>
            ) : (
              <button
                type="button"
                disabled={busy || held.state.ended}
                onClick={() => void send({ action: 'play' })}
                className="min-w-40 rounded-xl bg-emerald-400 px-8 py-3 text-3xl font-black text-emerald-950 disabled:opacity-60"
              >
                {t('training.play')}
              </button>
            )}
            <fieldset className="flex flex-wrap items-center gap-2">
              <legend className="sr-only">{t('training.speed')}</legend>
              <span aria-hidden="true" className="text-xl font-semibold">
                {t('training.speed')}
              </span>
              {SPEEDS.map((speed) => (
                <button
                  key={speed}
                  type="button"
                  aria-pressed={held.state.speed === speed}
                  title={t(`training.speed.hint.${speed}`)}
                  disabled={busy}
                  onClick={() => void send({ action: 'speed', speed })}
                  className={`rounded-lg border-2 px-3 py-2 text-xl font-bold tabular-nums ${held.state.speed === speed ? 'border-violet-400 bg-violet-400 text-violet-950' : 'border-line'}`}
                >
                  {speedLabel(speed)}
                </button>
              ))}
            </fieldset>
          </div>
          {error && (
            <p role="alert" className="text-xl text-alert">
              {error}
            </p>
          )}
          <TimelineScrubber
            at={exerciseTime}
            range={range}
            milestones={view.scenario.milestones}
            disabled={busy}
            onSeek={(at) => void send({ action: 'seek', at: new Date(at).toISOString() })}
          />
          <section aria-labelledby="milestones-title" className="flex flex-col gap-2">
            <h2 id="milestones-title" className="text-2xl font-bold">
              {t('training.milestones')}
            </h2>
            <div className="flex flex-wrap gap-2">
              {view.scenario.milestones.map((m) => (
                <button
                  key={m.id}
                  type="button"
                  data-milestone={m.id}
                  aria-current={here?.id === m.id ? 'step' : undefined}
                  disabled={busy}
                  onClick={() => void send({ action: 'seek', milestone: m.id })}
                  className={`rounded-lg border-2 px-3 py-2 text-lg font-semibold ${here?.id === m.id ? 'border-violet-400 bg-violet-950' : 'border-line hover:border-slate-400'}`}
                >
                  {m.title[locale]}
                </button>
              ))}
            </div>
          </section>
          <InjectForm channel={view.channel} exerciseTime={() => extrapolate(held.state, Date.now() - held.receivedAt)} />
          <JoinLink channel={view.channel} />
        </div>
        <section aria-labelledby="view-title" className="flex min-w-0 flex-col gap-3">
          <h2 id="view-title" className="text-2xl font-bold">
            {t('training.view.title')}
          </h2>
          {/* A desk, not a wall: the trainer zooms; the legend would cover most of this smaller map. */}
          <div data-training-map="" className="relative h-[620px] overflow-hidden rounded-xl border-2 border-line">
            <OperationsMap
              picture={channelView.picture}
              now={exerciseTime}
              fadeMinutes={unitFadeMinutes}
              tileUrl={tileUrl}
              zoomable
              showLegend={false}
            />
          </div>
          <EventFeed events={channelView.picture.feed} now={exerciseTime} limit={8} />
        </section>
      </div>
    </div>
  );
}
