'use client';
/**
 * The coordinators' desk (/coordinar): the same map and picture as the wall, plus what a
 * coordinator acts on — the open alerts (acknowledge), the incident list with filters, the
 * selected incident's history and next steps, and the unit board. Everything is reachable from
 * the keyboard (shortcuts listed at the bottom). Steps go to POST /api/actions on this page's
 * channel, live or an exercise, and come back through the channel like every other event.
 */
import '@/components/desk/desk.css';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { isTrainingChannel, LIVE_CHANNEL } from '@/lib/contract/channelNames.ts';
import { extrapolate } from '@/lib/scenario/clockMath.ts';
import { DEFAULT_UNIT_FADE_MINUTES } from '@/lib/projection/selectors.ts';
import { useI18n } from '@/components/i18n/I18nProvider.tsx';
import { useClientConfig } from '@/components/config/useClientConfig.ts';
import { OperationsMap } from '@/components/map/OperationsMapLoader.tsx';
import { useChannel } from '@/components/realtime/RealtimeProvider.tsx';
import { describeConnection } from '@/components/shared/connectionState.ts';
import { BothClocks } from '@/components/shared/BothClocks.tsx';
import { ExerciseBanner } from '@/components/shared/ExerciseBanner.tsx';
import { LanguageSwitch } from '@/components/shared/LanguageSwitch.tsx';
import { newActionId, sendAction, type ActionResult, type DeskActionInput } from '@/components/desk/actionsClient.ts';
import { DeskAlerts } from '@/components/desk/DeskAlerts.tsx';
import { DeskIncidentList } from '@/components/desk/DeskIncidentList.tsx';
import { DEFAULT_FILTER, deskView, filterIncidents, type DeskAction, type IncidentFilter } from '@/components/desk/deskView.ts';
import { IncidentDetail } from '@/components/desk/IncidentDetail.tsx';
import { shortcutFor } from '@/components/desk/shortcuts.ts';
import { ShortcutHelp } from '@/components/desk/ShortcutHelp.tsx';
import { UnitBoard } from '@/components/desk/UnitBoard.tsx';

const TICK_MS = 1_000;

function useTick(intervalMs: number): number | null {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now());
    const id = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return now;
}

/** Focuses the first element one of the selectors finds. */
function focusFirst(...selectors: string[]): void {
  for (const selector of selectors) {
    const found = document.querySelector<HTMLElement>(selector);
    if (found) return found.focus();
  }
}

const DESK_ACTIONS: readonly DeskAction[] = ['validate', 'return', 'assign', 'transfer', 'close'];
const isDeskAction = (command: string): command is DeskAction => (DESK_ACTIONS as readonly string[]).includes(command);

