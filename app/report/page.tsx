import type { Metadata } from 'next';
import { I18nProvider } from '@/components/i18n/I18nProvider.tsx';
import { requestLocale } from '@/components/i18n/serverLocale.ts';
import { ReportScreen } from '@/components/report/ReportScreen.tsx';
import { RealtimeProvider } from '@/components/realtime/RealtimeProvider.tsx';

// The server lets this page through only for a signed-in officer or admin. Nothing about the
// officer is rendered here (the page asks /api/session), so the service worker's saved copy
// of this page holds no personal data.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: 'Concordia · Reporte de campo',
};

export default async function ReportPage() {
  return (
    <I18nProvider initialLocale={await requestLocale()}>
      {/* The socket brings the officer's taskings; reports still go through the outbox over HTTP. */}
      <RealtimeProvider>
        <ReportScreen />
      </RealtimeProvider>
    </I18nProvider>
  );
}
