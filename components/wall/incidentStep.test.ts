import { describe, expect, it } from 'vitest';
import { incidentStep, incidentStepKey } from '@/components/wall/incidentStep.ts';
import { MESSAGES as messages } from '@/lib/i18n/messages.ts';
import { project } from '@/lib/projection/picture.ts';
import * as make from '@/lib/testing/eventFactory.ts';
import type { EventInput } from '@/lib/contract/events.ts';

const t = (minutes: number) => new Date(Date.UTC(2025, 11, 1, 17, 0) + minutes * 60_000).toISOString();

/** The wall's step for incident I-1 after these events. */
const stepAfter = (...events: EventInput[]) => incidentStep(project(make.stored(events)).incidents['I-1']);

describe("the wall's step of an incident", () => {
  const reported = make.incident({ occurredAt: t(0) });
  const validated = make.incidentValidated({ occurredAt: t(1) });
  const assigned = make.taskingAssigned({ occurredAt: t(2) });

  it('follows every step a coordinator or an officer takes, in both languages', () => {
    // Each step the officer's phone or the desk takes, one after another: the wall's step after each.
    const walk = [
      reported,
      validated,
      assigned,
      make.taskingAnswer({ occurredAt: t(3), answer: 'accept' }),
      make.taskingAnswer({ occurredAt: t(9), answer: 'on-scene' }),
      make.taskingAnswer({ occurredAt: t(30), answer: 'done' }),
    ];
    const steps = walk.map((_, i) => stepAfter(...walk.slice(0, i + 1)));
    expect(steps).toEqual(['reported', 'validated', 'assigned', 'en-route', 'on-scene', 'done']);
    expect(steps.map((step) => messages.es[incidentStepKey(step)])).toEqual([
      'Reportado',
      'Validado',
      'Asignado',
      'En camino',
      'En el lugar',
      'Unidad terminó',
    ]);
    for (const step of steps) expect(messages.en[incidentStepKey(step)]).toBeTruthy();
  });

  it('says so when the unit declined, until another is assigned', () => {
    const declined = make.taskingAnswer({ occurredAt: t(3), answer: 'decline', reason: 'Sin combustible' });
    expect(stepAfter(reported, validated, assigned, declined)).toBe('declined');
    const again = make.taskingAssigned({ occurredAt: t(4), taskingId: 'T-2', units: [{ agency: 'pnp', unitId: 'PNP-2' }] });
    expect(stepAfter(reported, validated, assigned, declined, again)).toBe('assigned');
  });
});
