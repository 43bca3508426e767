'use client';
/** Every unit with its status and how long it has been in it, grouped by agency in board order. */
import { useI18n } from '@/components/i18n/I18nProvider.tsx';
import { formatAge } from '@/lib/i18n/format.ts';
import { AgencyGlyph } from '@/components/map/AgencyGlyph.tsx';
import type { DeskUnit } from '@/components/desk/deskView.ts';
import { UNIT_STATUS_STYLE } from '@/components/desk/deskStyle.ts';

export function UnitBoard({ units, now }: { units: DeskUnit[]; now: number }) {
  const { t, locale } = useI18n();
  return (
    <section
      id="desk-units"
      tabIndex={-1}
      aria-labelledby="desk-units-title"
      className="flex h-full min-h-0 flex-col gap-2 p-3 outline-none focus-visible:ring-4 focus-visible:ring-sky-400"
    >
      <h2 id="desk-units-title" className="text-lg font-bold">
        {t('desk.units.title')} <span className="text-sm font-normal text-slate-300 tabular-nums">({units.length})</span>
      </h2>
      {units.length === 0 ? (
        <p className="text-sm text-slate-300">{t('desk.units.empty')}</p>
      ) : (
        <ul className="relative grid min-h-0 grid-cols-[repeat(auto-fill,minmax(15rem,1fr))] gap-1.5 overflow-y-auto" data-unit-board="">
          {units.map((unit) => (
            <li
              key={unit.key}
              data-unit-key={unit.key}
              data-unit-status={unit.status}
              className="relative flex min-w-0 items-center gap-2 rounded-md border-2 border-line bg-panel px-2 py-1 text-sm"
            >
              {/* The glyph (shape and colour) as on the map; the agency's name for screen readers and on hover. */}
              <span title={t(`agency.${unit.agency}`)} className="shrink-0">
                <AgencyGlyph agency={unit.agency} size={18} decorative className="size-[1.1em]" />
                <span className="sr-only">{t(`agency.${unit.agency}`)}</span>
              </span>
              <span className="min-w-0 flex-1 truncate font-bold" title={unit.callsign ?? unit.unitId}>
                {unit.callsign ?? unit.unitId}
              </span>
              <span className={`shrink-0 rounded px-1.5 text-xs font-bold ${UNIT_STATUS_STYLE[unit.status]}`}>
                {t(`desk.unit.${unit.status}`)}
              </span>
              <time
                dateTime={unit.since}
                className="shrink-0 text-xs text-slate-400 tabular-nums"
                title={t('desk.units.since', { age: formatAge(now - Date.parse(unit.since), locale) })}
              >
                {formatAge(now - Date.parse(unit.since), locale)}
              </time>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
