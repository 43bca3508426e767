'use client';
/**
 * Every unit with its workflow status (available, assigned, en route, on scene, out of service)
 * and how long it has been in it, grouped by agency in board order; a unit whose tasking is
 * overdue, or that went silent while tasked, is marked in words and colour. Callsigns are never
 * cut: a long one wraps onto a second line of its card.
 */
import { useI18n } from '@/components/i18n/I18nProvider.tsx';
import { formatAge } from '@/lib/i18n/format.ts';
import { AgencyGlyph } from '@/components/map/AgencyGlyph.tsx';
import { WarningIcon } from '@/components/shared/icons.tsx';
import type { DeskUnit } from '@/components/desk/deskView.ts';
import { UNIT_STATUS_STYLE } from '@/components/desk/deskStyle.ts';

export function UnitBoard({ units, now }: { units: DeskUnit[]; now: number }) {
  const { t, locale } = useI18n();
  const overdue = units.filter((u) => u.overdue).length;
  return (
    <section
      id="desk-units"
      tabIndex={-1}
      aria-labelledby="desk-units-title"
      className="flex h-full min-h-0 flex-col gap-2 p-3 outline-none focus-visible:ring-4 focus-visible:ring-sky-400"
    >
      <h2 id="desk-units-title" className="text-lg font-bold">
        {t('desk.units.title')} <span className="text-sm font-normal text-slate-300 tabular-nums">({units.length})</span>
        {overdue > 0 && (
          <span className="ml-2 inline-flex items-center gap-1 rounded bg-alert px-1.5 align-middle text-sm text-white tabular-nums">
            <WarningIcon className="size-4 text-white" mark="var(--color-alert)" />
            {overdue}
          </span>
        )}
      </h2>
      {units.length === 0 ? (
        <p className="text-sm text-slate-300">{t('desk.units.empty')}</p>
      ) : (
        <ul className="relative grid min-h-0 grid-cols-[repeat(auto-fill,minmax(10.5rem,1fr))] gap-1.5 overflow-y-auto" data-unit-board="">
          {units.map((unit) => {
            const age = unit.since !== undefined ? formatAge(now - Date.parse(unit.since), locale) : undefined;
            return (
              <li
                key={unit.key}
                data-unit-key={unit.key}
                data-unit-status={unit.status}
                data-unit-overdue={unit.overdue}
                className={`relative flex min-w-0 flex-col gap-0.5 rounded-md border-2 bg-panel px-2 py-1 text-sm ${unit.overdue ? 'border-alert' : 'border-line'}`}
              >
                <span className="flex min-w-0 items-start gap-2">
                  {/* The glyph (shape and colour) as on the map; the agency's name for screen readers and on hover. */}
                  <span title={t(`agency.${unit.agency}`)} className="mt-0.5 shrink-0">
                    <AgencyGlyph agency={unit.agency} size={18} decorative className="size-[1.1em]" />
                    <span className="sr-only">{t(`agency.${unit.agency}`)}</span>
                  </span>
                  <span className="min-w-0 flex-1 font-bold break-words" data-unit-callsign="">
                    {unit.callsign ?? unit.unitId}
                  </span>
                </span>
                <span className="flex flex-wrap items-center gap-x-2 gap-y-0.5">
                  <span className={`rounded px-1.5 text-xs font-bold whitespace-nowrap ${UNIT_STATUS_STYLE[unit.status]}`}>
                    {t(`desk.unit.${unit.status}`)}
                  </span>
                  {age !== undefined && (
                    <time
                      dateTime={unit.since}
                      className="text-xs whitespace-nowrap text-slate-300 tabular-nums"
                      title={t('desk.units.since', { age })}
                    >
                      {age}
                    </time>
                  )}
                  {unit.overdue && (
                    <span className="flex items-center gap-1 text-xs font-bold text-white" data-overdue={unit.overdue}>
                      <WarningIcon className="size-4 text-alert" mark="white" />
                      {t(`desk.units.overdue.${unit.overdue}`)}
                    </span>
                  )}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
