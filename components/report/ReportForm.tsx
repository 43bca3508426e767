'use client';
/**
 * The report form: the kind of report, its fields, the position, and one big send button at the
 * bottom, where the thumb is. Problems are shown under each field and counted at the button.
 */
import type { FormEvent, ReactNode } from 'react';
import { useI18n } from '@/components/i18n/I18nProvider.tsx';
import { type Position, type ValidationPolicy } from '@/lib/contract/events.ts';
import { INCIDENT_KINDS, QUEUE_DIRECTIONS, SEVERITIES, UNIT_STATUSES } from '@/lib/contract/vocabulary.ts';
import { BORDER_POST_IDS } from '@/lib/geo/borderPosts.ts';
import { ChoiceGroup, NumberField, TextField } from '@/components/report/formControls.tsx';
import { PositionField } from '@/components/report/PositionField.tsx';
import { REPORT_TYPES, UNIT_REPORT_TYPES, type FieldProblem, type ReportDraft } from '@/components/report/reportDraft.ts';
import type { GpsState } from '@/components/report/useGeolocation.ts';

export interface ReportFormProps {
  draft: ReportDraft;
  onChange: (draft: ReportDraft) => void;
  problems: FieldProblem[];
  onSubmit: () => void;
  gps: GpsState;
  picked: Position | null;
  onPick: (position: Position | null) => void;
  policy: ValidationPolicy;
  /** The account has a unit, so it may send unit reports. */
  hasUnit: boolean;
  disabled: boolean;
  /** What became of the last report, shown by the send button where the thumb is. */
  notice?: ReactNode;
}

export function ReportForm({
  draft,
  onChange,
  problems,
  onSubmit,
  gps,
  picked,
  onPick,
  policy,
  hasUnit,
  disabled,
  notice,
}: ReportFormProps) {
  const { t } = useI18n();
  const problemOf = (field: string) => {
    const problem = problems.find((p) => p.field === field);
    return problem ? t(problem.key, problem.params) : undefined;
  };
  const set =
    <K extends keyof ReportDraft>(key: K) =>
    (value: ReportDraft[K]) =>
      onChange({ ...draft, [key]: value });
  const optional = t('report.field.optional');
  const general = problems.find((p) => p.field === '');

  function submit(event: FormEvent) {
    event.preventDefault();
    onSubmit();
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="report-new-title" className="px-4 pt-4">
      <h2 id="report-new-title" className="sr-only">
        {t('report.new.title')}
      </h2>
      <ChoiceGroup
        field="type"
        legend={t('report.type.legend')}
        value={draft.type}
        onChange={(type) => onChange({ ...draft, type })}
        choices={REPORT_TYPES.map((type) => ({
          value: type,
          label: t(`report.type.${type}`),
          disabled: UNIT_REPORT_TYPES.has(type) && !hasUnit,
        }))}
      />

      {draft.type === 'incident' && (
        <>
          <ChoiceGroup
            field="kind"
            legend={t('report.field.kind')}
            value={draft.kind}
            onChange={set('kind')}
            error={problemOf('kind')}
            choices={INCIDENT_KINDS.map((kind) => ({ value: kind, label: t(`report.kind.${kind}`) }))}
          />
          <ChoiceGroup
            field="severity"
            legend={t('report.field.severity')}
            value={draft.severity}
            onChange={set('severity')}
            error={problemOf('severity')}
            choices={SEVERITIES.map((severity) => ({ value: severity, label: t(`report.severity.${severity}`) }))}
          />
          <div className="grid grid-cols-2 gap-3">
            <NumberField
              field="people"
              label={t('report.field.people')}
              optionalLabel={optional}
              value={draft.people}
              onChange={set('people')}
              error={problemOf('people')}
            />
            <NumberField
              field="minors"
              label={t('report.field.minors')}
              optionalLabel={optional}
              value={draft.minors}
              onChange={set('minors')}
              error={problemOf('minors')}
            />
          </div>
          <TextField
            field="text"
            label={t('report.field.text')}
            hint={t('report.field.textHint')}
            value={draft.text}
            onChange={set('text')}
            error={problemOf('text')}
            maxLength={policy.maxTextLength}
          />
        </>
      )}

      {draft.type === 'patrol.report' && (
        <>
          <TextField
            field="text"
            label={t('report.field.patrolText')}
            hint={t('report.field.textHint')}
            value={draft.text}
            onChange={set('text')}
            error={problemOf('text')}
            maxLength={policy.maxTextLength}
          />
          <NumberField
            field="people"
            label={t('report.field.people')}
            optionalLabel={optional}
            value={draft.people}
            onChange={set('people')}
            error={problemOf('people')}
          />
        </>
      )}

      {draft.type === 'queue.update' && (
        <>
          <ChoiceGroup
            field="post"
            legend={t('report.field.post')}
            value={draft.post}
            onChange={set('post')}
            error={problemOf('post')}
            choices={BORDER_POST_IDS.map((post) => ({ value: post, label: t(`post.${post}`) }))}
          />
          <ChoiceGroup
            field="direction"
            legend={t('report.field.direction')}
            value={draft.direction}
            onChange={set('direction')}
            error={problemOf('direction')}
            choices={QUEUE_DIRECTIONS.map((direction) => ({ value: direction, label: t(`direction.${direction}`) }))}
          />
          <NumberField
            field="waiting"
            label={t('report.field.waiting')}
            value={draft.waiting}
            onChange={set('waiting')}
            error={problemOf('waiting')}
          />
          <div className="grid grid-cols-2 gap-3">
            <NumberField
              field="waitMinutes"
              label={t('report.field.waitMinutes')}
              optionalLabel={optional}
              value={draft.waitMinutes}
              onChange={set('waitMinutes')}
              error={problemOf('waitMinutes')}
            />
            <NumberField
              field="minors"
              label={t('report.field.queueMinors')}
              optionalLabel={optional}
              value={draft.minors}
              onChange={set('minors')}
              error={problemOf('minors')}
            />
          </div>
          <NumberField
            field="refused"
            label={t('report.field.refused')}
            optionalLabel={optional}
            value={draft.refused}
            onChange={set('refused')}
            error={problemOf('refused')}
          />
        </>
      )}

      {draft.type === 'unit.position' && (
        <ChoiceGroup
          field="status"
          legend={t('report.field.status')}
          optionalLabel={optional}
          value={draft.status}
          onChange={set('status')}
          error={problemOf('status')}
          choices={UNIT_STATUSES.map((status) => ({ value: status, label: t(`report.unitStatus.${status}`) }))}
        />
      )}

      {draft.type !== 'queue.update' && (
        <PositionField gps={gps} picked={picked} onPick={onPick} bounds={policy.bounds} error={problemOf('position')} />
      )}

      <div className="sticky bottom-0 z-[1100] -mx-4 mt-6 border-t-4 border-black bg-white px-4 py-3">
        {problems.length === 0 && notice}
        {problems.length > 0 && (
          <p role="alert" className="mb-2 text-lg font-bold text-red-800">
            {general
              ? t(general.key, general.params)
              : t(problems.length === 1 ? 'report.problems.one' : 'report.problems.other', { n: problems.length })}
          </p>
        )}
        <button
          type="submit"
          disabled={disabled}
          className="min-h-16 w-full rounded-xl bg-blue-800 px-4 text-2xl font-extrabold text-white active:bg-blue-950 disabled:bg-neutral-500 focus-visible:outline-4 focus-visible:outline-offset-2 focus-visible:outline-black"
        >
          {t('report.send')}
        </button>
      </div>
    </form>
  );
}
