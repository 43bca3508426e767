'use client';
/**
 * The scenario from end to end: a slider (keyboard and pointer) that seeks when released, with a
 * mark for every milestone. While dragging it shows the instant it will jump to, in both zones.
 */
import { useState } from 'react';
import { useI18n } from '@/components/i18n/I18nProvider.tsx';
import { formatBothZones, formatDate, ARICA_TIME_ZONE } from '@/lib/i18n/format.ts';
import type { Milestone } from '@/lib/scenario/scenarioFile.ts';
import { fractionOf, instantAt, milestoneMarks, type Range } from '@/components/training/timelineMath.ts';

const STEPS = 10_000;

export function TimelineScrubber(props: {
  at: number;
  range: Range;
  milestones: Milestone[];
  onSeek: (at: number) => void;
  disabled?: boolean;
}) {
  const { t, locale } = useI18n();
  const { at, range, milestones, onSeek } = props;
  const [dragging, setDragging] = useState<number | null>(null);
  const shown = dragging ?? fractionOf(at, range);
  const target = instantAt(shown, range);
  const commit = () => {
    if (dragging === null) return;
    setDragging(null);
    onSeek(instantAt(dragging, range));
  };
  return (
    <section aria-labelledby="timeline-title" className="flex flex-col gap-2">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="timeline-title" className="text-2xl font-bold">
          {t('training.timeline')}
        </h2>
        <span className="text-lg text-slate-200">
          {dragging === null
            ? t('training.timeline.hint')
            : t('training.timeline.target', { time: `${formatDate(target, ARICA_TIME_ZONE, locale)} ${formatBothZones(target, locale)}` })}
        </span>
      </div>
      <div className="relative pt-8">
        {milestoneMarks(milestones, range).map(({ milestone, left }) => (
          <span
            key={milestone.id}
            aria-hidden="true"
            title={milestone.title[locale]}
            className="absolute top-0 h-7 w-1 -translate-x-1/2 rounded bg-violet-300"
            style={{ left: `${left}%` }}
          />
        ))}
        <input
          type="range"
          min={0}
          max={STEPS}
          value={Math.round(shown * STEPS)}
          disabled={props.disabled}
          aria-label={t('training.timeline')}
          aria-valuetext={formatBothZones(target, locale)}
          onChange={(e) => setDragging(Number(e.currentTarget.value) / STEPS)}
          onPointerUp={commit}
          onKeyUp={commit}
          onBlur={commit}
          className="h-4 w-full cursor-pointer accent-violet-400"
        />
        <div className="flex justify-between text-lg text-slate-300">
          <span>{formatDate(range.start, ARICA_TIME_ZONE, locale)}</span>
          <span>{formatDate(range.end, ARICA_TIME_ZONE, locale)}</span>
        </div>
      </div>
    </section>
  );
}
