/**
 * Bulletins as CAP 1.2 alerts (OASIS Common Alerting Protocol), the form official statements take
 * between agencies and to the public, and an Atom index of a channel's bulletins.
 *
 *   identifier  concordia:<channel>:<agency>:<id>     sender  <agency>@concordia
 *   sent        occurredAt, with its offset (CAP forbids "Z" and fractions of a second)
 *   status      Actual on the live channel, Exercise on a training channel
 *   scope       Public for binational bulletins; Restricted, with a restriction naming the
 *               country, for national-only ones
 *   info        one per language (es, en); a bulletin is written once, in Spanish, so the English
 *               block carries the same words and says so (parameter originalLanguage=es)
 *
 * Built with fast-xml-parser's XMLBuilder, which escapes text and attribute values.
 */
import { XMLBuilder } from 'fast-xml-parser';
import { countryOf } from '../../lib/contract/agencies.ts';
import { isTrainingChannel } from '../../lib/contract/channelNames.ts';
import type { EventOf, StoredEvent } from '../../lib/contract/events.ts';
import { translate } from '../../lib/i18n/messages.ts';

export const CAP_NAMESPACE = 'urn:oasis:names:tc:emergency:cap:1.2';
export const CAP_MEDIA_TYPE = 'application/cap+xml';

export type StoredBulletin = EventOf<'bulletin'> & Pick<StoredEvent, 'channel' | 'seq' | 'receivedAt'>;

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, suppressEmptyNode: true });

export function capIdentifier(bulletin: Pick<StoredBulletin, 'channel' | 'agency' | 'id'>): string {
  return `concordia:${bulletin.channel}:${bulletin.agency}:${bulletin.id}`;
}

/** CAP's dateTime: "2025-12-01T14:55:00-03:00", the offset the sender used, whole seconds. */
export function capDateTime(iso: string): string {
  const offset = /([+-])(\d{2}):?(\d{2})$/.exec(iso);
  const minutes = offset ? (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3])) : 0;
  const local = new Date(Date.parse(iso) + minutes * 60_000).toISOString().slice(0, 19);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${local}${minutes < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;
}

function info(bulletin: StoredBulletin, language: 'es' | 'en') {
  const block: Record<string, unknown> = {
    language,
    category: 'Security',
    event: language === 'es' ? 'Boletín oficial' : 'Official bulletin',
    urgency: 'Unknown',
    severity: 'Unknown',
    certainty: 'Observed',
    senderName: translate(language, `agency.${bulletin.agency}`),
    headline: bulletin.title,
    description: bulletin.text,
  };
  if (language === 'en') block.parameter = { valueName: 'originalLanguage', value: 'es' };
  if (bulletin.position) {
    block.area = {
      areaDesc: 'Arica–Tacna',
      // A point: CAP's circle is "lat,lon radius" with the radius in km.
      circle: `${bulletin.position.lat},${bulletin.position.lon} 0`,
    };
  }
  return block;
}

export function bulletinToCap(bulletin: StoredBulletin): string {
  const exercise = isTrainingChannel(bulletin.channel);
  const country = countryOf(bulletin.agency);
  const restricted = bulletin.releasability === 'national' && country !== null;
  const alert: Record<string, unknown> = {
    '@_xmlns': CAP_NAMESPACE,
    identifier: capIdentifier(bulletin),
    sender: `${bulletin.agency}@concordia`,
    sent: capDateTime(bulletin.occurredAt),
    status: exercise ? 'Exercise' : 'Actual',
    msgType: 'Alert',
    source: bulletin.provenance?.source ?? 'Concordia',
    scope: restricted ? 'Restricted' : 'Public',
  };
  if (restricted) {
    alert.restriction = `National only: releasable to ${translate('en', `country.${country}`)} agencies (${country}) only`;
  }
  if (exercise) alert.note = `EJERCICIO / EXERCISE (${bulletin.channel})`;
  alert.info = [info(bulletin, 'es'), info(bulletin, 'en')];
  return builder.build({ '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' }, alert }) as string;
}

/** An Atom feed of bulletins (newest first), each linking to its CAP alert. */
export function bulletinsToAtom(channel: string, bulletins: StoredBulletin[], baseUrl: string, updated: string): string {
  const entries = bulletins.map((b) => {
    const href = `${baseUrl}/api/cap/${encodeURIComponent(b.id)}?channel=${encodeURIComponent(b.channel)}&agency=${b.agency}`;
    return {
      id: `urn:${capIdentifier(b)}`,
      title: b.title,
      updated: new Date(b.occurredAt).toISOString(),
      author: { name: translate('es', `agency.${b.agency}`) },
      summary: b.text,
      link: { '@_rel': 'alternate', '@_type': CAP_MEDIA_TYPE, '@_href': href },
    };
  });
  const feed = {
    '@_xmlns': 'http://www.w3.org/2005/Atom',
    id: `urn:concordia:${channel}:bulletins`,
    title: `Concordia — ${isTrainingChannel(channel) ? 'EJERCICIO / EXERCISE' : 'boletines / bulletins'} (${channel})`,
    updated,
    link: { '@_rel': 'self', '@_href': `${baseUrl}/api/cap?channel=${encodeURIComponent(channel)}` },
    entry: entries,
  };
  return builder.build({ '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' }, feed }) as string;
}
