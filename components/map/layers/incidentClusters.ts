/**
 * Open incidents close together on screen (eight around one complex, at the whole-area framing)
 * drawn as one marker: how many, the most severe among them, and the count per severity. Zoomed in,
 * each stands alone again. Pure, so the rules are unit-tested; IncidentMarkersLayer draws them.
 */
import type { Severity } from '@/lib/contract/events.ts';
import { formatCount } from '@/lib/i18n/format.ts';
import type { Locale } from '@/lib/i18n/locale.ts';
import type { IncidentState } from '@/lib/projection/picture.ts';
import { clusterOnScreen } from '@/components/map/screenClusters.ts';
import type { Translate } from '@/lib/i18n/messages.ts';

/** Incident discs are 36–54 px at 1080p: nearer than this, they cover each other. */
export const INCIDENT_CLUSTER_RADIUS_PX = 44;

/** Most severe first (the order of the contract's SEVERITIES, reversed; kept here to stay zod-free). */
const SEVERITY_ORDER: readonly Severity[] = ['critical', 'high', 'medium', 'low'];

export interface IncidentCluster {
  key: string;
  lat: number;
  lon: number;
  count: number;
  /** Per severity, most severe first, only those present. */
  severities: { severity: Severity; count: number }[];
  /** The most severe among its members: the marker's colour and size. */
  worst: Severity;
  expansionZoom: number;
}

export function clusterIncidents(
  incidents: readonly IncidentState[],
  zoom: number,
  radiusPx = INCIDENT_CLUSTER_RADIUS_PX,
): { singles: IncidentState[]; clusters: IncidentCluster[] } {
  const items = incidents.map((incident) => ({
    key: incident.incidentId,
    lat: incident.position.lat,
    lon: incident.position.lon,
    counters: { [incident.severity]: 1 },
  }));
  const { singles, clusters } = clusterOnScreen(items, zoom, radiusPx);
  const alone = new Set(singles);
  return {
    // Kept in the order given (most severe first), which is also their drawing order.
    singles: incidents.filter((incident) => alone.has(incident.incidentId)),
    clusters: clusters.map(({ counters, ...cluster }) => {
      const severities = SEVERITY_ORDER.filter((s) => (counters[s] ?? 0) > 0).map((severity) => ({ severity, count: counters[severity]! }));
      return { ...cluster, severities, worst: severities[0]?.severity ?? 'low' };
    }),
  };
}

/** "8 incidentes" and "crítica 2 · alta 2 · media 4". */
export function incidentClusterText(cluster: IncidentCluster, t: Translate, locale: Locale): { title: string; detail: string } {
  return {
    title: t('map.incidentCluster.title', { n: formatCount(cluster.count, locale) }),
    detail: cluster.severities.map(({ severity, count }) => `${t(`map.severity.${severity}`)} ${formatCount(count, locale)}`).join(' · '),
  };
}
