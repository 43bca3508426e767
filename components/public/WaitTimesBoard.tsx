'use client';
/**
 * The public wait-time page: one card per border post, the people in line and the estimated wait
 * per direction, when it was reported (Arica and Tacna time). Large type and strong contrast: it
 * is read on a phone in the sun, in a queue.
 */
import { useI18n } from '@/components/i18n/I18nProvider.tsx';
import type { WaitTime } from '@/lib/contract/waitTimes.ts';
import { BORDER_POSTS, BORDER_POST_IDS, type BorderPostId } from '@/lib/geo/borderPosts.ts';
import { formatAge, formatBothZones, formatCount } from '@/lib/i18n/format.ts';
import type { Locale } from '@/lib/i18n/locale.ts';
import type { MessageKey } from '@/lib/i18n/messages.ts';
import { useWaitTimes } from '@/components/public/useWaitTimes.ts';

export function WaitTimesBoard() {
  const { t, locale, setLocale } = useI18n();
  const { reply, failed } = useWaitTimes();
  const other: Locale = locale === 'es' ? 'en' : 'es';
  const rowsOf = (post: BorderPostId) => reply?.waitTimes.filter((w) => w.post === post) ?? [];

  return (
    <div className="min-h-screen bg-white text-black">
      <main className="mx-auto max-w-5xl px-4 py-4">
        <header className="flex items-start justify-between gap-3 border-b-4 border-black pb-3">
          <div>
            <h1 className="text-3xl leading-tight font-extrabold">{t('public.title')}</h1>
            <p className="text-lg font-semibold">{t('public.subtitle')}</p>
          </div>
          <button
            type="button"
            lang={other}
            onClick={() => setLocale(other)}
            className="min-h-12 shrink-0 rounded-xl border-[3px] border-black px-3 text-lg font-bold"
          >
            {t('lang.switch')}
          </button>
        </header>

        {failed && (
          <p role="alert" className="mt-3 rounded-lg border-[3px] border-black bg-yellow-200 p-3 text-lg font-semibold">
            {t('public.error')}
          </p>
        )}

        {!reply && !failed ? (
          <p className="mt-6 text-xl">{t('public.loading')}</p>
        ) : (
          <div className="mt-4 grid gap-4 md:grid-cols-2">
            {BORDER_POST_IDS.map((post) => (
              <section key={post} aria-labelledby={`post-${post}`} className="rounded-2xl border-4 border-black p-4">
                <h2 id={`post-${post}`} className="text-2xl font-extrabold">
                  {BORDER_POSTS[post].name}
                </h2>
                {rowsOf(post).length === 0 ? (
                  <p className="mt-2 text-lg">{t('public.none')}</p>
                ) : (
                  rowsOf(post).map((row) => <DirectionRow key={row.direction} row={row} now={Date.parse(reply!.generatedAt)} />)
                )}
              </section>
            ))}
          </div>
        )}

        <footer className="mt-6 space-y-1 text-base">
          {reply && <p>{t('public.refreshed', { time: formatBothZones(reply.generatedAt, locale) })}</p>}
          <p>{t('public.note')}</p>
          <p>
            {t('public.openData')}:{' '}
            <a className="font-semibold underline" href="/api/public/wait-times">JSON</a> ·{' '}
            <a className="font-semibold underline" href="/api/public/wait-times.csv">CSV</a>
          </p>
        </footer>
      </main>
    </div>
  );
}

function DirectionRow({ row, now }: { row: WaitTime; now: number }) {
  const { t, locale } = useI18n();
  const wait = row.waitMinutes === undefined ? t('public.wait.unknown') : t('public.wait', { duration: duration(row.waitMinutes, t) });
  return (
    <div className="mt-3 border-t-2 border-black pt-3" data-wait-row={`${row.post}/${row.direction}`}>
      <h3 className="text-xl font-bold">{t(`direction.${row.direction}`)}</h3>
      <p className="mt-1">
        <span className="text-5xl font-extrabold tabular-nums">{formatCount(row.waiting, locale)}</span>{' '}
        <span className="text-xl">{t('public.waiting')}</span>
      </p>
      <p className="mt-1 text-xl font-semibold">{wait}</p>
      <p className="mt-1 text-base">
        {t('public.updated', { time: formatBothZones(row.updatedAt, locale), age: formatAge(now - Date.parse(row.updatedAt), locale) })}
      </p>
    </div>
  );
}

function duration(minutes: number, t: (key: MessageKey, params?: Record<string, string | number>) => string): string {
  if (minutes < 60) return t('public.minutes', { n: minutes });
  return t('public.hours', { h: Math.floor(minutes / 60), m: minutes % 60 });
}
