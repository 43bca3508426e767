import { describe, expect, it } from 'vitest';
import * as make from '@/lib/testing/eventFactory.ts';
import { TACNA_TIME_ZONE, ARICA_TIME_ZONE } from '@/lib/i18n/format.ts';
import { translate, type Translate } from '@/lib/i18n/messages.ts';
import type { Rejection } from '@/components/report/delivery.ts';
import { explainRejection, officerTimeZone, retryReasonKey, serverWords, summariseReport } from '@/components/report/outboxText.ts';

const es: Translate = (key, params) => translate('es', key, params);
const en: Translate = (key, params) => translate('en', key, params);

const wrongAgency: Rejection = {
  status: 403,
  code: 'forbidden',
  message: 'a officer of pdi may only post as pdi',
  problems: [{ field: 'agency', message: 'this credential posts for pdi, not pnp' }],
};

describe('summariseReport', () => {
  it('says what each report is in a line', () => {
    expect(summariseReport(make.incident({ kind: 'stranded-group', severity: 'high', people: 47, minors: 9, text: 'Sin agua' }), es)).toBe(
      'Incidente · Grupo varado · Alta · 47 personas · 9 menores · Sin agua',
    );
    expect(summariseReport(make.queueUpdate({ post: 'santa-rosa', direction: 'to-peru', waiting: 340 }), es)).toBe(
      'Fila en frontera · Santa Rosa hacia Perú · 340 esperando',
    );
    expect(summariseReport(make.unitPosition({ position: { lat: -18.31234, lon: -70.31 } }), en)).toBe('Position · -18.3123, -70.3100');
    expect(summariseReport(make.patrolReport({ text: 'x'.repeat(200) }), es)).toMatch(/^Patrullaje · x+…$/);
  });
});

describe('explainRejection', () => {
  it('tells an officer signed in for another agency why the report was refused', () => {
    expect(explainRejection(wrongAgency, 'pnp', 'pdi', es)).toBe(
      'Este reporte es de PNP, y la cuenta con la que ingresó publica para PDI: cada oficial publica solo para su propia institución.',
    );
  });
  it('has a reason for every other refusal', () => {
    expect(explainRejection({ ...wrongAgency, problems: [] }, 'pnp', 'pnp', es)).toBe('Su cuenta no puede publicar este reporte.');
    expect(explainRejection({ status: 400, code: 'invalid_events', message: '1 problem', problems: [] }, 'pnp', 'pnp', en)).toBe(
      'The server found invalid data.',
    );
    expect(explainRejection({ status: 413, code: 'body_too_large', message: 'too large', problems: [] }, 'pnp', 'pnp', es)).toBe(
      'El servidor no aceptó el reporte.',
    );
  });
  it('keeps the server’s own words', () => {
    expect(serverWords(wrongAgency)).toBe('a officer of pdi may only post as pdi — agency: this credential posts for pdi, not pnp');
  });
});

describe('officerTimeZone and retryReasonKey', () => {
  it('reads times on the officer’s side of the border', () => {
    expect(officerTimeZone('pnp')).toBe(TACNA_TIME_ZONE);
    expect(officerTimeZone('carabineros')).toBe(ARICA_TIME_ZONE);
    expect(officerTimeZone('comite-binacional')).toBe(ARICA_TIME_ZONE);
  });
  it('names why an attempt failed', () => {
    expect(retryReasonKey('network')).toBe('report.reason.network');
    expect(retryReasonKey('timeout')).toBe('report.reason.timeout');
    expect(retryReasonKey('HTTP 503')).toBe('report.reason.server');
  });
});
