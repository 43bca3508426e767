'use client';
/**
 * The wall's alert sound: an "Activar sonido" button (the one interaction the browser's autoplay
 * rules ask for, pressed at set-up) and one <audio> element that plays public/sounds/alert.wav
 * once for each new alert (AlertChime). The element counts what it played in `data-played`, for
 * the desk's tests and for anyone checking a wall from the browser's tools.
 */
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '@/components/i18n/I18nProvider.tsx';
import { AlertChime } from '@/components/wall/alertChime.ts';

export const ALERT_SOUND_URL = '/sounds/alert.wav';

export function AlertSound({ openIds }: { openIds: readonly string[] }) {
  const { t } = useI18n();
  const audio = useRef<HTMLAudioElement>(null);
  const chime = useRef(new AlertChime());
  const [state, setState] = useState<'off' | 'on' | 'blocked'>('off');
  const [played, setPlayed] = useState(0);
  const latest = useRef(openIds);
  latest.current = openIds;

  useEffect(() => {
    const fresh = chime.current.update(openIds);
    const element = audio.current;
    if (fresh.length === 0 || !element) return;
    // Several alerts in one batch sound once: the band lists them all.
    element.currentTime = 0;
    element.play().then(
      () => setPlayed((n) => n + 1),
      () => setState('blocked'),
    );
  }, [openIds]);

  const enable = () => {
    const element = audio.current;
    if (!element) return;
    // Played silently inside the click: the browser then lets this page play it later unprompted.
    element.muted = true;
    element.play().then(
      () => {
        element.pause();
        element.currentTime = 0;
        element.muted = false;
        chime.current.arm(latest.current);
        setState('on');
      },
      () => {
        element.muted = false;
        setState('blocked');
      },
    );
  };

  return (
    <>
      <audio ref={audio} src={ALERT_SOUND_URL} preload="auto" data-alert-audio="" data-played={played} />
      {state === 'on' ? (
        <span
          data-sound="on"
          title={t('alert.sound.hint')}
          className="shrink-0 rounded-lg border-2 border-emerald-400 px-3 py-1.5 text-[1.25rem] font-semibold whitespace-nowrap text-emerald-200"
        >
          {t('alert.sound.on')}
        </span>
      ) : (
        <button
          type="button"
          data-sound={state}
          onClick={enable}
          title={t('alert.sound.hint')}
          className="shrink-0 rounded-lg border-2 border-stale bg-stale/20 px-3 py-1.5 text-[1.25rem] font-bold whitespace-nowrap text-white hover:bg-stale/40 focus-visible:outline-4 focus-visible:outline-offset-2 focus-visible:outline-sky-400"
        >
          {state === 'blocked' ? t('alert.sound.blocked') : t('alert.sound.enable')}
        </button>
      )}
    </>
  );
}
