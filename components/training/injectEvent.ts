/**
 * The console's inject form, turned into one event of the contract. Injects are exercise
 * material: marked synthetic, from the console, at an instant on the exercise clock.
 */
import type { Agency } from '@/lib/contract/agencies.ts';
import type { EventInput, IncidentKind, Position, Severity } from '@/lib/contract/events.ts';
import { PLACES } from '@/lib/geo/places.ts';

export const INJECT_TYPES = ['incident', 'bulletin', 'queue'] as const;
export type InjectType = (typeof INJECT_TYPES)[number];

/** Places a trainer can put an inject, from docs/scenario-facts.md §2 (approximate). */
export const INJECT_PLACES = {
  'santa-rosa': PLACES.santaRosa,
  chacalluta: PLACES.chacalluta,
  linea: PLACES.crossing,
  'hito-1': PLACES.hito1,
  arica: PLACES.arica,
  tacna: PLACES.tacna,
} as const satisfies Record<string, Position>;
export type InjectPlace = keyof typeof INJECT_PLACES;

export interface InjectDraft {
  type: InjectType;
  agency: Agency;
  place: InjectPlace;
  /** Minutes after the current exercise time (0: now). */
  delayMinutes: number;
  text: string;
  headline: string;
  kind: IncidentKind;
  severity: Severity;
  people: string;
  waiting: string;
}

export const INJECT_SOURCE = 'training-console';

/** Whole seconds, as events are written. */
const atSecond = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

const count = (text: string): number | undefined => {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const n = Number(trimmed);
  return Number.isInteger(n) && n >= 0 ? n : NaN;
};

export type BuiltInject = { ok: true; event: EventInput } | { ok: false; field: keyof InjectDraft };

export function buildInject(draft: InjectDraft, exerciseTime: number, uid: string): BuiltInject {
  const occurredAt = atSecond(exerciseTime + Math.max(0, draft.delayMinutes) * 60_000);
  const base = { id: `ej-${uid}`, agency: draft.agency, occurredAt, provenance: { source: INJECT_SOURCE, synthetic: true } };
  const position = INJECT_PLACES[draft.place];
  switch (draft.type) {
    case 'incident': {
      if (!draft.text.trim()) return { ok: false, field: 'text' };
      const people = count(draft.people);
      if (Number.isNaN(people)) return { ok: false, field: 'people' };
      return {
        ok: true,
        event: {
          ...base,
          type: 'incident',
          incidentId: `EJ-${uid.slice(0, 8).toUpperCase()}`,
          position,
          kind: draft.kind,
          severity: draft.severity,
          text: draft.text.trim(),
          ...(people !== undefined ? { people } : {}),
        },
      };
    }
    case 'bulletin':
      if (!draft.headline.trim()) return { ok: false, field: 'headline' };
      if (!draft.text.trim()) return { ok: false, field: 'text' };
      return { ok: true, event: { ...base, type: 'bulletin', title: draft.headline.trim(), text: draft.text.trim(), position } };
    case 'queue': {
      const waiting = count(draft.waiting);
      if (waiting === undefined || Number.isNaN(waiting)) return { ok: false, field: 'waiting' };
      const post = draft.place === 'chacalluta' ? 'chacalluta' : 'santa-rosa';
      return {
        ok: true,
        event: { ...base, type: 'queue.update', post, direction: post === 'chacalluta' ? 'to-chile' : 'to-peru', waiting },
      };
    }
  }
}
