'use client';
/**
 * The wall's frame, one layout for every 16:9 screen it meets (1280×720 projectors to 3840×2160
 * panels): an optional full-width banner (exercise, stale warning), a one-row header (name,
 * clocks, connection state, language), then the map with the queue strip under it on the left
 * and the incidents and feed on the right. Nothing scrolls: the page marks itself
 * `data-room-scale`, so the root font-size follows the viewport (app/globals.css) and every size
 * here, in rem, keeps its physical size on any panel. `connectionTone` (from describeConnection)
 * frames the whole screen in amber (warning) or red (danger), so a frozen picture is obvious from
 * across the room.
 */
import type { ReactNode } from 'react';
import { useI18n } from '@/components/i18n/I18nProvider.tsx';
import type { ConnectionTone } from '@/components/shared/connectionState.ts';

export interface WallLayoutProps {
  map: ReactNode;
  /** Under the map: one tile per post and direction. */
  queues: ReactNode;
  side: ReactNode;
  header: ReactNode;
  banner?: ReactNode;
  /** `describeConnection(connection, now).tone`: 'warning' and 'danger' frame the screen; others do nothing. */
  connectionTone?: ConnectionTone;
}

const FRAME: Partial<Record<ConnectionTone, string>> = {
  warning: 'border-stale',
  danger: 'border-alert',
};

export function WallLayout({ map, queues, side, header, banner, connectionTone }: WallLayoutProps) {
  const { t } = useI18n();
  const frame = connectionTone && FRAME[connectionTone];
  return (
    <div
      data-wall=""
      data-room-scale=""
      data-connection-frame={frame ? connectionTone : undefined}
      className="relative grid h-dvh w-dvw grid-rows-[auto_auto_minmax(0,1fr)] overflow-hidden bg-wall text-[1.25rem] text-[#e8edf5] antialiased"
    >
      <div data-wall-banner="">{banner}</div>
      <header className="flex min-w-0 items-center gap-8 border-b-2 border-line bg-panel px-6 py-2">
        <span className="shrink-0 text-[2.25rem] font-black tracking-tight text-white">{t('app.name')}</span>
        <div className="flex min-w-0 flex-1 items-center justify-end gap-8">{header}</div>
      </header>
      <main className="grid min-h-0 grid-cols-[minmax(0,62fr)_minmax(0,38fr)]">
        <div className="grid min-h-0 min-w-0 grid-rows-[minmax(0,1fr)_auto]">
          <section aria-label={t('wall.region.map')} data-wall-map="" className="relative min-h-0 min-w-0 overflow-hidden">
            {map}
          </section>
          <section aria-label={t('wall.queues.region')} data-wall-queues="" className="min-w-0 border-t-2 border-line p-3">
            {queues}
          </section>
        </div>
        <aside
          aria-label={t('wall.region.side')}
          data-wall-side=""
          className="flex min-h-0 min-w-0 flex-col gap-4 overflow-hidden border-l-2 border-line p-4"
        >
          {side}
        </aside>
      </main>
      {frame && <div aria-hidden="true" className={`pointer-events-none absolute inset-0 z-[2000] border-[10px] ${frame}`} />}
    </div>
  );
}
