import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { I18nProvider } from '@/components/i18n/I18nProvider.tsx';
import { requestLocale } from '@/components/i18n/serverLocale.ts';
import { RealtimeProvider } from '@/components/realtime/RealtimeProvider.tsx';
import { WallScreen } from '@/components/wall/WallScreen.tsx';
import { channelSchema } from '@/lib/contract/channels.ts';
import { LIVE_CHANNEL } from '@/lib/contract/channelNames.ts';

// The server lets this page through only for a signed-in coordinator, trainer or admin (and, on
// an exercise channel, officers too), and names the viewer with an opaque key (server/http/pages.ts,
// VIEWER_HEADER): the wall keeps its last picture in the browser under it.
export const dynamic = 'force-dynamic';

/** `/wall` follows live operations; `/wall?channel=training:<id>` follows an exercise. */
export default async function WallPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const requested = (await searchParams).channel;
  const channel = channelSchema.safeParse(requested ?? LIVE_CHANNEL);
  if (!channel.success) notFound();
  const viewer = (await headers()).get('x-concordia-viewer') ?? undefined;
  return (
    <I18nProvider initialLocale={await requestLocale()}>
      <RealtimeProvider>
        <WallScreen channel={channel.data} viewer={viewer} />
      </RealtimeProvider>
    </I18nProvider>
  );
}
