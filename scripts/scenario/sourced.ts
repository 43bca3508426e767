/**
 * The sourced part of the scenario: every dated fact of shared/scenario-facts.md §1 that falls in
 * the window, as events with the sheet's citations, the milestones a trainer jumps to, and the
 * facts list that says which figure was chosen where sources disagree. Times of day the sheet does
 * not give are chosen here and flagged (`timeSourced: false`); counts the sheet does not give are
 * marked in the text as "(cifra supuesta)".
 */
import type { EventInput } from '../../lib/contract/events.ts';
import type { Milestone, ScenarioFact } from '../../lib/scenario/scenarioFile.ts';
import { isoOn, local, type Side } from './localTime.ts';
import { hito, offset, PLACES, rounded, type LatLon } from './places.ts';
import { refs, SEED_REF } from './refs.ts';

export const SCENARIO_SOURCE = 'scenario:dec-2025';

/** An event without what `event()` fills in; distributive, so each type keeps its own fields. */
type Body = EventInput extends infer E ? (E extends unknown ? Omit<E, 'occurredAt' | 'provenance' | 'releasability'> : never) : never;

function event(side: Side, when: string, body: Body, sources: number[], extra: { synthetic?: boolean; seed?: boolean } = {}): EventInput {
  const citations = refs(...sources);
  if (extra.seed) citations.push(SEED_REF);
  return {
    ...body,
    occurredAt: isoOn(side, local(side, when)),
    provenance: { source: SCENARIO_SOURCE, synthetic: extra.synthetic ?? false, refs: citations },
  } as EventInput;
}

const at = (point: LatLon) => rounded(point);

/** Army teams: ~3 km into Peru along the Panamericana, ~500 m either side of it (sheet, 30 Nov). */
const teamBase = offset(PLACES.santaRosa, 3_000, 12);
const TEAM_1 = offset(teamBase, 500, 282);
const TEAM_2 = offset(teamBase, 500, 102);
const PE_SIDE = (point: LatLon) => offset(point, 250, 315);

