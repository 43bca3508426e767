'use client';
/**
 * A small agency mark for lists: a shape and a colour (told apart by shape as well, never by colour
 * alone) followed by the agency's name. Local to the wall until components/map/AgencyGlyph.tsx
 * settles the shapes for the map; then this should draw the same glyph.
 */
import type { ReactElement } from 'react';
import type { Agency } from '@/lib/contract/agencies.ts';
import { useI18n } from '@/components/i18n/I18nProvider.tsx';

const FILL: Record<Agency, string> = {
  carabineros: 'fill-carabineros',
  pdi: 'fill-pdi',
  pnp: 'fill-pnp',
  'ejercito-pe': 'fill-ejercito-pe',
  sermig: 'fill-civil',
  'migraciones-pe': 'fill-civil',
  'comite-binacional': 'fill-civil',
};

/** Shapes on a 20×20 box. */
const SHAPE: Record<Agency, (className: string) => ReactElement> = {
  carabineros: (c) => <circle className={c} cx="10" cy="10" r="8" />,
  pdi: (c) => <rect className={c} x="2.5" y="2.5" width="15" height="15" rx="1" />,
  pnp: (c) => <polygon className={c} points="10,1.5 18.5,17.5 1.5,17.5" />,
  'ejercito-pe': (c) => <polygon className={c} points="10,1 19,10 10,19 1,10" />,
  sermig: (c) => <polygon className={c} points="5.5,2 14.5,2 19,10 14.5,18 5.5,18 1,10" />,
  'migraciones-pe': (c) => <polygon className={c} points="10,1.5 18.5,7.7 15.3,17.8 4.7,17.8 1.5,7.7" />,
  'comite-binacional': (c) => (
    <polygon className={c} points="10,1 12.6,7 19,7.4 14.1,11.6 15.6,18 10,14.6 4.4,18 5.9,11.6 1,7.4 7.4,7" />
  ),
};

export function AgencyShape({ agency, size = 22 }: { agency: Agency; size?: number }) {
  return (
    <svg aria-hidden="true" width={size} height={size} viewBox="0 0 20 20" className="shrink-0">
      {SHAPE[agency](`${FILL[agency]} stroke-wall`)}
    </svg>
  );
}

export function AgencyBadge({ agency }: { agency: Agency }) {
  const { t } = useI18n();
  return (
    <span className="inline-flex items-center gap-2 font-semibold text-slate-100" data-agency={agency}>
      <AgencyShape agency={agency} />
      {t(`agency.${agency}`)}
    </span>
  );
}
