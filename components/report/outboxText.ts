/**
 * How a waiting, refused or sent report reads on the phone: one line of what it is, and for a
 * refused one, why, in the officer's language, with the server's own words kept beside it.
 */
import { AGENCIES, countryOf, type Agency } from '@/lib/contract/agencies.ts';
import type { EventInput } from '@/lib/contract/events.ts';
import { ARICA_TIME_ZONE, TACNA_TIME_ZONE } from '@/lib/i18n/format.ts';
import type { MessageKey, Translate } from '@/lib/i18n/messages.ts';
import type { Rejection } from '@/components/report/delivery.ts';
import type { OutboxPayload } from '@/components/report/outboxStore.ts';

/** The officer reads times on their own side's clock: Tacna for Peruvian agencies, Arica otherwise. */
export function officerTimeZone(agency: Agency | undefined): string {
  return agency && countryOf(agency) === 'PE' ? TACNA_TIME_ZONE : ARICA_TIME_ZONE;
}

/** "Incidente · Grupo varado · 47 personas · 9 menores" */
export function summariseReport(event: EventInput, t: Translate): string {
  const parts: string[] = [t(`report.type.${event.type}`)];
  switch (event.type) {
    case 'incident':
      parts.push(t(`report.kind.${event.kind}`), t(`report.severity.${event.severity}`));
      if (event.people !== undefined) parts.push(t('report.summary.people', { n: event.people }));
      if (event.minors) parts.push(t('report.summary.minors', { n: event.minors }));
      parts.push(clip(event.text));
      break;
    case 'patrol.report':
      if (event.people !== undefined) parts.push(t('report.summary.people', { n: event.people }));
      parts.push(clip(event.text));
      break;
    case 'queue.update':
      parts.push(`${t(`post.${event.post}`)} ${t(`direction.${event.direction}`)}`);
      parts.push(t('report.summary.waiting', { n: event.waiting }));
      break;
    case 'unit.position':
      parts.push(`${event.position.lat.toFixed(4)}, ${event.position.lon.toFixed(4)}`);
      break;
    default:
      break;
  }
  return parts.join(' · ');
}

/** One line for what the outbox holds or sent: a report, or an answer to a tasking. */
export function summarisePayload(payload: OutboxPayload, t: Translate): string {
  if (payload.kind === 'report') return summariseReport(payload.event, t);
  const step = payload.action.step;
  if (step.type !== 'tasking.answer') return t(`report.type.${step.type}`);
  const answer = t(`report.tasking.answer.${step.answer}`);
  return [t('report.tasking.summary', { answer }), ...(step.reason ? [clip(step.reason)] : [])].join(' · ');
}

/** The agency a waiting item was written for. */
export function payloadAgency(payload: OutboxPayload): string {
  return payload.kind === 'report' ? payload.event.agency : payload.action.agency;
}

/** Why the server refused a report, as the officer can act on it. */
export function explainRejection(rejection: Rejection, reportAgency: string, signedInAgency: Agency | undefined, t: Translate): string {
  const wrongAgency = rejection.status === 403 && rejection.problems.some((p) => p.field === 'agency');
  if (wrongAgency && signedInAgency) {
    return t('report.rejected.agency', {
      reportAgency: agencyName(reportAgency, t),
      agency: agencyName(signedInAgency, t),
    });
  }
  if (rejection.status === 403) return t('report.rejected.forbidden');
  if (rejection.code === 'invalid_events') return t('report.rejected.invalid');
  return t('report.rejected.other');
}

/** The server's own words: its message and each problem, as sent. */
export function serverWords(rejection: Rejection): string {
  const problems = rejection.problems.map((p) => (p.field ? `${p.field}: ${p.message}` : p.message));
  return [rejection.message, ...problems].join(' — ');
}

export function retryReasonKey(lastError: string | null): MessageKey {
  if (lastError === 'timeout') return 'report.reason.timeout';
  if (lastError?.startsWith('HTTP')) return 'report.reason.server';
  return 'report.reason.network';
}

/** An agency's name; a code this build does not know is shown as it came. */
function agencyName(agency: string, t: Translate): string {
  return isAgency(agency) ? t(`agency.${agency}`) : agency;
}

/** Long texts are cut in the list; the whole text went to the server. */
function clip(text: string, max = 80): string {
  const trimmed = text.trim();
  return trimmed.length > max ? `${trimmed.slice(0, max - 1)}…` : trimmed;
}

function isAgency(code: string): code is Agency {
  return (AGENCIES as readonly string[]).includes(code);
}