export function sourcedEvents(): EventInput[] {
  return [
    // 20 Nov — lead-in
    event('CL', '2025-11-20T12:00', {
      id: 'src-1120-kast-111', type: 'bulletin', agency: 'pdi',
      title: 'Prensa: video de Kast en la frontera',
      text: 'José Antonio Kast graba un video de campaña en la Línea de la Concordia (lado chileno) y dice a los migrantes irregulares que tienen 111 días para salir de Chile. Hora supuesta.',
      position: at(offset(PLACES.crossing, 300, 150)),
    }, [1, 2]),
    // 22 Nov
    event('PE', '2025-11-22T19:00', {
      id: 'src-1122-latina-groups', type: 'bulletin', agency: 'pnp',
      title: 'Prensa: grupos reunidos en La Concordia',
      text: 'Latina TV informa grupos de migrantes reunidos en La Concordia: entre 400 y 500 personas según la televisora (no verificado). Hora supuesta.',
      position: at(PLACES.strip),
    }, [3]),
    // 23–24 Nov
    event('PE', '2025-11-23T15:30', {
      id: 'src-1123-jeri-inspects', type: 'bulletin', agency: 'pnp',
      title: 'Jerí inspecciona la frontera',
      text: 'El presidente José Jerí inspecciona la frontera en Santa Rosa y anuncia que declarará el estado de emergencia. Las fuentes lo sitúan el 23 o 24 de noviembre por la tarde; aquí, 23 nov.',
      position: at(PLACES.santaRosa),
    }, [4, 5]),
    // 28 Nov — the queue at dawn, doubled patrols, the blocked road, the walk back
    event('PE', '2025-11-28T05:30', {
      id: 'src-1128-pnp-hitos', type: 'deployment', agency: 'pnp',
      deploymentId: 'PNP-HITOS-3-7', position: at(PE_SIDE(hito(5))), personnel: 24,
      area: 'Hitos 3 a 7',
      text: 'La PNP duplica los patrullajes entre los Hitos 3 y 7. Efectivos: cifra supuesta (la fuente no la da).',
    }, [6]),
    event('PE', '2025-11-28T08:00', {
      id: 'src-1128-migraciones-0800', type: 'bulletin', agency: 'migraciones-pe',
      title: 'Migraciones abre a las 08:00',
      text: 'Migrantes hacen fila desde la madrugada ante Migraciones Perú en Santa Rosa, que abre a las 08:00.',
      position: at(PLACES.santaRosa),
    }, [6]),
    event('CL', '2025-11-28T11:00', {
      id: 'src-1128-kast-103', type: 'bulletin', agency: 'pdi',
      title: 'Prensa: Kast, "103 días"',
      text: 'Nuevo video de Kast a los migrantes irregulares: "Tienen 103 días para salir voluntariamente", los que faltan para el 11 de marzo. Hora supuesta.',
    }, [9, 10], { seed: true }),
    event('PE', '2025-11-28T10:30', {
      id: 'src-1128-blockade-open', type: 'incident', agency: 'pnp',
      incidentId: 'INC-1128-BLOQUEO', kind: 'blockade', severity: 'high', position: at(offset(PLACES.santaRosa, 120, 200)),
      people: 100,
      text: 'Migrantes a quienes se niega el ingreso bloquean la vía frente a Santa Rosa, de forma intermitente. Unas 100 personas.',
    }, [7, 8], { seed: true }),
    event('PE', '2025-11-28T12:30', {
      id: 'src-1128-blockade-cleared', type: 'incident', agency: 'pnp',
      incidentId: 'INC-1128-BLOQUEO', kind: 'blockade', severity: 'medium', position: at(offset(PLACES.santaRosa, 120, 200)),
      people: 100,
      text: 'PNP y Carabineros despejan la vía; el bloqueo se repite a ratos. Unas 100 personas en la franja.',
    }, [7, 8]),
    event('PE', '2025-11-28T15:00', {
      id: 'src-1128-walk-back', type: 'incident.closed', agency: 'pnp',
      incidentId: 'INC-1128-BLOQUEO',
      text: 'Vía despejada. Unas 100 personas regresan caminando a Chile.',
    }, [7, 8]),
    event('PE', '2025-11-28T22:30', {
      id: 'src-1128-ds-135', type: 'bulletin', agency: 'pnp',
      title: 'DS 135-2025-PCM: estado de emergencia',
      text: 'Lima: el DS 135-2025-PCM declara 60 días de emergencia en Palca, Tacna y La Yarada–Los Palos. La PNP conduce con apoyo de las Fuerzas Armadas; comando unificado (CCO) bajo la Región Policial Tacna. Hora supuesta (la noche del 28).',
    }, [11, 12, 13, 14]),
    event('CL', '2025-11-28T23:00', {
      id: 'src-1128-committee-announced', type: 'bulletin', agency: 'sermig',
      title: 'Canciller anuncia comité binacional',
      text: 'El canciller Alberto van Klaveren anuncia un comité binacional con Perú sobre migración. Hora supuesta.',
    }, [14]),
    // 29 Nov — emergency in force; first troops; Chacalluta normal
    event('PE', '2025-11-29T00:00', {
      id: 'src-1129-emergency-in-force', type: 'bulletin', agency: 'pnp',
      title: 'Rige el estado de emergencia',
      text: 'Entra en vigor el estado de emergencia por 60 días desde el 29 de noviembre en Palca, Tacna y La Yarada–Los Palos.',
      position: at(PLACES.santaRosa),
    }, [12, 15]),
    event('PE', '2025-11-29T09:00', {
      id: 'src-1129-pnp-100', type: 'deployment', agency: 'pnp',
      deploymentId: 'PNP-SANTA-ROSA', position: at(offset(PLACES.santaRosa, 150, 20)), personnel: 100,
      area: 'Complejo Santa Rosa',
      text: '100 efectivos PNP en Santa Rosa; se anuncian puestos iluminados y patrullaje las 24 horas.',
    }, [12, 15, 16]),
    event('PE', '2025-11-29T10:00', {
      id: 'src-1129-army-50', type: 'deployment', agency: 'ejercito-pe',
      deploymentId: 'EP-SANTA-ROSA', position: at(offset(PLACES.santaRosa, 350, 40)), personnel: 50,
      area: 'Sector Santa Rosa',
      text: 'Llegan los primeros ~50 efectivos del Ejército a Santa Rosa (3ª Brigada de Caballería).',
    }, [15, 16]),
    event('CL', '2025-11-29T12:00', {
      id: 'src-1129-chacalluta-tour', type: 'bulletin', agency: 'sermig',
      title: 'Subsecretarios en Chacalluta',
      text: 'Los subsecretarios Ramos y Collado recorren el complejo Chacalluta. PDI y SERMIG informan flujo normal. Hora supuesta.',
      position: at(PLACES.chacalluta),
    }, [17, 18]),
    event('CL', '2025-11-29T12:30', {
      id: 'src-1129-pdi-normal-flow', type: 'patrol.report', agency: 'pdi',
      unitId: 'PDI-CH', position: at(PLACES.chacalluta),
      text: 'Control migratorio Chacalluta: flujo normal. Hora supuesta.',
    }, [17]),
    event('CL', '2025-11-29T23:00', {
      id: 'src-1129-tents', type: 'incident', agency: 'carabineros',
      incidentId: 'INC-1129-VARADOS', kind: 'stranded-group', severity: 'medium', position: at(PLACES.strip),
      people: 45,
      text: 'Entre 40 y 50 migrantes pernoctan en carpas en la franja entre los complejos (se usa 45). Hora supuesta.',
    }, [16]),
    // 30 Nov — troops deploy; the border committee's count
    event('PE', '2025-11-30T08:00', {
      id: 'src-1130-army-100', type: 'deployment', agency: 'ejercito-pe',
      deploymentId: 'EP-SANTA-ROSA', position: at(offset(PLACES.santaRosa, 350, 40)), personnel: 100,
      area: 'Frontera de Tacna',
      text: 'Se despliegan 100 soldados llegados el sábado por la noche (cifra de la semilla y de RPP). Otras fuentes: ~50 efectivos del Hito 1 al Hito 14 y la policía reforzada en 50 %.',
    }, [19, 20, 21], { seed: true }),
    event('PE', '2025-11-30T08:30', {
      id: 'src-1130-team-1', type: 'deployment', agency: 'ejercito-pe',
      deploymentId: 'EP-EQUIPO-1', position: at(TEAM_1), personnel: 10, area: 'Panamericana Sur, oeste',
      text: 'Primer equipo de 10 efectivos a ~500 m de la Panamericana Sur y ~3 km de la línea.',
    }, [19]),
    event('PE', '2025-11-30T08:30', {
      id: 'src-1130-team-2', type: 'deployment', agency: 'ejercito-pe',
      deploymentId: 'EP-EQUIPO-2', position: at(TEAM_2), personnel: 10, area: 'Panamericana Sur, este',
      text: 'Segundo equipo de 10 efectivos a ~500 m de la Panamericana Sur y ~3 km de la línea.',
    }, [19]),
    event('CL', '2025-11-30T12:00', {
      id: 'src-1130-border-committee', type: 'bulletin', agency: 'sermig',
      title: 'Comité de frontera en Arica',
      text: 'Se reúne el comité de frontera en Arica. Chile cuenta 14 personas entre los complejos (otra cuenta chilena: 16); la televisión peruana informa 18.',
      position: at(PLACES.arica),
    }, [22, 23, 20]),
    event('CL', '2025-11-30T12:05', {
      id: 'src-1130-stranded-14', type: 'incident', agency: 'carabineros',
      incidentId: 'INC-1129-VARADOS', kind: 'stranded-group', severity: 'medium', position: at(PLACES.strip),
      people: 14,
      text: 'Quedan 14 personas entre los complejos según Chile (otras cifras: 16; TV peruana: 18).',
    }, [22, 23, 20]),
    // 1 Dec — the committee; the 14:55 crossing; SERMIG's numbers
    event('PE', '2025-12-01T10:00', {
      id: 'src-1201-committee', type: 'bulletin', agency: 'comite-binacional',
      title: '1.er Comité Binacional de Cooperación Migratoria',
      text: 'Sesión virtual (van Klaveren, de Zela, de la Fuente, Denegri): coordinación Carabineros–PDI–PNP; patrullajes conjuntos vía RAMPOL; intercambio de información; métodos de verificación migratoria; los pasos siguen abiertos; grupo técnico en Tacna el 9 dic; seguimiento el 19 dic. Perú: se exige la salida regular de Chile antes de entrar. Hora supuesta (mañana en Lima).',
    }, [24, 25, 26, 27], { seed: true }),
    event('PE', '2025-12-01T12:55', {
      id: 'src-1201-crossing', type: 'incident', agency: 'pnp',
      incidentId: 'INC-1201-CRUCE', kind: 'crossing', severity: 'high', position: at(offset(PLACES.crossing, 60, 20)),
      people: 47, minors: 9,
      text: '14:55 (hora de Chile): un grupo de 38 adultos y 9 menores pasa a 2–3 efectivos PNP en la línea y camina unos cientos de metros hacia Santa Rosa. Otras cifras: 40, 50 y 70 personas.',
    }, [28, 29, 30, 31, 32], { seed: true }),
    event('PE', '2025-12-01T13:10', {
      id: 'src-1201-crossing-stopped', type: 'incident', agency: 'pnp',
      incidentId: 'INC-1201-CRUCE', kind: 'crossing', severity: 'high', position: at(offset(PLACES.santaRosa, 80, 200)),
      people: 47, minors: 9,
      text: 'Unos 100 efectivos PNP detienen al grupo frente al complejo Santa Rosa. Las fuentes dicen retenidos o rechazados, no arrestados.',
    }, [28, 29, 31]),
    event('PE', '2025-12-01T13:10', {
      id: 'src-1201-pnp-contain', type: 'deployment', agency: 'pnp',
      deploymentId: 'PNP-SANTA-ROSA', position: at(offset(PLACES.santaRosa, 150, 20)), personnel: 100,
      area: 'Complejo Santa Rosa',
      text: 'Unos 100 efectivos PNP contienen al grupo en Santa Rosa.',
    }, [29, 31]),
    event('CL', '2025-12-01T13:00', {
      id: 'src-1201-thayer', type: 'bulletin', agency: 'sermig',
      title: 'SERMIG: flujo normal',
      text: 'Santiago: el director de SERMIG, Luis Eduardo Thayer, dice que normalmente cruzan a Perú entre 6.000 y 7.000 personas al día, cerca de la mitad extranjeros; no hay crisis. Hora supuesta.',
    }, [33]),
    event('PE', '2025-12-01T17:30', {
      id: 'src-1201-walk-back', type: 'incident.closed', agency: 'pnp',
      incidentId: 'INC-1201-CRUCE',
      text: 'Horas después, el grupo regresa caminando a Chile. Hora de cierre supuesta.',
    }, [28, 29, 32]),
    event('PE', '2025-12-01T19:00', {
      id: 'src-1201-jeri-measures', type: 'bulletin', agency: 'pnp',
      title: 'Jerí: medidas correctivas',
      text: 'El presidente Jerí espera el informe de las fuerzas sobre "el error" ocurrido y promete medidas correctivas. Hora supuesta.',
    }, [29, 31], { seed: true }),
    // 2 Dec — quiet line
    event('PE', '2025-12-02T09:00', {
      id: 'src-1202-army-line', type: 'deployment', agency: 'ejercito-pe',
      deploymentId: 'EP-LINEA', position: at(PE_SIDE(hito(7))), personnel: 30, area: 'Línea de la Concordia',
      text: 'Entre 25 y 30 soldados patrullan hacia el este y el oeste de la línea (se usa 30).',
    }, [34]),
    event('PE', '2025-12-02T09:00', {
      id: 'src-1202-pnp-line', type: 'deployment', agency: 'pnp',
      deploymentId: 'PNP-LINEA', position: at(PE_SIDE(hito(6))), personnel: 60, area: 'Línea de la Concordia',
      text: 'Entre 50 y 60 efectivos PNP en la línea (se usa 60).',
    }, [34]),
    event('PE', '2025-12-02T09:30', {
      id: 'src-1202-no-migrants', type: 'patrol.report', agency: 'pnp',
      unitId: 'PNP-P1', position: at(PE_SIDE(hito(6))), people: 0,
      text: 'Línea de la Concordia: sin migrantes a la vista.',
    }, [34]),
    event('CL', '2025-12-02T10:00', {
      id: 'src-1202-strip-empty', type: 'incident.closed', agency: 'carabineros',
      incidentId: 'INC-1129-VARADOS',
      text: 'Sin migrantes en la franja entre los complejos.',
    }, [34]),
    // 3 Dec — Jerí in Tacna
    event('PE', '2025-12-03T09:00', {
      id: 'src-1203-jeri-tacna', type: 'bulletin', agency: 'pnp',
      title: 'Jerí en Tacna',
      text: 'Jerí en Tacna (izamiento de bandera, Fuerte Arica): llama "error" involuntario al paso del lunes; pide disciplina; excepciones humanitarias caso a caso. Un medio lo fecha el martes 2.',
      position: at(PLACES.fuerteArica),
    }, [35, 36]),
    // 9 Dec — technical meeting
    event('PE', '2025-12-09T10:00', {
      id: 'src-1209-technical', type: 'bulletin', agency: 'comite-binacional',
      title: 'Reunión técnica en Tacna',
      text: 'Reunión técnica consular y migratoria en Tacna (PE: Bravo, Balladares; CL: Bonet, Thayer). De Zela: no se habló de un corredor; requeriría a Chile, Perú, Ecuador y Colombia. Hora supuesta.',
      position: at(PLACES.tacna),
    }, [37, 38]),
    // 14 Dec — election day
    event('PE', '2025-12-14T07:00', {
      id: 'src-1214-pnp-400', type: 'deployment', agency: 'pnp',
      deploymentId: 'PNP-LINEA', position: at(PE_SIDE(hito(6))), personnel: 400, area: 'Línea de la Concordia',
      text: 'Más de 400 efectivos PNP de servicio las 24 horas en la línea durante la segunda vuelta chilena. Hora supuesta.',
    }, [41]),
    event('PE', '2025-12-14T12:00', {
      id: 'src-1214-no-migrants', type: 'patrol.report', agency: 'pnp',
      unitId: 'PNP-P1', position: at(PE_SIDE(hito(5))), people: 0,
      text: 'Día de elección en Chile: sin migrantes en la línea.',
    }, [41]),
    event('CL', '2025-12-14T18:00', {
      id: 'src-1214-polls-close', type: 'bulletin', agency: 'carabineros',
      title: 'Cierran las mesas',
      text: 'Segunda vuelta presidencial en Chile: cierran las mesas a las 18:00.',
    }, [39, 40]),
    event('CL', '2025-12-14T21:00', {
      id: 'src-1214-results', type: 'bulletin', agency: 'carabineros',
      title: 'Resultado de la segunda vuelta',
      text: 'Segunda vuelta en Chile: Kast 58,16 % (7.254.850 votos) frente a Jara 41,84 % (5.218.444). En Arica y Parinacota, Kast 62,79 %. Hora supuesta.',
    }, [39, 40]),
    // 16 Dec — the corridor idea (sheet, 22 Dec row)
    event('CL', '2025-12-16T12:00', {
      id: 'src-1216-corridor', type: 'bulletin', agency: 'pdi',
      title: 'Prensa: corredor humanitario',
      text: 'Kast impulsa desde hoy un corredor humanitario regional. No hubo vuelos ni corredor en diciembre de 2025. Hora supuesta.',
    }, [42]),
    // 19 Dec — follow-up: date sourced, venue only in the seed, outcome unknown → synthetic
    event('PE', '2025-12-19T10:00', {
      id: 'syn-1219-followup', type: 'bulletin', agency: 'comite-binacional',
      title: 'Seguimiento del Comité Binacional',
      text: 'Reunión de seguimiento programada para hoy. Su resultado no se encontró en las fuentes; solo la semilla la sitúa en Tacna. Contenido de ejercicio: el instructor decide lo tratado.',
    }, [26, 27], { synthetic: true, seed: true }),
  ];
}

