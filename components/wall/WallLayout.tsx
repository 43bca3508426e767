'use client';
/**
 * The wall's frame at 1920×1080: an optional full-width banner (exercise, stale warning), a header
 * strip with the app name followed by the `header` slot (clocks, connection indicator, language),
 * then the map on the left ~70% and a side column on the right ~30% that scrolls inside itself.
 * The page itself never scrolls. `connectionTone` (from describeConnection) frames the whole screen
 * in amber (warning) or red (danger), so a frozen picture is obvious from across the room.
 */
import type { ReactNode } from 'react';
import { useI18n } from '@/components/i18n/I18nProvider.tsx';
import type { ConnectionTone } from './connectionState.ts';

export interface WallLayoutProps {
  map: ReactNode;
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

export function WallLayout({ map, side, header, banner, connectionTone }: WallLayoutProps) {
  const { t } = useI18n();
  const frame = connectionTone && FRAME[connectionTone];
  return (
    <div
      data-wall=""
      data-connection-frame={frame ? connectionTone : undefined}
      className="relative grid h-dvh w-dvw grid-rows-[auto_auto_minmax(0,1fr)] overflow-hidden bg-wall text-xl text-[#e8edf5] antialiased"
    >
      <div data-wall-banner="">{banner}</div>
      <header className="flex min-w-0 items-center gap-8 border-b-2 border-line bg-panel px-8 py-3">
        <div className="flex shrink-0 flex-col leading-tight">
          <span className="text-[40px] font-black tracking-tight text-white">{t('app.name')}</span>
          <span className="max-w-[15rem] text-xl text-slate-200">{t('app.tagline')}</span>
        </div>
        {/* wraps rather than squeezes: a stale warning that does not fit moves to a second row */}
        <div className="flex min-w-0 flex-1 flex-wrap items-center justify-end gap-x-8 gap-y-3">{header}</div>
      </header>
      <main className="grid min-h-0 grid-cols-[minmax(0,7fr)_minmax(0,3fr)]">
        <section aria-label={t('wall.region.map')} data-wall-map="" className="relative min-h-0 min-w-0 overflow-hidden">
          {map}
        </section>
        <aside
          aria-label={t('wall.region.side')}
          data-wall-side=""
          className="flex min-h-0 min-w-0 flex-col gap-5 overflow-y-auto overscroll-contain border-l-2 border-line p-4 [scrollbar-color:var(--color-line)_transparent] [scrollbar-width:thin]"
        >
          {side}
        </aside>
      </main>
      {frame && <div aria-hidden="true" className={`pointer-events-none absolute inset-0 z-[2000] border-[10px] ${frame}`} />}
    </div>
  );
}
