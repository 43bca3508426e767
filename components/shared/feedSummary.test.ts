import { describe, expect, it } from 'vitest';
import { translate, type Translate } from '@/lib/i18n/messages.ts';
import * as make from '@/lib/testing/eventFactory.ts';
import { eventText, feedForWall, isLateReport, latestEvents, summarizeEvent } from '@/components/shared/feedSummary.ts';

const es: Translate = (key, params) => translate('es', key, params);
const en: Translate = (key, params) => translate('en', key, params);
const one = (e: Parameters<typeof make.stored>[0][number]) => make.stored([e])[0];

describe('summarizeEvent', () => {
  it('gives post, direction and count for a queue update', () => {
    const e = one(make.queueUpdate({ post: 'chacalluta', direction: 'to-chile', waiting: 1240 }));
    expect(summarizeEvent(e, es, 'es')).toBe('Fila en Chacalluta hacia Chile: 1.240 personas');
    expect(summarizeEvent(e, en, 'en')).toBe('Queue at Chacalluta to Chile: 1,240 people');
  });

  it('gives kind, severity, people and minors for an incident', () => {
    const e = one(make.incident({ kind: 'stranded-group', severity: 'critical', people: 47, minors: 9 }));
    expect(summarizeEvent(e, es, 'es')).toBe('Incidente: Grupo varado · Gravedad crítica · 47 personas · 9 menores');
    const bare = one(make.incident({ kind: 'medical', severity: 'low', people: undefined, minors: undefined }));
    expect(summarizeEvent(bare, en, 'en')).toBe('Incident: Medical emergency · Low severity');
  });

  it('names the unit of a patrol report', () => {
    expect(summarizeEvent(one(make.patrolReport({ unitId: 'PNP-3' })), es, 'es')).toBe('Informe de patrulla PNP-3');
    expect(summarizeEvent(one(make.patrolReport({ unitId: 'PNP-3', people: 1 })), es, 'es')).toBe('Informe de patrulla PNP-3 · 1 persona');
  });

  it('gives personnel and area for a deployment', () => {
    const e = one(make.deployment({ personnel: 100, area: 'Hito 1' }));
    expect(summarizeEvent(e, es, 'es')).toBe('Despliegue: 100 efectivos en Hito 1');
    expect(summarizeEvent(one(make.deployment({ personnel: 1 })), en, 'en')).toBe('Deployment: 1 officer');
  });

  it('gives the title of a bulletin and the id of a closed incident', () => {
    expect(summarizeEvent(one(make.bulletin({ title: 'Paso cerrado' })), es, 'es')).toBe('Comunicado: Paso cerrado');
    expect(summarizeEvent(one(make.incidentClosed({ incidentId: 'I-7' })), es, 'es')).toBe('Incidente I-7 cerrado');
  });

  it('names a unit by callsign for a position fix', () => {
    expect(summarizeEvent(one(make.unitPosition({ callsign: 'Móvil 1' })), es, 'es')).toBe('Posición de Móvil 1');
  });

  it('keeps markup in free text as plain characters', () => {
    const e = one(make.bulletin({ title: '<b>x</b>' }));
    expect(summarizeEvent(e, es, 'es')).toBe('Comunicado: <b>x</b>');
  });
});

describe('eventText', () => {
  it('returns the text of events that have one', () => {
    expect(eventText(one(make.patrolReport({ text: 'Sin novedad' })))).toBe('Sin novedad');
    expect(eventText(one(make.queueUpdate()))).toBeUndefined();
    expect(eventText(one(make.incidentClosed()))).toBeUndefined();
  });
});

describe('isLateReport', () => {
  it('marks events received more than five minutes after they happened', () => {
    const e = one(make.patrolReport({ occurredAt: '2025-12-01T14:00:00-03:00' }));
    expect(isLateReport({ ...e, receivedAt: '2025-12-01T17:04:00Z' })).toBe(false);
    expect(isLateReport({ ...e, receivedAt: '2025-12-01T17:06:00Z' })).toBe(true);
  });
});

describe('latestEvents', () => {
  it('orders by seq, newest first, and cuts to the limit', () => {
    const events = make.stored([make.bulletin(), make.bulletin(), make.bulletin()]);
    expect(latestEvents([events[1], events[0], events[2]], 2).map((e) => e.seq)).toEqual([3, 2]);
  });
});

describe('feedForWall', () => {
  const NOW = Date.parse('2025-12-01T18:00:00Z');
  const MIN = 60_000;
  const at = (minutesAgo: number) => new Date(NOW - minutesAgo * MIN).toISOString();
  const events = make
    .stored([
      make.patrolReport({ text: 'viejo', occurredAt: at(120) }),
      make.bulletin({ title: 'hace 40 min', occurredAt: at(40) }),
      make.patrolReport({ text: 'hace 20 min', occurredAt: at(20) }),
      make.incident({ occurredAt: at(2) }),
    ])
    .map((e) => ({ ...e, receivedAt: e.occurredAt }));

  it('keeps every item younger than the keep time, newest first, however many there are', () => {
    expect(feedForWall(events, NOW, 30 * MIN, 1).map((e) => e.seq)).toEqual([4, 3]);
  });

  it('a report leaves once it is older than the keep time', () => {
    expect(feedForWall(events, NOW + 11 * MIN, 30 * MIN, 1).map((e) => e.seq)).toEqual([4]);
  });

  it('tops up with older items when few are recent', () => {
    expect(feedForWall(events, NOW, 30 * MIN, 3).map((e) => e.seq)).toEqual([4, 3, 2]);
  });
});
