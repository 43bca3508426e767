'use client';
/** Injects an exercise event into the session, at the current exercise time or a few minutes on. */
import { useState, type FormEvent } from 'react';
import { useI18n } from '@/components/i18n/I18nProvider.tsx';
import { AGENCIES } from '@/lib/contract/agencies.ts';
import { INCIDENT_KINDS, SEVERITIES } from '@/lib/contract/vocabulary.ts';
import { formatBothZones } from '@/lib/i18n/format.ts';
import type { MessageKey } from '@/lib/i18n/messages.ts';
import { buildInject, INJECT_PLACES, INJECT_TYPES, type InjectDraft, type InjectPlace } from '@/components/training/injectEvent.ts';
import { trainingApi, TrainingApiError } from '@/components/training/trainingApi.ts';

const FIELD = 'rounded-lg border-2 border-line bg-wall px-3 py-2 text-xl text-white';
const LABEL = 'flex flex-col gap-1 text-lg font-semibold';

const INITIAL: InjectDraft = {
  type: 'incident',
  agency: 'pnp',
  place: 'linea',
  delayMinutes: 0,
  text: '',
  headline: '',
  kind: 'crossing',
  severity: 'high',
  people: '',
  waiting: '',
};

export function InjectForm({ channel, exerciseTime }: { channel: string; exerciseTime: () => number }) {
  const { t, locale } = useI18n();
  const [draft, setDraft] = useState(INITIAL);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [sending, setSending] = useState(false);
  const set = <K extends keyof InjectDraft>(key: K, value: InjectDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    const built = buildInject(draft, exerciseTime(), crypto.randomUUID());
    if (!built.ok) {
      setMessage({ ok: false, text: t('training.inject.failed', { reason: t(fieldLabel(built.field)) }) });
      return;
    }
    setSending(true);
    try {
      await trainingApi.inject(channel, built.event);
      setMessage({ ok: true, text: t('training.inject.sent', { time: formatBothZones(built.event.occurredAt, locale) }) });
      setDraft((d) => ({ ...d, text: '', headline: '' }));
    } catch (error) {
      const reason = error instanceof TrainingApiError && error.status !== 0 ? error.message : t('training.error.network');
      setMessage({ ok: false, text: t('training.inject.failed', { reason }) });
    } finally {
      setSending(false);
    }
  }

  return (
    <form onSubmit={submit} aria-labelledby="inject-title" className="flex flex-col gap-3 rounded-xl border-2 border-line bg-panel p-4">
      <h2 id="inject-title" className="text-2xl font-bold">
        {t('training.inject.title')}
      </h2>
      <div className="grid grid-cols-2 gap-3">
        <label className={LABEL}>
          {t('training.inject.type')}
          <select className={FIELD} value={draft.type} onChange={(e) => set('type', e.currentTarget.value as InjectDraft['type'])}>
            {INJECT_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`training.inject.type.${type}`)}
              </option>
            ))}
          </select>
        </label>
        <label className={LABEL}>
          {t('training.inject.agency')}
          <select className={FIELD} value={draft.agency} onChange={(e) => set('agency', e.currentTarget.value as InjectDraft['agency'])}>
            {AGENCIES.map((agency) => (
              <option key={agency} value={agency}>
                {t(`agency.${agency}`)}
              </option>
            ))}
          </select>
        </label>
        <label className={LABEL}>
          {t('training.inject.place')}
          <select className={FIELD} value={draft.place} onChange={(e) => set('place', e.currentTarget.value as InjectDraft['place'])}>
            {(Object.keys(INJECT_PLACES) as InjectPlace[])
              .filter((p) => draft.type !== 'queue' || p === 'santa-rosa' || p === 'chacalluta')
              .map((place) => (
                <option key={place} value={place}>
                  {t(`training.place.${place}`)}
                </option>
              ))}
          </select>
        </label>
        <label className={LABEL}>
          {t('training.inject.delay')}
          <input
            className={FIELD}
            type="number"
            min={0}
            max={1440}
            value={draft.delayMinutes}
            onChange={(e) => set('delayMinutes', Math.max(0, Number(e.currentTarget.value) || 0))}
          />
        </label>
        {draft.type === 'incident' && (
          <>
            <label className={LABEL}>
              {t('training.inject.kind')}
              <select className={FIELD} value={draft.kind} onChange={(e) => set('kind', e.currentTarget.value as InjectDraft['kind'])}>
                {INCIDENT_KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {t(`wall.kind.${kind}`)}
                  </option>
                ))}
              </select>
            </label>
            <label className={LABEL}>
              {t('training.inject.severity')}
              <select
                className={FIELD}
                value={draft.severity}
                onChange={(e) => set('severity', e.currentTarget.value as InjectDraft['severity'])}
              >
                {SEVERITIES.map((s) => (
                  <option key={s} value={s}>
                    {t(`wall.severity.${s}`)}
                  </option>
                ))}
              </select>
            </label>
            <label className={LABEL}>
              {t('training.inject.people')}
              <input className={FIELD} inputMode="numeric" value={draft.people} onChange={(e) => set('people', e.currentTarget.value)} />
            </label>
          </>
        )}
        {draft.type === 'queue' && (
          <label className={LABEL}>
            {t('training.inject.waiting')}
            <input className={FIELD} inputMode="numeric" value={draft.waiting} onChange={(e) => set('waiting', e.currentTarget.value)} />
          </label>
        )}
        {draft.type === 'bulletin' && (
          <label className={`${LABEL} col-span-2`}>
            {t('training.inject.headline')}
            <input className={FIELD} maxLength={120} value={draft.headline} onChange={(e) => set('headline', e.currentTarget.value)} />
          </label>
        )}
        {draft.type !== 'queue' && (
          <label className={`${LABEL} col-span-2`}>
            {t('training.inject.text')}
            <textarea className={FIELD} rows={2} maxLength={2000} value={draft.text} onChange={(e) => set('text', e.currentTarget.value)} />
          </label>
        )}
      </div>
      <div className="flex flex-wrap items-center gap-4">
        <button
          type="submit"
          disabled={sending}
          className="rounded-lg bg-violet-400 px-6 py-2 text-xl font-black text-violet-950 disabled:opacity-60"
        >
          {t('training.inject.submit')}
        </button>
        {message && (
          <p role={message.ok ? 'status' : 'alert'} className={`text-lg ${message.ok ? 'text-emerald-300' : 'text-alert'}`}>
            {message.text}
          </p>
        )}
      </div>
    </form>
  );
}

function fieldLabel(field: keyof InjectDraft): MessageKey {
  const labels: Partial<Record<keyof InjectDraft, MessageKey>> = {
    text: 'training.inject.text',
    headline: 'training.inject.headline',
    people: 'training.inject.people',
    waiting: 'training.inject.waiting',
  };
  return labels[field] ?? 'training.inject.title';
}
