import { notFound } from 'next/navigation';
import { I18nProvider } from '@/components/i18n/I18nProvider.tsx';
import { requestLocale } from '@/components/i18n/serverLocale.ts';
import { HandoverScreen } from '@/components/handover/HandoverScreen.tsx';
import { periodFromAddress } from '@/components/handover/period.ts';
import { channelSchema } from '@/lib/contract/channels.ts';
import { isTrainingChannel, LIVE_CHANNEL } from '@/lib/contract/channelNames.ts';

// The server lets this page through only for a signed-in coordinator or admin (server/http/pages.ts).
export const dynamic = 'force-dynamic';

export const metadata = { title: 'Concordia · Relevo' };

/** The server's clock, read once per request: the default period ends now. */
const currentTime = () => Date.now();
const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
/**
 * `/relevo` shows the brief of the last 12 h; `?from=&to=` (ISO 8601) of any other period, and
 * `?period=currentShift|previousShift` of a shift; `?channel=training:<id>` of an exercise.
 */
export default async function HandoverPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const channel = channelSchema.safeParse(one(params.channel) ?? LIVE_CHANNEL);
  if (!channel.success) notFound();
  const now = currentTime();
  // On an exercise, "now" is its clock: without a period the API chooses the 12 h before it.
  const { period, choice, given } = periodFromAddress({ from: one(params.from), to: one(params.to), period: one(params.period) }, now);
  return (
    <I18nProvider initialLocale={await requestLocale()}>
      <HandoverScreen
        channel={channel.data}
        initial={given || !isTrainingChannel(channel.data) ? period : null}
        initialChoice={choice}
        now={now}
      />
    </I18nProvider>
  );
}
