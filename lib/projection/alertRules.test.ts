import { describe, expect, it } from 'vitest';
import { project } from './picture.ts';
import { alertsDue } from './alertRules.ts';
import * as make from '../testing/eventFactory.ts';

const t = (minutes: number) => new Date(Date.UTC(2025, 11, 1, 17, 0) + minutes * 60_000).toISOString();
const at = (minutes: number) => Date.parse(t(minutes));

describe('alertsDue', () => {
  it('raises a queue crossing its configured level once per crossing, with a deterministic id', () => {
    const events = [
      make.queueLevels({ occurredAt: t(0) }),
      make.queueUpdate({ occurredAt: t(1), waiting: 100 }),
      make.queueUpdate({ occurredAt: t(2), waiting: 160 }),
    ];
    const due = alertsDue(project(make.stored(events)), at(2));
    expect(due).toEqual([
      expect.objectContaining({
        alertId: `alert:queue:santa-rosa:to-peru:${at(2)}`,
        kind: 'queue-level',
        subject: { post: 'santa-rosa', direction: 'to-peru' },
      }),
    ]);
    const later = alertsDue(project(make.stored([...events, make.queueUpdate({ occurredAt: t(3), waiting: 170 })])), at(3));
    expect(later[0].alertId).toBe(due[0].alertId);
    const raised = make.alertRaised({ alertId: due[0].alertId, occurredAt: t(3) });
    expect(alertsDue(project(make.stored([...events, raised])), at(3))).toEqual([]);
    expect(alertsDue(project(make.stored([make.queueUpdate({ occurredAt: t(1), waiting: 100 })])), at(1))).toEqual([]);
  });

  it('raises a high or critical incident with its releasability, not a low one', () => {
    const due = alertsDue(
      project(
        make.stored([
          make.incident({ occurredAt: t(0), agency: 'carabineros', releasability: 'national' }),
          make.incident({ incidentId: 'I-2', severity: 'low', occurredAt: t(0) }),
        ]),
      ),
      at(0),
    );
    expect(due).toEqual([
      expect.objectContaining({
        kind: 'incident-severity',
        agency: 'carabineros',
        releasability: 'national',
        subject: { incidentId: 'I-1' },
      }),
    ]);
  });

  it('raises a tasking not accepted in time, and a tasked unit gone silent', () => {
    const picture = project(
      make.stored([
        make.unitPosition({ agency: 'pnp', unitId: 'PNP-3', occurredAt: t(0) }),
        make.incident({ occurredAt: t(0), severity: 'medium' }),
        make.taskingAssigned({ occurredAt: t(0) }),
      ]),
    );
    expect(alertsDue(picture, at(5))).toEqual([]);
    expect(alertsDue(picture, at(16)).map((a) => a.kind)).toEqual(['tasking-overdue', 'unit-silent']);
    expect(alertsDue(picture, at(16))[0].alertId).toBe('alert:tasking:T-1:pnp:PNP-3:not-accepted');
  });
});
