'use client';
/**
 * The coordinators' wall display: the live picture of one channel on the map, the queues under
 * it, the open incidents and the feed beside it, with clocks and a connection state that turns
 * into a banner when data goes stale.
 *
 * It opens with no network too: the service worker keeps the page (useOfflineShell) and the
 * subscription keeps the last picture for this viewer, shown marked stale until the server
 * answers, then caught up from its seq.
 */
import { useEffect, useMemo } from 'react';
import { isTrainingChannel, LIVE_CHANNEL } from '@/lib/contract/channelNames.ts';
import { extrapolate } from '@/lib/scenario/clockMath.ts';
import { DEFAULT_FEED_KEEP_MINUTES, DEFAULT_UNIT_FADE_MINUTES } from '@/lib/projection/selectors.ts';
import { ExerciseBanner } from '@/components/shared/ExerciseBanner.tsx';
import { ExerciseStateBadge } from '@/components/shared/ExerciseStateBadge.tsx';
import { ExerciseUnavailable } from '@/components/shared/ExerciseUnavailable.tsx';
import { useClientConfig } from '@/components/config/useClientConfig.ts';
import { OperationsMap } from '@/components/map/OperationsMapLoader.tsx';
import { useChannel } from '@/components/realtime/RealtimeProvider.tsx';
import { ConnectionIndicator } from '@/components/wall/ConnectionIndicator.tsx';
import { AlertBand } from '@/components/wall/AlertBand.tsx';
import { AlertSound } from '@/components/wall/AlertSound.tsx';
import { openAlerts } from '@/components/wall/alertView.ts';
import { describeConnection } from '@/components/shared/connectionState.ts';
import { IncidentList } from '@/components/wall/IncidentList.tsx';
import { LanguageSwitch } from '@/components/shared/LanguageSwitch.tsx';
import { useOfflineShell } from '@/components/shared/useOfflineShell.ts';
import { QueueStrip } from '@/components/wall/QueueStrip.tsx';
import { useNow } from '@/components/wall/useNow.ts';
import { WallClocks } from '@/components/wall/WallClocks.tsx';
import { WallFeed } from '@/components/wall/WallFeed.tsx';
import { WallLayout } from '@/components/wall/WallLayout.tsx';

/** Clocks, ages and staleness are recomputed once a second. */
const TICK_MS = 1_000;

export interface WallScreenProps {
  channel?: string;
  /** Opaque key of who is looking (from the server): the picture is kept in this browser under it. */
  viewer?: string;
}

export function WallScreen({ channel = LIVE_CHANNEL, viewer }: WallScreenProps) {
  const { picture, connection, signedOut, exerciseClock, error } = useChannel(channel, { keepFor: viewer });
  const offlineShell = useOfflineShell('/wall');
  const exercise = isTrainingChannel(channel);
  const config = useClientConfig();
  const unitFadeMinutes = config?.unitFadeMinutes ?? DEFAULT_UNIT_FADE_MINUTES;
  const feedKeepMinutes = config?.feedKeepMinutes ?? DEFAULT_FEED_KEEP_MINUTES;
  const tileUrl = config?.tileUrl ?? undefined;
  // Null until the first tick on the client, so nothing shows an age computed from a wrong clock.
  const now = useNow(TICK_MS);
  const alerts = useMemo(() => openAlerts(picture), [picture]);
  const alertIds = useMemo(() => alerts.map((a) => a.alertId), [alerts]);

  useEffect(() => {
    // A session that ended (logout elsewhere, expiry, revocation) goes back to the login form.
    if (signedOut) window.location.assign(`/login?next=${encodeURIComponent(window.location.pathname + window.location.search)}`);
  }, [signedOut]);

  if (now === null) return null;
  const tone = describeConnection(connection, now).tone;
  const healthy = tone === 'live' || tone === 'neutral';
  // In an exercise the scene runs on the exercise clock: its clocks, ages and fading follow it.
  const exerciseTime = exercise && exerciseClock ? extrapolate(exerciseClock.state, now - exerciseClock.receivedAt) : undefined;
  const sceneNow = exerciseTime ?? now;
  const stale = healthy ? undefined : <ConnectionIndicator connection={connection} now={now} variant="banner" />;
  return (
    <WallLayout
      connectionTone={tone}
      // When the data is not live, the warning takes the full width above everything; an
      // exercise says so above everything, always.
      // An open alert heads every wall until a coordinator acknowledges it.
      banner={
        <>
          <AlertBand alerts={alerts} />
          {exercise && <ExerciseBanner />}
          {exercise && error && <ExerciseUnavailable />}
          {stale}
        </>
      }
      header={
        <>
          {/* An exercise shows no clock until the server has said what time it is in the exercise. */}
          {(!exercise || exerciseTime !== undefined) && <WallClocks now={now} exerciseTime={exerciseTime} />}
          {/* An exercise never shows "EN VIVO": once data flows it says its clock's state instead. */}
          {healthy &&
            (exercise && tone === 'live' ? (
              <ExerciseStateBadge clock={exerciseClock?.state} />
            ) : (
              <ConnectionIndicator connection={connection} now={now} />
            ))}
          <AlertSound openIds={alertIds} />
          <LanguageSwitch />
          {/* For the desk and the tests: whether this wall would open with no network. */}
          <span hidden data-offline-shell={offlineShell} />
        </>
      }
      map={<OperationsMap picture={picture} now={sceneNow} fadeMinutes={unitFadeMinutes} tileUrl={tileUrl} />}
      queues={<QueueStrip picture={picture} now={sceneNow} />}
      side={
        <>
          <IncidentList picture={picture} now={sceneNow} />
          <WallFeed events={picture.feed} now={sceneNow} keepMinutes={feedKeepMinutes} />
        </>
      }
    />
  );
}
