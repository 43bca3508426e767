import { notFound } from 'next/navigation';
import { I18nProvider } from '@/components/i18n/I18nProvider.tsx';
import { requestLocale } from '@/components/i18n/serverLocale.ts';
import { RealtimeProvider } from '@/components/realtime/RealtimeProvider.tsx';
import { DeskScreen } from '@/components/desk/DeskScreen.tsx';
import { channelSchema } from '@/lib/contract/channels.ts';
import { LIVE_CHANNEL } from '@/lib/contract/channelNames.ts';

// The server lets this page through only for a signed-in coordinator or admin (server/http/pages.ts).
export const dynamic = 'force-dynamic';

/** `/coordinar` acts on live operations; `/coordinar?channel=training:<id>` on an exercise. */
export default async function DeskPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const requested = (await searchParams).channel;
  const channel = channelSchema.safeParse(requested ?? LIVE_CHANNEL);
  if (!channel.success) notFound();
  return (
    <I18nProvider initialLocale={await requestLocale()}>
      <RealtimeProvider>
        <DeskScreen channel={channel.data} />
      </RealtimeProvider>
    </I18nProvider>
  );
}
