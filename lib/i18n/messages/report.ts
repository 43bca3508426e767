/** Words on the report screens. Owned by components/report. */
export const es = {};
export const en: Record<keyof typeof es, string> = {};