const lt = (side: Side, when: string) => isoOn(side, local(side, when));

export const MILESTONES: Milestone[] = [
  { id: 'kast-111-dias', at: lt('CL', '2025-11-20T12:00'), title: { es: '20 nov · Kast: «111 días»', en: '20 Nov · Kast: "111 days"' }, eventId: 'src-1120-kast-111' },
  { id: 'colas-santa-rosa', at: lt('PE', '2025-11-28T05:00'), title: { es: '28 nov · Colas en Santa Rosa', en: '28 Nov · Queues at Santa Rosa' } },
  { id: 'ruta-bloqueada', at: lt('PE', '2025-11-28T10:30'), title: { es: '28 nov · Ruta bloqueada', en: '28 Nov · Road blocked' }, eventId: 'src-1128-blockade-open' },
  { id: 'decreto-emergencia', at: lt('PE', '2025-11-28T22:30'), title: { es: '28 nov · DS 135-2025-PCM', en: '28 Nov · Decree DS 135-2025-PCM' }, eventId: 'src-1128-ds-135' },
  { id: 'emergencia-en-vigor', at: lt('PE', '2025-11-29T00:00'), title: { es: '29 nov · Rige la emergencia', en: '29 Nov · Emergency in force' }, eventId: 'src-1129-emergency-in-force' },
  { id: 'despliegue-tropas', at: lt('PE', '2025-11-30T08:00'), title: { es: '30 nov · Despliegue de tropas', en: '30 Nov · Troops deploy' }, eventId: 'src-1130-army-100' },
  { id: 'comite-binacional', at: lt('PE', '2025-12-01T10:00'), title: { es: '1 dic · Comité Binacional', en: '1 Dec · Binational committee' }, eventId: 'src-1201-committee' },
  { id: 'cruce-1455', at: lt('CL', '2025-12-01T14:55'), title: { es: '1 dic · Cruce de las 14:55', en: '1 Dec · The 14:55 crossing' }, eventId: 'src-1201-crossing' },
  { id: 'jeri-en-tacna', at: lt('PE', '2025-12-03T09:00'), title: { es: '3 dic · Jerí en Tacna', en: '3 Dec · Jerí in Tacna' }, eventId: 'src-1203-jeri-tacna' },
  { id: 'reunion-tecnica', at: lt('PE', '2025-12-09T10:00'), title: { es: '9 dic · Reunión técnica', en: '9 Dec · Technical meeting' }, eventId: 'src-1209-technical' },
  { id: 'eleccion', at: lt('CL', '2025-12-14T18:00'), title: { es: '14 dic · Cierre de mesas', en: '14 Dec · Polls close' }, eventId: 'src-1214-polls-close' },
  { id: 'seguimiento', at: lt('PE', '2025-12-19T10:00'), title: { es: '19 dic · Seguimiento del comité', en: '19 Dec · Committee follow-up' }, eventId: 'syn-1219-followup' },
];

