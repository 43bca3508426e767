/** The public wait-time page (/espera): for travellers, in plain words, not police vocabulary. */
export const es = {
  'public.title': 'Tiempos de espera en la frontera',
  'public.subtitle': 'Arica–Tacna: pasos Chacalluta y Santa Rosa',
  'public.waiting': 'personas en fila',
  'public.wait': 'Espera estimada: {duration}',
  'public.wait.unknown': 'Espera estimada: sin dato',
  'public.updated': 'Informado {time} ({age})',
  'public.none': 'Aún no hay datos publicados para este paso.',
  'public.loading': 'Cargando…',
  'public.error': 'No se pudo actualizar. Se muestran los últimos datos recibidos.',
  'public.refreshed': 'Página actualizada {time}',
  'public.note': 'Datos informados por las policías de Chile y Perú; pueden cambiar rápidamente.',
  'public.openData': 'Datos abiertos',
  'public.minutes': '{n} min',
  'public.hours': '{h} h {m} min',
};

export const en: Record<keyof typeof es, string> = {
  'public.title': 'Border wait times',
  'public.subtitle': 'Arica–Tacna: Chacalluta and Santa Rosa crossings',
  'public.waiting': 'people in line',
  'public.wait': 'Estimated wait: {duration}',
  'public.wait.unknown': 'Estimated wait: not reported',
  'public.updated': 'Reported {time} ({age})',
  'public.none': 'No data published for this crossing yet.',
  'public.loading': 'Loading…',
  'public.error': 'Could not refresh. Showing the last data received.',
  'public.refreshed': 'Page refreshed {time}',
  'public.note': 'Reported by the police of Chile and Peru; it can change quickly.',
  'public.openData': 'Open data',
  'public.minutes': '{n} min',
  'public.hours': '{h} h {m} min',
};
