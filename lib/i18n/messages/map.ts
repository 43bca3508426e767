/** Words on the map. Owned by components/map. */
export const es = {};
export const en: Record<keyof typeof es, string> = {};
