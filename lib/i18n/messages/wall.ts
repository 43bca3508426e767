/** Words on the map. Owned by components/wall. */
export const es = {};
export const en: Record<keyof typeof es, string> = {};
