/**
 * Border control posts with queues. Positions are approximate (derived in
 * docs/scenario-facts.md, ±1.5 km, not yet checked against imagery): good for a map at zoom ~13,
 * not for navigation.
 */
export const BORDER_POST_IDS = ['santa-rosa', 'chacalluta'] as const;
export type BorderPostId = (typeof BORDER_POST_IDS)[number];

export interface BorderPost {
  id: BorderPostId;
  name: string;
  country: 'CL' | 'PE';
  lat: number;
  lon: number;
  approximate: true;
  /**
   * What queues here. Chile's exit and Peru's entry are both checked at Santa Rosa (integrated
   * control), so the Chile→Peru queue forms there; entry to Chile is at Chacalluta.
   */
  note: string;
}

export const BORDER_POSTS: Record<BorderPostId, BorderPost> = {
  'santa-rosa': {
    id: 'santa-rosa',
    name: 'Complejo Fronterizo Santa Rosa',
    country: 'PE',
    lat: -18.313,
    lon: -70.314,
    approximate: true,
    note: 'Salida de Chile y entrada a Perú (control integrado)',
  },
  chacalluta: {
    id: 'chacalluta',
    name: 'Complejo Fronterizo Chacalluta',
    country: 'CL',
    lat: -18.318,
    lon: -70.316,
    approximate: true,
    note: 'Entrada a Chile',
  },
};
