'use client';
/**
 * One incident: who reported it, who owns it, its units and its history, and the steps a
 * coordinator may take next, each as a small form (validate with owner, impact, confidence and
 * the response; return with a reason; assign units; transfer; close with an outcome). The form
 * opened by a shortcut gets the focus; Escape leaves it.
 */
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useI18n } from '@/components/i18n/I18nProvider.tsx';
import { AGENCIES, type Agency } from '@/lib/contract/agencies.ts';
import { formatBothZones } from '@/lib/i18n/format.ts';
import type { MessageKey } from '@/lib/i18n/messages.ts';
import { AgencyBadge } from '@/components/shared/AgencyBadge.tsx';
import type { ActionResult, DeskActionInput } from '@/components/desk/actionsClient.ts';
import {
  actionsFor,
  CONFIDENCES,
  IMPACTS,
  OUTCOMES,
  type Confidence,
  type DeskAction,
  type DeskIncident,
  type DeskUnit,
  type Impact,
  type Outcome,
  stepLabel,
} from '@/components/desk/deskView.ts';
import { SEVERITY_STYLE, STATUS_STYLE } from '@/components/desk/deskStyle.ts';

export interface IncidentDetailProps {
  incident: DeskIncident | null;
  units: DeskUnit[];
  /** Other incidents, for "duplicate of". */
  others: DeskIncident[];
  /** The form a shortcut asked for (changes each time it is asked, so it can be asked again). */
  requested: { action: DeskAction; nonce: number } | null;
  onAction: (action: DeskActionInput) => Promise<ActionResult>;
}

const FIELD =
  'w-full rounded-md border-2 border-line bg-wall px-2 py-1 text-sm text-slate-100 focus-visible:outline-4 focus-visible:outline-sky-400';
const BUTTON =
  'rounded-md px-3 py-1.5 text-sm font-bold focus-visible:outline-4 focus-visible:outline-offset-2 focus-visible:outline-sky-400';

