/**
 * A cluster of units: a disc with how many there are, ringed by its agencies' colours in proportion
 * (a conic gradient), and under it one small glyph per agency with its count. Zero-sized at the
 * cluster's centre; map.css sizes it in rem.
 */
import { divIcon, type DivIcon } from 'leaflet';
import { agencyStyle, createAgencyGlyph } from '@/components/map/agencyStyle.ts';
import { element, leaderLine } from '@/components/map/dom.ts';
import type { UnitCluster } from '@/components/map/units/unitClusters.ts';

export function createClusterIcon(cluster: UnitCluster, countText: string): DivIcon {
  const root = element('div', cluster.fadedCount === cluster.count ? 'cmap-cluster cmap-cluster--faded' : 'cmap-cluster');
  const disc = element('span', 'cmap-cluster__disc');
  disc.setAttribute('data-map-mark', 'cluster');
  disc.style.setProperty('--cluster-ring', ringGradient(cluster));
  disc.appendChild(element('span', 'cmap-cluster__count', countText));
  const mix = element('span', 'cmap-cluster__mix');
  mix.setAttribute('data-map-label', 'cluster');
  mix.setAttribute('data-label-flip', 'y');
  for (const { agency, count } of cluster.agencies) {
    const part = element('span', 'cmap-cluster__part');
    part.append(createAgencyGlyph(agency, { size: 16, className: 'cmap-cluster__glyph' }), element('span', undefined, String(count)));
    mix.appendChild(part);
  }
  // The body can be nudged off the spot when an incident or a post sits there (useLabelDeclutter);
  // the leader line then joins it to where its units are.
  const body = element('span', 'cmap-cluster__body');
  body.setAttribute('data-nudge', '');
  body.append(disc, mix);
  root.append(leaderLine(), body);
  return divIcon({ html: root, className: 'cmap-marker cmap-marker--cluster', iconSize: [0, 0] });
}

/** "conic-gradient(#0a0 0 35%, #36f 35% 67%, …)": each agency's share of the ring. */
function ringGradient(cluster: UnitCluster): string {
  let start = 0;
  const stops = cluster.agencies.map(({ agency, count }) => {
    const end = start + (count / cluster.count) * 100;
    const stop = `${agencyStyle(agency).colour} ${start.toFixed(1)}% ${end.toFixed(1)}%`;
    start = end;
    return stop;
  });
  return `conic-gradient(${stops.join(', ')})`;
}
