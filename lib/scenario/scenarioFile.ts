/**
 * A scenario file: metadata, named milestones, the facts it carries with their sources, and its
 * events in the one event contract. Loaded through the same validation as live events
 * (`parseEvent` with the deployment's policy), so a scenario that would be refused live is refused
 * here too, with the index and field of each problem.
 */
import { z } from 'zod';
import { createEventSchemas, DEFAULT_POLICY, idSchema, type ConcordiaEvent, type ValidationPolicy } from '../contract/events.ts';
import type { Problem } from '../contract/http.ts';
import { parseEvent, problemsFromZod, type Parsed } from '../contract/validation.ts';

export const SCENARIO_FORMAT = 'concordia-scenario/1';

/** Scenario and milestone ids: lower-case slugs, safe in URLs. */
export const slugSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and - only');

export const localizedSchema = z.strictObject({
  es: z.string().trim().min(1).max(500),
  en: z.string().trim().min(1).max(500),
});
export type Localized = z.infer<typeof localizedSchema>;

const instantSchema = z.iso.datetime({ offset: true });

export const milestoneSchema = z.strictObject({
  id: slugSchema,
  at: instantSchema,
  title: localizedSchema,
  /** The event a trainer should see when jumping here, if one stands for the milestone. */
  eventId: idSchema.optional(),
  refs: z.array(z.string().min(1).max(300)).max(20).optional(),
});
export type Milestone = z.infer<typeof milestoneSchema>;

/** Confidence codes of the fact sheet: C2 ≥2 sources, C one, X conflict, S seed only, D derived. */
export const confidenceSchema = z.enum(['C2', 'C', 'X', 'S', 'D']);

/** A fact of the sheet as the scenario carries it: which events show it and what was chosen. */
export const factSchema = z.strictObject({
  id: slugSchema,
  summary: z.string().min(1).max(500),
  confidence: confidenceSchema,
  eventIds: z.array(idSchema).min(1),
  refs: z.array(z.string().min(1).max(300)).min(1).max(20),
  /** Where sources disagree: the figure used in the events, and the others. */
  chosen: z.string().min(1).max(300).optional(),
  alternatives: z.array(z.string().min(1).max(300)).optional(),
  /** False when the sheet gives no time of day and the scenario picked one. */
  timeSourced: z.boolean(),
});
export type ScenarioFact = z.infer<typeof factSchema>;

const metadataSchema = z.strictObject({
  format: z.literal(SCENARIO_FORMAT),
  id: slugSchema,
  title: localizedSchema,
  description: localizedSchema,
  start: instantSchema,
  end: instantSchema,
  generator: z.strictObject({
    script: z.string().min(1).max(200),
    seed: z.string().min(1).max(100),
  }),
  milestones: z.array(milestoneSchema).min(1),
  facts: z.array(factSchema),
  /** Modelled crossings per local day (YYYY-MM-DD in Chile), which the queues are calibrated to. */
  calibration: z.strictObject({
    exitsToPeruPerDay: z.record(z.string().regex(/^\d{4}-\d{2}-\d{2}$/), z.int().min(0)),
    entriesToChilePerDay: z.record(z.string().regex(/^\d{4}-\d{2}-\d{2}$/), z.int().min(0)),
    note: z.string().min(1).max(1000),
  }),
  /** Notes for trainers: what is synthetic, what was left out and why. */
  notes: z.array(z.string().min(1).max(1000)),
});
export type ScenarioMetadata = z.infer<typeof metadataSchema>;

const fileSchema = metadataSchema.extend({ events: z.array(z.unknown()) });

export interface Scenario extends ScenarioMetadata {
  events: ConcordiaEvent[];
}

/** Parses a scenario file's JSON; every problem names its field (events by index). */
export function parseScenario(raw: unknown, policy: ValidationPolicy = DEFAULT_POLICY): Parsed<Scenario> {
  const file = fileSchema.safeParse(raw);
  if (!file.success) {
    return { ok: false, problems: problemsFromZod(file.error) };
  }
  const schema = createEventSchemas(policy).eventInput;
  const problems: Problem[] = [];
  const events: ConcordiaEvent[] = [];
  file.data.events.forEach((item, index) => {
    const parsed = parseEvent(item, schema, index);
    if (parsed.ok) events.push(parsed.value);
    else problems.push(...parsed.problems.map((p) => ({ ...p, field: `events.${index}${p.field ? `.${p.field}` : ''}` })));
  });
  if (problems.length) return { ok: false, problems };
  const scenario: Scenario = { ...file.data, events };
  const consistency = checkConsistency(scenario);
  return consistency.length ? { ok: false, problems: consistency } : { ok: true, value: scenario };
}

/** What the schema cannot say alone: times inside the range, ids unique, references resolved. */
function checkConsistency(s: Scenario): Problem[] {
  const problems: Problem[] = [];
  const start = Date.parse(s.start);
  const end = Date.parse(s.end);
  if (!(start < end)) problems.push({ field: 'end', message: 'end must be after start' });
  const inside = (iso: string) => Date.parse(iso) >= start && Date.parse(iso) <= end;
  const ids = new Set<string>();
  s.events.forEach((e, index) => {
    if (!inside(e.occurredAt)) problems.push({ index, field: `events.${index}.occurredAt`, message: 'outside the scenario' });
    const key = `${e.agency}/${e.id}`;
    if (ids.has(key)) problems.push({ index, field: `events.${index}.id`, message: `repeats ${key}` });
    ids.add(key);
  });
  const eventIds = new Set(s.events.map((e) => e.id));
  const milestoneIds = new Set<string>();
  s.milestones.forEach((m, i) => {
    if (!inside(m.at)) problems.push({ field: `milestones.${i}.at`, message: 'outside the scenario' });
    if (milestoneIds.has(m.id)) problems.push({ field: `milestones.${i}.id`, message: `repeats ${m.id}` });
    milestoneIds.add(m.id);
    if (m.eventId && !eventIds.has(m.eventId)) problems.push({ field: `milestones.${i}.eventId`, message: `no event ${m.eventId}` });
  });
  s.facts.forEach((f, i) => {
    for (const id of f.eventIds) {
      if (!eventIds.has(id)) problems.push({ field: `facts.${i}.eventIds`, message: `no event ${id}` });
    }
  });
  return problems;
}

/** The catalog entry a console needs (GET /api/scenarios): everything but the events. */
export const scenarioSummarySchema = z.object({
  id: slugSchema,
  title: localizedSchema,
  description: localizedSchema,
  start: instantSchema,
  end: instantSchema,
  milestones: z.array(milestoneSchema),
  eventCount: z.int().min(0),
});
export type ScenarioSummary = z.infer<typeof scenarioSummarySchema>;

export function summarize(s: Scenario): ScenarioSummary {
  return {
    id: s.id,
    title: s.title,
    description: s.description,
    start: s.start,
    end: s.end,
    milestones: s.milestones,
    eventCount: s.events.length,
  };
}
