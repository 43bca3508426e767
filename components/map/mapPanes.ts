/**
 * The map's panes, bottom to top. Each kind of thing gets its own pane so the drawing order does not
 * depend on which layer happened to load first: the base geography arrives by fetch, after the
 * markers, and would otherwise cover them (toolchain gotcha 5).
 */
import type { Map as LeafletMap } from 'leaflet';

export interface PaneSpec {
  name: string;
  zIndex: number;
}

// Leaflet's own panes: tiles 200, overlays 400, shadows 500, markers 600, tooltips 650, popups 700.
export const MAP_PANES = {
  /** Land, borders, road: above any tile layer, below everything live. */
  geography: { name: 'concordia-geography', zIndex: 250 },
  /** Place names: above the lines they name, below every marker. */
  geographyLabels: { name: 'concordia-geography-labels', zIndex: 450 },
  deployments: { name: 'concordia-deployments', zIndex: 610 },
  /** Units (and their clusters) below posts and incidents: a unit moves on by itself, an incident does not. */
  units: { name: 'concordia-units', zIndex: 620 },
  posts: { name: 'concordia-posts', zIndex: 630 },
  /** Incidents on top: a click or tap on an incident opens the incident, whatever is under it. */
  incidents: { name: 'concordia-incidents', zIndex: 640 },
} as const satisfies Record<string, PaneSpec>;

/** Creates the pane on first use (panes live as long as the map) and returns its name. */
export function ensurePane(map: LeafletMap, pane: PaneSpec): string {
  const element = map.getPane(pane.name) ?? map.createPane(pane.name);
  element.style.zIndex = String(pane.zIndex);
  return pane.name;
}
