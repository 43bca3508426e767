/**
 * Words on the map. Owned by components/map. Keys start with `map.` so they cannot collide with
 * the other screens' words when messages.ts joins them. Agency, post and direction names are
 * shared and live in common.ts.
 */
export const es = {
  'map.region': 'Mapa de operaciones Arica–Tacna',
  'map.attribution': 'Natural Earth · posiciones aproximadas',
  'map.approximate': 'posición aproximada',
  'map.approximateLine': 'trazado aproximado, esquemático',

  'map.unit.now': 'ahora',
  'map.unit.lastReport': 'último reporte {age}',
  'map.unit.faded': 'sin reporte reciente',

  'map.status.patrolling': 'Patrullando',
  'map.status.stationary': 'Detenida en su puesto',
  'map.status.responding': 'Acudiendo',
  'map.status.returning': 'Regresando',
  'map.status.off-duty': 'Fuera de servicio',

  'map.popup.agency': 'Institución',
  'map.popup.unit': 'Unidad',
  'map.popup.callsign': 'Indicativo',
  'map.popup.status': 'Estado',
  'map.popup.lastSeen': 'Última posición',
  'map.popup.lastReport': 'Último informe',
  'map.popup.noReport': 'Sin informes de patrulla.',
  'map.popup.unknown': 'sin dato',
  'map.popup.source': 'Fuente',
  'map.popup.severity': 'Gravedad',
  'map.popup.people': 'Personas',
  'map.popup.opened': 'Abierto',
  'map.popup.updated': 'Actualizado',
  'map.popup.personnel': 'Efectivos',
  'map.popup.area': 'Zona',
  'map.popup.synthetic': 'SIMULADO (material de entrenamiento)',

  'map.post.noData': 'sin datos',
  'map.post.queue': '{direction}: {count}',

  'map.kind.crossing': 'Cruce irregular',
  'map.kind.blockade': 'Bloqueo',
  'map.kind.stranded-group': 'Grupo varado',
  'map.kind.medical': 'Emergencia médica',
  'map.kind.smuggling': 'Contrabando',
  'map.kind.other': 'Incidente',

  'map.severity.low': 'baja',
  'map.severity.medium': 'media',
  'map.severity.high': 'alta',
  'map.severity.critical': 'crítica',

  'map.people.one': '1 persona',
  'map.people.other': '{n} personas',
  'map.minors.one': '1 menor',
  'map.minors.other': '{n} menores',
  'map.personnel.one': '1 efectivo',
  'map.personnel.other': '{n} efectivos',

  'map.incident.label': 'Incidente: {kind}, gravedad {severity}',
  'map.deployment.label': 'Despliegue {agency}: {personnel}',
  'map.deployment.title': 'Despliegue {agency}',

  'map.legend.title': 'Leyenda',
  'map.legend.otherAgencies': 'Otras instituciones',
  'map.legend.faded': 'Atenuado: sin reporte en más de {n} min',
  'map.legend.incident': 'Incidente abierto (más grande: gravedad alta o crítica)',
  'map.legend.post': 'Complejo fronterizo: personas esperando',
  'map.legend.deployment': 'Despliegue: efectivos',
  'map.legend.border': 'Límite Chile–Perú',
  'map.legend.road': 'Ruta 5 / Panamericana',
  'map.legend.approximate': '≈ posición o trazado aproximado',
};

export const en: Record<keyof typeof es, string> = {
  'map.region': 'Arica–Tacna operations map',
  'map.attribution': 'Natural Earth · approximate positions',
  'map.approximate': 'approximate position',
  'map.approximateLine': 'approximate, schematic line',

  'map.unit.now': 'now',
  'map.unit.lastReport': 'last report {age}',
  'map.unit.faded': 'no recent report',

  'map.status.patrolling': 'Patrolling',
  'map.status.stationary': 'Holding position',
  'map.status.responding': 'Responding',
  'map.status.returning': 'Returning',
  'map.status.off-duty': 'Off duty',

  'map.popup.agency': 'Agency',
  'map.popup.unit': 'Unit',
  'map.popup.callsign': 'Callsign',
  'map.popup.status': 'Status',
  'map.popup.lastSeen': 'Last position',
  'map.popup.lastReport': 'Last report',
  'map.popup.noReport': 'No patrol reports.',
  'map.popup.unknown': 'unknown',
  'map.popup.source': 'Source',
  'map.popup.severity': 'Severity',
  'map.popup.people': 'People',
  'map.popup.opened': 'Opened',
  'map.popup.updated': 'Updated',
  'map.popup.personnel': 'Personnel',
  'map.popup.area': 'Area',
  'map.popup.synthetic': 'SIMULATED (training material)',

  'map.post.noData': 'no data',
  'map.post.queue': '{direction}: {count}',

  'map.kind.crossing': 'Irregular crossing',
  'map.kind.blockade': 'Blockade',
  'map.kind.stranded-group': 'Stranded group',
  'map.kind.medical': 'Medical emergency',
  'map.kind.smuggling': 'Smuggling',
  'map.kind.other': 'Incident',

  'map.severity.low': 'low',
  'map.severity.medium': 'medium',
  'map.severity.high': 'high',
  'map.severity.critical': 'critical',

  'map.people.one': '1 person',
  'map.people.other': '{n} people',
  'map.minors.one': '1 minor',
  'map.minors.other': '{n} minors',
  'map.personnel.one': '1 officer',
  'map.personnel.other': '{n} personnel',

  'map.incident.label': 'Incident: {kind}, {severity} severity',
  'map.deployment.label': '{agency} deployment: {personnel}',
  'map.deployment.title': '{agency} deployment',

  'map.legend.title': 'Legend',
  'map.legend.otherAgencies': 'Other agencies',
  'map.legend.faded': 'Faded: no report for over {n} min',
  'map.legend.incident': 'Open incident (larger: high or critical severity)',
  'map.legend.post': 'Border complex: people waiting',
  'map.legend.deployment': 'Deployment: personnel',
  'map.legend.border': 'Chile–Peru border',
  'map.legend.road': 'Route 5 / Pan-American Highway',
  'map.legend.approximate': '≈ approximate position or line',
};
