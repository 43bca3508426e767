import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '@/lib/contract/events.ts';
import { parseEvent } from '@/lib/contract/validation.ts';
import {
  buildReport,
  clearedAfterSend,
  EMPTY_DRAFT,
  eventToDraft,
  incidentIdFor,
  type ReportDraft,
  type SendContext,
} from '@/components/report/reportDraft.ts';

const context: SendContext = {
  agency: 'pnp',
  unitId: 'PNP-1',
  id: '3f9a2c1b-0d4e-4a6b-9c7d-112233445566',
  occurredAt: '2025-12-14T10:06:00.000Z',
};
const santaRosa = { lat: -18.313, lon: -70.314 };
const draft = (fields: Partial<ReportDraft>): ReportDraft => ({ ...EMPTY_DRAFT, ...fields });

describe('buildReport', () => {
  it('turns a complete incident into a contract event with the phone-made id', () => {
    const built = buildReport(
      draft({
        type: 'incident',
        position: santaRosa,
        kind: 'stranded-group',
        severity: 'high',
        text: ' Grupo varado ',
        people: '47',
        minors: '9',
      }),
      context,
      DEFAULT_POLICY,
    );
    expect(built).toEqual({
      ok: true,
      event: {
        id: context.id,
        type: 'incident',
        agency: 'pnp',
        occurredAt: context.occurredAt,
        incidentId: 'PNP-1-3F9A2C1B',
        position: santaRosa,
        kind: 'stranded-group',
        severity: 'high',
        text: ' Grupo varado ',
        people: 47,
        minors: 9,
      },
    });
    // What the phone sends is what the server accepts.
    expect(parseEvent(built.ok && built.event).ok).toBe(true);
  });

  it('leaves empty optional counts out instead of sending zeros', () => {
    const built = buildReport(draft({ type: 'patrol.report', position: santaRosa, text: 'Sin novedad' }), context, DEFAULT_POLICY);
    expect(built.ok && built.event).toEqual({
      id: context.id,
      type: 'patrol.report',
      agency: 'pnp',
      occurredAt: context.occurredAt,
      unitId: 'PNP-1',
      position: santaRosa,
      text: 'Sin novedad',
    });
  });

  it('sends a queue count without a position, and only the fields of a queue update', () => {
    const built = buildReport(
      draft({ type: 'queue.update', post: 'chacalluta', direction: 'to-chile', waiting: '85', text: 'ignored', position: santaRosa }),
      context,
      DEFAULT_POLICY,
    );
    expect(built.ok && built.event).toEqual({
      id: context.id,
      type: 'queue.update',
      agency: 'pnp',
      occurredAt: context.occurredAt,
      post: 'chacalluta',
      direction: 'to-chile',
      waiting: 85,
    });
  });

  it('names every field to fix at once, one message per field', () => {
    const built = buildReport(draft({ type: 'incident', text: '   ', people: '2.5', minors: '-1' }), context, DEFAULT_POLICY);
    expect(built.ok).toBe(false);
    if (built.ok) return;
    const byField = Object.fromEntries(built.problems.map((p) => [p.field, p]));
    expect(byField.position?.key).toBe('report.problem.positionMissing');
    expect(byField.kind?.key).toBe('report.problem.choose');
    expect(byField.severity?.key).toBe('report.problem.choose');
    expect(byField.text?.key).toBe('report.problem.required');
    expect(byField.people).toEqual({ field: 'people', key: 'report.problem.count', params: { max: 10_000 } });
    expect(byField.minors?.key).toBe('report.problem.count');
    expect(new Set(built.problems.map((p) => p.field)).size).toBe(built.problems.length);
  });

  it('refuses a position outside the server’s region, with the server’s bounds', () => {
    const policy = { ...DEFAULT_POLICY, bounds: { south: -18.5, west: -70.5, north: -18.0, east: -70.0 } };
    const built = buildReport(draft({ type: 'unit.position', position: { lat: -18.6, lon: -70.3 } }), context, policy);
    expect(built).toEqual({ ok: false, problems: [{ field: 'position', key: 'report.problem.positionOutside' }] });
  });

  it('refuses more minors than people, and text longer than the server takes', () => {
    const policy = { ...DEFAULT_POLICY, maxTextLength: 50 };
    const built = buildReport(
      draft({ type: 'incident', position: santaRosa, kind: 'medical', severity: 'low', text: 'x'.repeat(51), people: '3', minors: '4' }),
      context,
      policy,
    );
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(built.problems).toContainEqual({ field: 'text', key: 'report.problem.tooLong', params: { max: 50 } });
    const fixedText = buildReport(
      draft({ type: 'incident', position: santaRosa, kind: 'medical', severity: 'low', text: 'ok', people: '3', minors: '4' }),
      context,
      policy,
    );
    expect(fixedText).toEqual({ ok: false, problems: [{ field: 'minors', key: 'report.problem.minors' }] });
  });

  it('counts minors at a queue against the queue limit and requires the waiting count', () => {
    const built = buildReport(
      draft({ type: 'queue.update', post: 'santa-rosa', direction: 'to-peru', minors: '-2' }),
      context,
      DEFAULT_POLICY,
    );
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(built.problems).toEqual([
      { field: 'waiting', key: 'report.problem.required' },
      { field: 'minors', key: 'report.problem.count', params: { max: 50_000 } },
    ]);
  });

  it('does not let an account without a unit report as a unit', () => {
    const built = buildReport(draft({ type: 'unit.position', position: santaRosa }), { ...context, unitId: null }, DEFAULT_POLICY);
    expect(built).toEqual({ ok: false, problems: [{ field: '', key: 'report.problem.noUnit' }] });
  });
});

describe('incidentIdFor', () => {
  it('is readable on the wall and valid as a contract id, with or without a unit', () => {
    expect(incidentIdFor(context)).toBe('PNP-1-3F9A2C1B');
    expect(incidentIdFor({ ...context, unitId: null, agency: 'comite-binacional' })).toBe('COMITE-BINACIONAL-3F9A2C1B');
  });
});

describe('eventToDraft', () => {
  it('puts a refused report back in the form so the same fields come out again', () => {
    const original = draft({
      type: 'incident',
      position: santaRosa,
      kind: 'medical',
      severity: 'critical',
      text: 'Herido',
      people: '3',
      minors: '1',
    });
    const built = buildReport(original, context, DEFAULT_POLICY);
    if (!built.ok) throw new Error('expected a valid report');
    expect(eventToDraft(built.event)).toEqual(original);
    const queue = draft({
      type: 'queue.update',
      post: 'santa-rosa',
      direction: 'to-peru',
      waiting: '340',
      waitMinutes: '95',
      refused: '2',
      minors: '41',
    });
    const builtQueue = buildReport(queue, context, DEFAULT_POLICY);
    expect(builtQueue.ok && eventToDraft(builtQueue.event)).toEqual(queue);
  });
});

describe('clearedAfterSend', () => {
  it('keeps the type, post and direction and clears the rest', () => {
    const sent = draft({ type: 'queue.update', post: 'chacalluta', direction: 'to-chile', waiting: '85', minors: '3' });
    expect(clearedAfterSend(sent)).toEqual(draft({ type: 'queue.update', post: 'chacalluta', direction: 'to-chile' }));
  });
});