type FactInput = Omit<ScenarioFact, 'refs'> & { sources: number[]; seed?: boolean };
const fact = ({ sources, seed, ...rest }: FactInput): ScenarioFact => ({ ...rest, refs: [...refs(...sources), ...(seed ? [SEED_REF] : [])] });

export const FACTS: ScenarioFact[] = [
  fact({ id: 'kast-111', summary: '20 Nov: Kast video at the line, 111 days', confidence: 'C2', eventIds: ['src-1120-kast-111'], sources: [1, 2], timeSourced: false }),
  fact({ id: 'latina-groups', summary: '22 Nov: groups gathering at La Concordia', confidence: 'C', eventIds: ['src-1122-latina-groups'], sources: [3], chosen: '400–500 (as reported)', timeSourced: false }),
  fact({ id: 'jeri-inspects', summary: '23–24 Nov: Jerí inspects Santa Rosa, announces emergency', confidence: 'C2', eventIds: ['src-1123-jeri-inspects'], sources: [4, 5], chosen: '23 Nov', alternatives: ['24 Nov'], timeSourced: false }),
  fact({ id: 'queue-0800', summary: '28 Nov: queue at Migraciones, opens 08:00 PET', confidence: 'C2', eventIds: ['src-1128-migraciones-0800'], sources: [6], timeSourced: true }),
  fact({ id: 'pnp-doubles-patrols', summary: '28 Nov: PNP doubles patrols at Hitos 3–7', confidence: 'C2', eventIds: ['src-1128-pnp-hitos'], sources: [6], chosen: '24 officers (not in the sources)', timeSourced: false }),
  fact({ id: 'road-blocked', summary: '28 Nov: road blocked on and off, cleared by PNP and Carabineros; ~100 walk back', confidence: 'C2', eventIds: ['src-1128-blockade-open', 'src-1128-blockade-cleared', 'src-1128-walk-back'], sources: [7, 8], seed: true, timeSourced: false }),
  fact({ id: 'kast-103', summary: '28 Nov: Kast video, 103 days', confidence: 'C2', eventIds: ['src-1128-kast-103'], sources: [9, 10], seed: true, timeSourced: false }),
  fact({ id: 'decree', summary: '28 Nov: DS 135-2025-PCM, 60-day emergency; committee announced', confidence: 'C2', eventIds: ['src-1128-ds-135', 'src-1128-committee-announced'], sources: [11, 12, 13, 14], timeSourced: false }),
  fact({ id: 'emergency-in-force', summary: '29 Nov: emergency in force; 50 troops, 100 PNP; Chacalluta normal; 40–50 in tents', confidence: 'C2', eventIds: ['src-1129-emergency-in-force', 'src-1129-army-50', 'src-1129-pnp-100', 'src-1129-chacalluta-tour', 'src-1129-pdi-normal-flow', 'src-1129-tents'], sources: [12, 15, 16, 17, 18], chosen: '45 in tents', alternatives: ['40', '50'], timeSourced: false }),
  fact({ id: 'troops-deploy', summary: '30 Nov: soldiers deploy at the Tacna border', confidence: 'X', eventIds: ['src-1130-army-100', 'src-1130-team-1', 'src-1130-team-2'], sources: [19, 20, 21], seed: true, chosen: '100 soldiers (seed and [19])', alternatives: ['~50 from Hito 1 to Hito 14, police up 50% ([20][21])'], timeSourced: false }),
  fact({ id: 'border-committee-count', summary: '30 Nov: border committee in Arica; people between the complexes', confidence: 'C2', eventIds: ['src-1130-border-committee', 'src-1130-stranded-14'], sources: [22, 23, 20], chosen: '14 (Chile)', alternatives: ['16 (Chile)', '18 (Peruvian TV)'], timeSourced: false }),
  fact({ id: 'committee-1', summary: '1 Dec: 1st Binational Committee (virtual)', confidence: 'C2', eventIds: ['src-1201-committee'], sources: [24, 25, 26, 27], seed: true, timeSourced: false }),
  fact({ id: 'crossing-1455', summary: '1 Dec 14:55 CLST: group walks to Santa Rosa, stopped by ~100 PNP, walks back', confidence: 'X', eventIds: ['src-1201-crossing', 'src-1201-crossing-stopped', 'src-1201-pnp-contain', 'src-1201-walk-back', 'src-1201-jeri-measures'], sources: [28, 29, 30, 31, 32], seed: true, chosen: '38 adults + 9 minors = 47', alternatives: ['40', '50', '70', 'more than 50 (seed)'], timeSourced: true }),
  fact({ id: 'thayer', summary: '1 Dec: SERMIG, 6,000–7,000 a day to Peru', confidence: 'C', eventIds: ['src-1201-thayer'], sources: [33], timeSourced: false }),
  fact({ id: 'quiet-line-2dec', summary: '2 Dec: 25–30 troops, 50–60 PNP, no migrants', confidence: 'C', eventIds: ['src-1202-army-line', 'src-1202-pnp-line', 'src-1202-no-migrants', 'src-1202-strip-empty'], sources: [34], chosen: '30 troops, 60 PNP', alternatives: ['25 troops', '50 PNP'], timeSourced: false }),
  fact({ id: 'jeri-tacna', summary: '3 Dec: Jerí in Tacna calls the breach an error', confidence: 'X', eventIds: ['src-1203-jeri-tacna'], sources: [35, 36], chosen: 'Wed 3 Dec', alternatives: ['Tue 2 Dec (one outlet)'], timeSourced: false }),
  fact({ id: 'technical-meeting', summary: '9 Dec: technical meeting in Tacna', confidence: 'C2', eventIds: ['src-1209-technical'], sources: [37, 38], timeSourced: false }),
  fact({ id: 'election', summary: '14 Dec: runoff; polls close 18:00; 400+ PNP on the line', confidence: 'C2', eventIds: ['src-1214-polls-close', 'src-1214-results', 'src-1214-pnp-400', 'src-1214-no-migrants'], sources: [39, 40, 41], timeSourced: true }),
  fact({ id: 'corridor', summary: 'From 16 Dec: Kast pushes a regional corridor', confidence: 'C2', eventIds: ['src-1216-corridor'], sources: [42], timeSourced: false }),
  fact({ id: 'follow-up', summary: '19 Dec: committee follow-up (scheduled; outcome not found; venue only in the seed)', confidence: 'S', eventIds: ['syn-1219-followup'], sources: [26, 27], seed: true, timeSourced: false }),
];
