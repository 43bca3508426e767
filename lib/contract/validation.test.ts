import { describe, expect, it } from 'vitest';
import { createEventSchemas, eventInputSchema, LIMITS } from './events.ts';
import { MAX_BATCH_SIZE, parseEvent, parseEventBatch } from './validation.ts';
import * as make from '../testing/eventFactory.ts';

const problemsOf = (raw: unknown) => {
  const r = parseEvent(raw);
  if (r.ok) throw new Error('expected a problem');
  return r.problems;
};

describe('event contract', () => {
  it('accepts one valid event of every type and defaults releasability to binational', () => {
    const all = [
      make.unitPosition(),
      make.patrolReport(),
      make.queueUpdate(),
      make.incident(),
      make.incidentClosed(),
      make.deployment(),
      make.bulletin(),
    ];
    for (const e of all) {
      const r = parseEvent(e);
      expect(r.ok, JSON.stringify(r)).toBe(true);
      if (r.ok) expect(r.value.releasability).toBe('binational');
    }
  });

  it('names the field for each kind of bad input', () => {
    expect(problemsOf(make.unitPosition({ position: { lat: 200, lon: -70.3 } }))[0].field).toBe('position.lat');
    expect(problemsOf(make.queueUpdate({ waiting: -1 }))[0].field).toBe('waiting');
    expect(problemsOf(make.queueUpdate({ waiting: 1.5 }))[0].field).toBe('waiting');
    expect(problemsOf({ ...make.unitPosition(), agency: 'interpol' })[0].field).toBe('agency');
    expect(problemsOf({ ...make.unitPosition(), type: 'unit.teleport' })[0].field).toBe('type');
    expect(problemsOf(make.unitPosition({ occurredAt: '2025-12-01 14:55' }))[0].field).toBe('occurredAt');
    expect(problemsOf(make.incident({ text: 'x'.repeat(2001) }))[0].field).toBe('text');
    expect(problemsOf(make.incident({ people: LIMITS.people + 1 }))[0].field).toBe('people');
    expect(problemsOf(make.unitPosition({ id: 'has space' }))[0].field).toBe('id');
  });

  it('requires an offset on occurredAt, so local times cannot be misread', () => {
    expect(parseEvent(make.unitPosition({ occurredAt: '2025-12-01T14:55:00' })).ok).toBe(false);
    expect(parseEvent(make.unitPosition({ occurredAt: '2025-12-01T14:55:00-03:00' })).ok).toBe(true);
    expect(parseEvent(make.unitPosition({ occurredAt: '2025-12-01T17:55:00Z' })).ok).toBe(true);
  });

  it('refuses positions outside the region, even when they are valid on Earth', () => {
    const lima = make.unitPosition({ position: { lat: -12.05, lon: -77.04 } });
    expect(problemsOf(lima).map((p) => p.field)).toEqual(['position.lat', 'position.lon']);
  });

  it('takes region bounds from the policy', () => {
    const { eventInput } = createEventSchemas({
      bounds: { south: -13, west: -78, north: -12, east: -76 },
      maxTextLength: 50,
    });
    expect(eventInput.safeParse(make.unitPosition({ position: { lat: -12.05, lon: -77.04 } })).success).toBe(true);
    expect(eventInput.safeParse(make.incident({ text: 'x'.repeat(51) })).success).toBe(false);
  });

  it('refuses NaN and Infinity coordinates', () => {
    expect(parseEvent(make.unitPosition({ position: { lat: Number.NaN, lon: -70.3 } })).ok).toBe(false);
    expect(parseEvent(make.unitPosition({ position: { lat: -18.3, lon: Infinity } })).ok).toBe(false);
  });

  it('refuses unknown fields, so a misspelt optional field is not silently dropped', () => {
    const problems = problemsOf({ ...make.queueUpdate(), waitng: 3 });
    expect(problems[0].message).toMatch(/waitng/);
  });

  it('refuses more minors than people', () => {
    expect(problemsOf(make.incident({ people: 3, minors: 4 }))[0].field).toBe('minors');
    expect(problemsOf(make.queueUpdate({ waiting: 3, minors: 4 }))[0].field).toBe('minors');
  });

  it('refuses national events from the binational committee, which has no nation', () => {
    expect(problemsOf(make.bulletin({ releasability: 'national' }))[0].field).toBe('releasability');
    expect(parseEvent(make.bulletin({ agency: 'pnp', releasability: 'national' })).ok).toBe(true);
  });

  it('does not let a __proto__ key through or pollute prototypes', () => {
    const hostile = JSON.parse(`{"__proto__":{"polluted":true},${JSON.stringify(make.unitPosition()).slice(1)}`);
    parseEvent(hostile);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('batches', () => {
  it('reports each problem with its index and accepts nothing', () => {
    const r = parseEventBatch([make.unitPosition(), make.queueUpdate({ waiting: -5 }), { type: 'x' }]);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problems.some((p) => p.index === 1 && p.field === 'waiting')).toBe(true);
      expect(r.problems.some((p) => p.index === 2)).toBe(true);
      expect(r.problems.every((p) => p.index !== 0)).toBe(true);
    }
  });

  it('takes a single object as a batch of one', () => {
    const r = parseEventBatch(make.unitPosition());
    expect(r.ok && r.value.length).toBe(1);
  });

  it('refuses empty and oversized batches', () => {
    expect(parseEventBatch([]).ok).toBe(false);
    const many = Array.from({ length: MAX_BATCH_SIZE + 1 }, () => make.unitPosition());
    expect(parseEventBatch(many).ok).toBe(false);
  });

  it('refuses things that are not events at all', () => {
    for (const raw of [null, 42, 'text', true]) expect(parseEventBatch(raw).ok).toBe(false);
    expect(eventInputSchema.safeParse(undefined).success).toBe(false);
  });
});
