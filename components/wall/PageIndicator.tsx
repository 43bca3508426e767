'use client';
/**
 * "2/3" with a dot per page: tells the room that a list turns pages by itself, and where it is. Past
 * MAX_DOTS pages the dots would crowd the heading; the numbers say it alone.
 */
import { useI18n } from '@/components/i18n/I18nProvider.tsx';
import type { Page } from '@/components/wall/paging.ts';

const MAX_DOTS = 5;

export function PageIndicator({ page }: { page: Page<unknown> }) {
  const { t } = useI18n();
  if (page.count <= 1) return null;
  const i = page.index + 1;
  return (
    <span
      data-page-indicator=""
      aria-label={t('wall.pageLabel', { i, n: page.count })}
      className="ml-auto flex shrink-0 items-center gap-2 font-semibold tracking-normal text-slate-200 normal-case tabular-nums"
    >
      {page.count <= MAX_DOTS && (
        <span aria-hidden="true" className="flex gap-1">
          {Array.from({ length: page.count }, (_, n) => (
            <span key={n} className={`size-[0.6rem] rounded-full ${n === page.index ? 'bg-slate-100' : 'bg-line'}`} />
          ))}
        </span>
      )}
      <span aria-hidden="true">{t('wall.page', { i, n: page.count })}</span>
    </span>
  );
}
