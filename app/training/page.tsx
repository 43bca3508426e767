import { I18nProvider } from '@/components/i18n/I18nProvider.tsx';
import { requestLocale } from '@/components/i18n/serverLocale.ts';
import { RealtimeProvider } from '@/components/realtime/RealtimeProvider.tsx';
import { TrainingConsole } from '@/components/training/TrainingConsole.tsx';

// The server lets this page through only for a signed-in trainer or admin.
export const dynamic = 'force-dynamic';

export default async function TrainingPage() {
  return (
    <I18nProvider initialLocale={await requestLocale()}>
      <RealtimeProvider>
        <TrainingConsole />
      </RealtimeProvider>
    </I18nProvider>
  );
}
