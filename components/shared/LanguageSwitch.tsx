'use client';
/** Switches the wall between Spanish and English; the button names the language it switches to. */
import { useI18n } from '@/components/i18n/I18nProvider.tsx';
import type { Locale } from '@/lib/i18n/locale.ts';

export function LanguageSwitch() {
  const { locale, t, setLocale } = useI18n();
  const other: Locale = locale === 'es' ? 'en' : 'es';
  return (
    <button
      type="button"
      lang={other}
      title={t('lang.label')}
      onClick={() => setLocale(other)}
      className="inline-flex items-center gap-2 rounded-lg border-2 border-line bg-panel shrink-0 px-3 py-1.5 text-[1.25rem] font-semibold text-slate-100 hover:border-slate-400 focus-visible:outline-4 focus-visible:outline-offset-2 focus-visible:outline-sky-400"
    >
      <svg aria-hidden="true" viewBox="0 0 24 24" className="size-[1.5rem] shrink-0" fill="none" stroke="currentColor" strokeWidth="2">
        <circle cx="12" cy="12" r="9.5" />
        <path d="M2.5 12h19M12 2.5c3 3.2 3 15.8 0 19M12 2.5c-3 3.2-3 15.8 0 19" />
      </svg>
      {t('lang.switch')}
    </button>
  );
}
