import { I18nProvider } from '@/components/i18n/I18nProvider.tsx';
import { requestLocale } from '@/components/i18n/serverLocale.ts';
import { RealtimeProvider } from '@/components/realtime/RealtimeProvider.tsx';
import { WallScreen } from '@/components/wall/WallScreen.tsx';

// The server lets this page through only for a signed-in coordinator, trainer or admin.
export const dynamic = 'force-dynamic';

export default async function WallPage() {
  return (
    <I18nProvider initialLocale={await requestLocale()}>
      <RealtimeProvider>
        <WallScreen />
      </RealtimeProvider>
    </I18nProvider>
  );
}
