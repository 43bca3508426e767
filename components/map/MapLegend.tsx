'use client';
/**
 * What the map's symbols mean: each agency's glyph, the faded look, clusters, incidents, posts,
 * deployments, the border and the road. Drawn from the same styles as the map itself, as one
 * compact strip under the map (OperationsMap), so it never covers a post, an incident or a popup.
 */
import '@/components/map/map.css';
import type { ReactNode } from 'react';
import { useI18n } from '@/components/i18n/I18nProvider.tsx';
import { AgencyGlyph } from '@/components/map/AgencyGlyph.tsx';
import { DISTINCT_AGENCIES, SHARED_LOOK_AGENCIES } from '@/components/map/agencyStyle.ts';
import { LEGEND_LINES } from '@/components/map/layers/geographyStyle.ts';

const GLYPH_PX = 20;

export interface MapLegendProps {
  /** The same value the map fades units with. */
  fadeMinutes: number;
  className?: string;
}

export function MapLegend({ fadeMinutes, className }: MapLegendProps) {
  const { t } = useI18n();
  return (
    <section className={className ? `cmap-legend ${className}` : 'cmap-legend'} aria-label={t('map.legend.title')}>
      <h2 className="cmap-legend__title">{t('map.legend.title')}</h2>
      <ul className="cmap-legend__list">
        {DISTINCT_AGENCIES.map((agency) => (
          <Item key={agency} symbol={<AgencyGlyph agency={agency} size={GLYPH_PX} decorative />}>
            {t(`agency.${agency}`)}
          </Item>
        ))}
        <Item symbol={<AgencyGlyph agency={SHARED_LOOK_AGENCIES[0]} size={GLYPH_PX} decorative />}>{t('map.legend.otherAgencies')}</Item>
        <Item symbol={<AgencyGlyph agency="carabineros" size={GLYPH_PX} faded decorative />}>
          {t('map.legend.faded', { n: fadeMinutes })}
        </Item>
        <Item symbol={<span className="cmap-legend__cluster">12</span>}>{t('map.legend.cluster')}</Item>
        <Item symbol={<span className="cmap-legend__incident">!</span>}>{t('map.legend.incident')}</Item>
        <Item symbol={<span className="cmap-legend__post" />}>{t('map.legend.post')}</Item>
        <Item symbol={<span className="cmap-legend__deployment" />}>{t('map.legend.deployment')}</Item>
        <Item symbol={<LineSwatch {...LEGEND_LINES.border} />}>{t('map.legend.border')}</Item>
        <Item symbol={<LineSwatch {...LEGEND_LINES.road} />}>{t('map.legend.road')}</Item>
        <li className="cmap-legend__note">{t('map.legend.approximate')}</li>
      </ul>
    </section>
  );
}

function Item({ symbol, children }: { symbol: ReactNode; children: ReactNode }) {
  return (
    <li className="cmap-legend__item">
      <span className="cmap-legend__symbol" aria-hidden="true">
        {symbol}
      </span>
      <span>{children}</span>
    </li>
  );
}

function LineSwatch({ colour, width, dash }: { colour: string; width: number; dash?: string }) {
  return (
    <svg width={GLYPH_PX * 1.5} height={GLYPH_PX} viewBox={`0 0 ${GLYPH_PX * 1.5} ${GLYPH_PX}`}>
      <line x1={2} x2={GLYPH_PX * 1.5 - 2} y1={GLYPH_PX / 2} y2={GLYPH_PX / 2} stroke={colour} strokeWidth={width} strokeDasharray={dash} />
    </svg>
  );
}
