/** Words on the training screens. Owned by components/training. */
export const es = {};
export const en: Record<keyof typeof es, string> = {};