export function IncidentDetail({ incident, units, others, requested, onAction }: IncidentDetailProps) {
  const { t, locale } = useI18n();
  const [open, setOpen] = useState<DeskAction | null>(null);
  const [result, setResult] = useState<{ state: 'sending' } | { state: 'done' } | { state: 'failed'; message: string } | null>(null);
  const incidentId = incident?.incidentId;

  // Another incident: no form open, no old answer shown.
  useEffect(() => {
    setOpen(null);
    setResult(null);
  }, [incidentId]);

  useEffect(() => {
    if (requested && incident && actionsFor(incident.status).includes(requested.action)) {
      setOpen(requested.action);
      setResult(null);
    }
    // Only a new request opens a form; a change of incident must not reopen the last one.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [requested]);

  if (!incident) {
    return <p className="p-4 text-sm text-slate-300">{t('desk.detail.none')}</p>;
  }

  const submit = async (action: DeskActionInput) => {
    setResult({ state: 'sending' });
    const answer = await onAction(action);
    if (answer.ok) {
      setResult({ state: 'done' });
      setOpen(null);
    } else {
      setResult({
        state: 'failed',
        message: answer.status === 0 ? t('desk.action.network') : t('desk.action.failed', { message: answer.message }),
      });
    }
  };

  const allowed = actionsFor(incident.status);
  return (
    <article className="flex min-h-0 flex-col gap-3 overflow-y-auto p-3 text-sm" data-detail-id={incident.incidentId}>
      <header className="flex flex-wrap items-center gap-2">
        <span className={`rounded px-1.5 text-xs font-black ${SEVERITY_STYLE[incident.severity]}`}>
          {t(`desk.severity.${incident.severity}`)}
        </span>
        <h2 className="text-lg font-bold">{t(`desk.kind.${incident.kind}`)}</h2>
        <span className={`rounded px-1.5 text-xs font-bold ${STATUS_STYLE[incident.status]}`} data-detail-status={incident.status}>
          {t(`desk.status.${incident.status}`)}
        </span>
      </header>
      <p className="text-base">{incident.text}</p>
      <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1">
        <dt className="text-slate-400">{t('desk.detail.originator')}</dt>
        <dd>
          <AgencyBadge agency={incident.agency} />
        </dd>
        <dt className="text-slate-400">{t('desk.detail.owner')}</dt>
        <dd>{incident.owner ? <AgencyBadge agency={incident.owner} /> : t('desk.detail.noOwner')}</dd>
        {incident.impact && (
          <>
            <dt className="text-slate-400">{t('desk.detail.impact')}</dt>
            <dd>{t(`desk.impact.${incident.impact}`)}</dd>
          </>
        )}
        {incident.people !== undefined && (
          <>
            <dt className="text-slate-400">{t('desk.detail.people')}</dt>
            <dd className="tabular-nums">
              {incident.people}
              {incident.minors ? ` (${incident.minors})` : ''}
            </dd>
          </>
        )}
        <dt className="text-slate-400">{t('desk.detail.units')}</dt>
        <dd data-detail-units="">{incident.units.length > 0 ? incident.units.join(', ') : t('desk.detail.noUnits')}</dd>
      </dl>

      {allowed.length > 0 && (
        <div className="flex flex-wrap gap-2" role="group" aria-label={t('desk.region.detail')}>
          {allowed.map((action) => (
            <button
              key={action}
              type="button"
              data-action={action}
              aria-expanded={open === action}
              onClick={() => {
                setOpen(open === action ? null : action);
                setResult(null);
              }}
              className={`${BUTTON} ${open === action ? 'bg-sky-400 text-black' : 'bg-slate-100 text-black hover:bg-white'}`}
            >
              {t(ACTION_LABEL[action])}
            </button>
          ))}
        </div>
      )}

      {open && (
        <ActionForm
          key={`${open}-${incident.incidentId}`}
          action={open}
          incident={incident}
          units={units}
          others={others}
          sending={result?.state === 'sending'}
          onCancel={() => setOpen(null)}
          onSubmit={(a) => void submit(a)}
        />
      )}
      {result && result.state !== 'sending' && (
        <p
          role="status"
          data-action-result={result.state}
          className={result.state === 'done' ? 'text-emerald-300' : 'font-bold text-alert'}
        >
          {result.state === 'done' ? t('desk.action.done') : result.message}
        </p>
      )}

      <section aria-labelledby="desk-history-title">
        <h3 id="desk-history-title" className="mb-1 font-bold">
          {t('desk.detail.history')}
        </h3>
        <ol className="flex flex-col gap-1 border-l-2 border-line pl-3" data-detail-history="">
          {incident.history.map((entry, i) => (
            <li key={entry.eventId} data-step={entry.type} data-step-answer={entry.answer}>
              <span className="font-semibold">{t(stepLabel(entry, i))}</span>
              {entry.outcome && <span className="font-semibold"> · {t(`desk.outcome.${entry.outcome}`)}</span>}
              {' · '}
              <AgencyBadge agency={entry.unit?.agency ?? entry.agency} />
              {entry.unit && <span className="font-semibold"> {entry.unit.unitId}</span>}
              <span className="block text-xs text-slate-400 tabular-nums">
                {formatBothZones(entry.at, locale)}
                {entry.actor && entry.actor.role !== 'system' && <> · {t('desk.step.by', { account: entry.actor.accountId })}</>}
              </span>
              {entry.note && <span className="block text-slate-200">{entry.note}</span>}
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}

const ACTION_LABEL: Record<DeskAction, MessageKey> = {
  validate: 'desk.action.validate',
  return: 'desk.action.return',
  assign: 'desk.action.assign',
  transfer: 'desk.action.transfer',
  close: 'desk.action.close',
};

interface ActionFormProps {
  action: DeskAction;
  incident: DeskIncident;
  units: DeskUnit[];
  others: DeskIncident[];
  sending: boolean;
  onCancel: () => void;
  onSubmit: (action: DeskActionInput) => void;
}

function ActionForm({ action, incident, units, others, sending, onCancel, onSubmit }: ActionFormProps) {
  const { t } = useI18n();
  const first = useRef<HTMLFormElement>(null);
  const [owner, setOwner] = useState<Agency>(incident.owner ?? incident.agency);
  const [impact, setImpact] = useState<Impact>('medium');
  const [confidence, setConfidence] = useState<Confidence>('probable');
  const [text, setText] = useState('');
  const [to, setTo] = useState<Agency>(AGENCIES.find((a) => a !== (incident.owner ?? incident.agency)) ?? 'pnp');
  const [outcome, setOutcome] = useState<Outcome>('resolved');
  const [duplicateOf, setDuplicateOf] = useState('');
  const [picked, setPicked] = useState<string[]>([]);
  const [missing, setMissing] = useState<MessageKey | null>(null);

  useEffect(() => {
    first.current?.querySelector<HTMLElement>('select, input, textarea')?.focus();
  }, []);

  const assignable = units.filter((u) => u.agency === (incident.owner ?? incident.agency) && u.status === 'available');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const need = (ok: boolean, field: MessageKey) => {
      if (!ok) setMissing(field);
      return ok;
    };
    const id = incident.incidentId;
    switch (action) {
      case 'validate':
        if (need(text.trim() !== '', 'desk.form.response'))
          onSubmit({ type: 'incident.validate', incidentId: id, owner, impact, confidence, response: text.trim() });
        return;
      case 'return':
        if (need(text.trim() !== '', 'desk.form.reason')) onSubmit({ type: 'incident.return', incidentId: id, reason: text.trim() });
        return;
      case 'assign':
        if (need(picked.length > 0, 'desk.form.units')) onSubmit({ type: 'tasking.assign', incidentId: id, units: picked });
        return;
      case 'transfer':
        if (need(text.trim() !== '', 'desk.form.reason')) onSubmit({ type: 'incident.transfer', incidentId: id, to, reason: text.trim() });
        return;
      case 'close':
        if (outcome === 'duplicate' && !need(duplicateOf !== '', 'desk.form.duplicateOf')) return;
        onSubmit({
          type: 'incident.close',
          incidentId: id,
          outcome,
          text: text.trim(),
          ...(outcome === 'duplicate' ? { duplicateOf } : {}),
        });
        return;
    }
  };

  const field = (label: MessageKey, control: ReactNode) => (
    <label className="flex flex-col gap-0.5 text-xs text-slate-300">
      {t(label)}
      {control}
    </label>
  );
  const textField = (label: MessageKey) =>
    field(label, <textarea rows={2} className={FIELD} value={text} onChange={(e) => setText(e.target.value)} data-field="text" />);

  return (
    <form
      ref={first}
      onSubmit={submit}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onCancel();
      }}
      data-action-form={action}
      className="flex flex-col gap-2 rounded-md border-2 border-sky-400 bg-wall p-3"
    >
      {action === 'validate' && (
        <>
          {field(
            'desk.form.owner',
            <select
              className={FIELD}
              value={owner}
              onChange={(e) => setOwner(AGENCIES.find((a) => a === e.target.value) ?? owner)}
              data-field="owner"
            >
              {AGENCIES.map((a) => (
                <option key={a} value={a}>
                  {t(`agency.${a}`)}
                </option>
              ))}
            </select>,
          )}
          <div className="grid grid-cols-2 gap-2">
            {field(
              'desk.form.impact',
              <select
                className={FIELD}
                value={impact}
                onChange={(e) => setImpact(IMPACTS.find((i) => i === e.target.value) ?? impact)}
                data-field="impact"
              >
                {IMPACTS.map((i) => (
                  <option key={i} value={i}>
                    {t(`desk.impact.${i}`)}
                  </option>
                ))}
              </select>,
            )}
            {field(
              'desk.form.confidence',
              <select
                className={FIELD}
                value={confidence}
                onChange={(e) => setConfidence(CONFIDENCES.find((c) => c === e.target.value) ?? confidence)}
                data-field="confidence"
              >
                {CONFIDENCES.map((c) => (
                  <option key={c} value={c}>
                    {t(`desk.confidence.${c}`)}
                  </option>
                ))}
              </select>,
            )}
          </div>
          {textField('desk.form.response')}
        </>
      )}
      {action === 'return' && textField('desk.form.reason')}
      {action === 'assign' && (
        <fieldset className="flex flex-col gap-1">
          <legend className="text-xs text-slate-300">{t('desk.form.units')}</legend>
          {assignable.length === 0 && <p className="text-slate-300">{t('desk.form.noUnits')}</p>}
          {assignable.map((unit) => (
            <label key={unit.key} className="flex items-center gap-2">
              <input
                type="checkbox"
                className="size-4"
                data-unit-key={unit.key}
                checked={picked.includes(unit.key)}
                onChange={(e) => setPicked(e.target.checked ? [...picked, unit.key] : picked.filter((k) => k !== unit.key))}
              />
              {unit.callsign ?? unit.unitId}
            </label>
          ))}
        </fieldset>
      )}
      {action === 'transfer' && (
        <>
          {field(
            'desk.form.to',
            <select className={FIELD} value={to} onChange={(e) => setTo(AGENCIES.find((a) => a === e.target.value) ?? to)} data-field="to">
              {AGENCIES.filter((a) => a !== (incident.owner ?? incident.agency)).map((a) => (
                <option key={a} value={a}>
                  {t(`agency.${a}`)}
                </option>
              ))}
            </select>,
          )}
          {textField('desk.form.reason')}
        </>
      )}
      {action === 'close' && (
        <>
          {field(
            'desk.form.outcome',
            <select
              className={FIELD}
              value={outcome}
              onChange={(e) => setOutcome(OUTCOMES.find((o) => o === e.target.value) ?? outcome)}
              data-field="outcome"
            >
              {OUTCOMES.map((o) => (
                <option key={o} value={o}>
                  {t(`desk.outcome.${o}`)}
                </option>
              ))}
            </select>,
          )}
          {outcome === 'duplicate' &&
            field(
              'desk.form.duplicateOf',
              <select className={FIELD} value={duplicateOf} onChange={(e) => setDuplicateOf(e.target.value)} data-field="duplicateOf">
                <option value="" />
                {others.map((o) => (
                  <option key={o.incidentId} value={o.incidentId}>
                    {t(`desk.kind.${o.kind}`)} · {o.text.slice(0, 40)}
                  </option>
                ))}
              </select>,
            )}
          {textField('desk.form.note')}
        </>
      )}
      {missing && (
        <p role="alert" className="font-bold text-alert">
          {t('desk.form.required', { field: t(missing) })}
        </p>
      )}
      <div className="flex gap-2">
        <button type="submit" disabled={sending} className={`${BUTTON} bg-sky-400 text-black disabled:opacity-60`} data-confirm="">
          {sending ? t('desk.action.sending') : t('desk.action.confirm')}
        </button>
        <button type="button" onClick={onCancel} className={`${BUTTON} border-2 border-line text-slate-100`}>
          {t('desk.action.cancel')}
        </button>
      </div>
    </form>
  );
}
