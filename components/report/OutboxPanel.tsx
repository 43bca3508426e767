'use client';
/**
 * What waits on the phone and what already went. A refused report stays until the officer
 * corrects or discards it, with the reason in their language and the server's own words.
 */
import { useState } from 'react';
import { useI18n } from '@/components/i18n/I18nProvider.tsx';
import type { Agency } from '@/lib/contract/agencies.ts';
import { isTrainingChannel } from '@/lib/contract/channelNames.ts';
import { formatTime } from '@/lib/i18n/format.ts';
import { Section } from '@/components/report/formControls.tsx';
import type { OutboxItem, SentItem } from '@/components/report/outboxStore.ts';
import {
  explainRejection,
  officerTimeZone,
  payloadAgency,
  retryReasonKey,
  serverWords,
  summarisePayload,
} from '@/components/report/outboxText.ts';

/** Within this, "in a few seconds" reads better than a clock time. */
const SOON_MS = 15_000;

export function OutboxPanel({
  items,
  agency,
  onDiscard,
  onEdit,
  editableChannel,
}: {
  items: OutboxItem[];
  agency: Agency | undefined;
  onDiscard: (id: string) => void;
  onEdit: (id: string) => void;
  /**
   * Only a report of this page's own channel comes back into its form: edited here, it is sent
   * here, so a report written in an exercise is never corrected into live (or the other way).
   */
  editableChannel: string | null;
}) {
  const { t } = useI18n();
  return (
    <Section id="report-outbox-title" title={t('report.outbox.title')}>
      {items.length === 0 ? (
        <p className="mt-2 text-lg">{t('report.outbox.empty')}</p>
      ) : (
        <ol className="mt-3 flex flex-col gap-3" data-outbox-list="">
          {items.map((item) => (
            <OutboxEntry
              key={item.id}
              item={item}
              agency={agency}
              onDiscard={onDiscard}
              onEdit={item.kind === 'report' && item.channel === editableChannel ? onEdit : null}
            />
          ))}
        </ol>
      )}
    </Section>
  );
}

function OutboxEntry({
  item,
  agency,
  onDiscard,
  onEdit,
}: {
  item: OutboxItem;
  agency: Agency | undefined;
  onDiscard: (id: string) => void;
  onEdit: ((id: string) => void) | null;
}) {
  const { t, locale } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const zone = officerTimeZone(agency);
  const rejected = item.state === 'rejected' && item.rejection;

  let state: string;
  if (rejected) state = t('report.outbox.rejected');
  else if (item.attempts > 0) {
    const soon = item.nextAttemptAt - Date.now() < SOON_MS;
    const when = soon ? t('report.when.soon') : t('report.when.at', { time: formatTime(item.nextAttemptAt, zone, locale, true) });
    state = t('report.outbox.retrying', { n: item.attempts, reason: t(retryReasonKey(item.lastError)), when });
  } else state = t('report.outbox.waiting');

  return (
    <li
      data-outbox-id={item.id}
      data-outbox-state={item.state}
      data-outbox-channel={item.channel}
      data-outbox-kind={item.kind}
      className={`rounded-xl border-[3px] p-3 ${rejected ? 'border-red-700 bg-red-50' : 'border-black bg-amber-50'}`}
    >
      <p className="text-lg font-bold">
        {isTrainingChannel(item.channel) && <ExerciseTag />}
        {summarisePayload(item, t)}
      </p>
      <p className="text-base">
        {formatTime(item.createdAt, zone, locale)} · <span className={rejected ? 'font-bold text-red-800' : ''}>{state}</span>
      </p>
      {rejected && item.rejection && (
        <>
          <p role="alert" className="mt-2 text-lg font-semibold text-red-900">
            {explainRejection(item.rejection, payloadAgency(item), agency, t)}
          </p>
          <p className="mt-1 text-base break-words text-neutral-900">
            {t('report.rejected.server', { message: serverWords(item.rejection) })}
          </p>
          <div className={`mt-3 grid gap-2 ${onEdit ? 'grid-cols-2' : 'grid-cols-1'}`}>
            {onEdit && (
              <button
                type="button"
                onClick={() => onEdit(item.id)}
                className="min-h-14 rounded-xl border-[3px] border-black bg-white px-3 text-lg font-bold"
              >
                {t('report.outbox.edit')}
              </button>
            )}
            <button
              type="button"
              onClick={() => (confirming ? onDiscard(item.id) : setConfirming(true))}
              className={`min-h-14 rounded-xl border-[3px] px-3 text-lg font-bold ${confirming ? 'border-red-800 bg-red-800 text-white' : 'border-red-800 bg-white text-red-800'}`}
            >
              {confirming ? t('report.outbox.confirmDiscard') : t('report.outbox.discard')}
            </button>
          </div>
        </>
      )}
    </li>
  );
}

export function SentList({ sent, agency }: { sent: SentItem[]; agency: Agency | undefined }) {
  const { t, locale } = useI18n();
  if (sent.length === 0) return null;
  const zone = officerTimeZone(agency);
  return (
    <Section id="report-sent-title" title={t('report.sent.title')}>
      <ol className="mt-3 flex flex-col gap-2" data-sent-list="">
        {sent.map((item) => (
          <li
            key={item.id}
            data-sent-id={item.id}
            data-sent-channel={item.channel}
            className="rounded-xl border-2 border-green-800 bg-green-50 p-3"
          >
            <p className="text-lg font-semibold">
              <span aria-hidden="true">✓ </span>
              {isTrainingChannel(item.channel) && <ExerciseTag />}
              {summarisePayload(item, t)}
            </p>
            <p className="text-base">
              {t('report.sent.at', { time: formatTime(item.sentAt, zone, locale) })}
              {item.duplicate && ` · ${t('report.sent.duplicate')}`}
            </p>
          </li>
        ))}
      </ol>
    </Section>
  );
}

/** Marks a report written in an exercise, so it is never taken for a real one. */
function ExerciseTag() {
  const { t } = useI18n();
  return (
    <span className="mr-2 rounded-md bg-violet-700 px-2 py-0.5 text-base font-black tracking-wide text-white">
      {t('report.exercise.tag')}
    </span>
  );
}
