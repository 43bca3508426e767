import type { Metadata } from 'next';
import { I18nProvider } from '@/components/i18n/I18nProvider.tsx';
import { requestLocale } from '@/components/i18n/serverLocale.ts';
import { WaitTimesBoard } from '@/components/public/WaitTimesBoard.tsx';

export const metadata: Metadata = {
  title: 'Tiempos de espera · Border wait times — Arica–Tacna',
  description: 'Personas en fila y espera estimada en Chacalluta y Santa Rosa',
};

/** Public: no sign-in (the page guard lists no roles for it); the data comes from the public feed. */
export default async function WaitTimesPage() {
  return (
    <I18nProvider initialLocale={await requestLocale()}>
      <WaitTimesBoard />
    </I18nProvider>
  );
}