export function DeskScreen({ channel = LIVE_CHANNEL }: { channel?: string }) {
  const { t } = useI18n();
  const { picture, connection, signedOut, exerciseClock } = useChannel(channel);
  const config = useClientConfig();
  const now = useTick(TICK_MS);
  const exercise = isTrainingChannel(channel);
  const exerciseTime =
    now !== null && exercise && exerciseClock ? extrapolate(exerciseClock.state, now - exerciseClock.receivedAt) : undefined;
  // The channel's time: the exercise clock on an exercise, else real time (overdue marks, ages).
  const sceneNow = exerciseTime ?? now ?? 0;
  const fadeMinutes = config?.unitFadeMinutes ?? DEFAULT_UNIT_FADE_MINUTES;
  const view = useMemo(() => deskView(picture, sceneNow, fadeMinutes), [picture, sceneNow, fadeMinutes]);
  const [filter, setFilter] = useState<IncidentFilter>(DEFAULT_FILTER);
  const [selected, setSelected] = useState<string | null>(null);
  const [requested, setRequested] = useState<{ action: DeskAction; nonce: number } | null>(null);
  const [help, setHelp] = useState(false);
  const [acknowledging, setAcknowledging] = useState<ReadonlySet<string>>(new Set());
  const listed = useMemo(() => filterIncidents(view.incidents, filter), [view.incidents, filter]);
  const incident = view.incidents.find((i) => i.incidentId === selected) ?? null;

  useEffect(() => {
    if (signedOut) window.location.assign(`/login?next=${encodeURIComponent(window.location.pathname + window.location.search)}`);
  }, [signedOut]);

  const act = useCallback((action: DeskActionInput): Promise<ActionResult> => sendAction(channel, newActionId(), action), [channel]);

  const acknowledge = useCallback(
    (alertId: string) => {
      setAcknowledging((s) => new Set(s).add(alertId));
      void act({ type: 'alert.acknowledge', alertId }).finally(() =>
        setAcknowledging((s) => {
          const next = new Set(s);
          next.delete(alertId);
          return next;
        }),
      );
    },
    [act],
  );

  const move = useCallback(
    (by: number) => {
      if (listed.length === 0) return;
      const at = listed.findIndex((i) => i.incidentId === selected);
      const next = listed[Math.min(listed.length - 1, Math.max(0, at === -1 ? 0 : at + by))];
      setSelected(next.incidentId);
      document.querySelector<HTMLElement>(`#desk-list [data-incident-id="${CSS.escape(next.incidentId)}"]`)?.focus();
    },
    [listed, selected],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const command = shortcutFor({
        key: event.key,
        ctrlKey: event.ctrlKey,
        metaKey: event.metaKey,
        altKey: event.altKey,
        target: event.target instanceof HTMLElement ? event.target : null,
      });
      if (!command || command === 'cancel') return;
      event.preventDefault();
      if (command === 'focus-alerts') focusFirst('#desk-alerts button', '#desk-alerts');
      else if (command === 'focus-list') focusFirst('#desk-list [aria-current="true"]', '#desk-list button', '#desk-filter-agency');
      else if (command === 'focus-detail') document.getElementById('desk-detail')?.focus();
      else if (command === 'focus-units') document.getElementById('desk-units')?.focus();
      else if (command === 'next') move(1);
      else if (command === 'previous') move(-1);
      else if (command === 'help') setHelp((h) => !h);
      else if (isDeskAction(command)) setRequested({ action: command, nonce: Date.now() });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [move]);

  if (now === null) return null;
  const tone = describeConnection(connection, now).tone;

  return (
    <div
      data-desk=""
      data-desk-scale=""
      className="grid h-dvh w-dvw grid-cols-[minmax(0,1fr)] grid-rows-[auto_auto_auto_minmax(0,1fr)_auto] overflow-hidden bg-wall text-slate-100"
    >
      <div>{exercise && <ExerciseBanner />}</div>
      <header className="flex min-w-0 items-center gap-4 border-b-2 border-line bg-panel px-4 py-1.5">
        <span className="shrink-0 text-xl font-black tracking-tight text-white">{t('app.name')}</span>
        <h1 className="min-w-0 truncate text-lg font-bold">{t('desk.title')}</h1>
        <div className="ml-auto flex shrink-0 items-center">
          {(!exercise || exerciseTime !== undefined) && <BothClocks now={now} exerciseTime={exerciseTime} size="compact" />}
        </div>
        <span
          role="status"
          data-connection={tone}
          className={`shrink-0 rounded-full px-3 py-0.5 text-sm font-bold ${tone === 'live' ? 'bg-emerald-400 text-black' : tone === 'neutral' ? 'bg-line' : 'bg-stale text-black'}`}
        >
          {tone === 'live' ? t('desk.live') : t('desk.notLive')}
        </span>
        <LanguageSwitch />
      </header>
      <DeskAlerts alerts={view.alerts} onAcknowledge={acknowledge} pending={acknowledging} />
      <main className="grid min-h-0 grid-cols-[minmax(18rem,24rem)_minmax(0,1fr)_minmax(20rem,28rem)]">
        <div className="flex min-h-0 flex-col border-r-2 border-line">
          <DeskIncidentList
            incidents={listed}
            filter={filter}
            onFilter={setFilter}
            selected={selected}
            onSelect={setSelected}
            now={sceneNow}
          />
        </div>
        <div className="grid min-h-0 min-w-0 grid-rows-[minmax(0,1fr)_minmax(0,16rem)]">
          <section aria-label={t('desk.region.map')} data-desk-map="" className="relative min-h-0 min-w-0 overflow-hidden">
            <OperationsMap
              picture={picture}
              now={sceneNow}
              fadeMinutes={fadeMinutes}
              tileUrl={config?.tileUrl ?? undefined}
              showLegend={false}
            />
          </section>
          <div className="min-h-0 overflow-hidden border-t-2 border-line">
            <UnitBoard units={view.units} now={sceneNow} />
          </div>
        </div>
        <section
          id="desk-detail"
          tabIndex={-1}
          aria-label={t('desk.region.detail')}
          className="flex min-h-0 flex-col border-l-2 border-line outline-none focus-visible:ring-4 focus-visible:ring-sky-400"
        >
          <IncidentDetail
            incident={incident}
            units={view.units}
            others={view.incidents.filter((i) => i.incidentId !== selected)}
            requested={requested}
            onAction={act}
          />
        </section>
      </main>
      <ShortcutHelp expanded={help} />
    </div>
  );
}
