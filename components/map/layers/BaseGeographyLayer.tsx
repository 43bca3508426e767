'use client';
/**
 * The offline base map: land, the Chile–Peru border, the Panamericana and place names, from
 * public/geo/arica-tacna.geojson, in panes below every live marker.
 */
import { geoJSON, layerGroup, marker, type Layer } from 'leaflet';
import { useEffect } from 'react';
import { useMap } from 'react-leaflet';
import { useI18n } from '@/components/i18n/I18nProvider.tsx';
import type { GeographyCollection, GeographyFeature } from '@/components/map/layers/geographyProperties.ts';
import { createFeatureTooltip, createPlaceLabelIcon, hasBaseLabel } from '@/components/map/layers/geographyLabels.ts';
import { pathStyle } from '@/components/map/layers/geographyStyle.ts';
import { MAP_PANES, ensurePane } from '@/components/map/mapPanes.ts';
import { useGeography } from '@/components/map/layers/useGeography.ts';

export interface BaseGeographyLayerProps {
  /** False when a tile layer already draws the land. */
  drawLand: boolean;
}

export function BaseGeographyLayer({ drawLand }: BaseGeographyLayerProps) {
  const map = useMap();
  const geography = useGeography();
  const { t } = useI18n();

  useEffect(() => {
    if (!geography) return;
    const linesPane = ensurePane(map, MAP_PANES.geography);
    const labelsPane = ensurePane(map, MAP_PANES.geographyLabels);
    const group = layerGroup([
      areasAndLines(geography, linesPane, drawLand, t('map.approximateLine')),
      placeLabels(geography, labelsPane, t('map.approximate')),
    ]);
    group.addTo(map);
    return () => {
      group.remove();
    };
  }, [map, geography, drawLand, t]);

  return null;
}

function areasAndLines(geography: GeographyCollection, pane: string, drawLand: boolean, approximateNote: string): Layer {
  const kindOf = (f: unknown) => (f as GeographyFeature).properties.kind;
  const style = (f: unknown) => pathStyle((f as GeographyFeature).properties, drawLand);
  // Land ignores the pointer (no hand cursor over the whole map); lines name themselves on hover.
  const land = geoJSON(geography, { pane, interactive: false, filter: (f) => kindOf(f) === 'country', style });
  const lines = geoJSON(geography, {
    pane,
    filter: (f) => kindOf(f) === 'border' || kindOf(f) === 'road',
    style,
    onEachFeature: (f, layer) => {
      const p = (f as GeographyFeature).properties;
      layer.bindTooltip(createFeatureTooltip(p.name, p.approximate ? approximateNote : undefined), { sticky: true });
    },
  });
  return layerGroup([land, lines]);
}

function placeLabels(geography: GeographyCollection, pane: string, approximateNote: string): Layer {
  const labels = layerGroup();
  for (const f of geography.features) {
    if (f.geometry.type !== 'Point' || !hasBaseLabel(f.properties)) continue;
    const [lon, lat] = f.geometry.coordinates;
    const label = marker([lat, lon], {
      pane,
      icon: createPlaceLabelIcon(f.properties),
      interactive: f.properties.approximate,
      keyboard: false,
    });
    if (f.properties.approximate) label.bindTooltip(createFeatureTooltip(f.properties.name, approximateNote));
    label.addTo(labels);
  }
  return labels;
}
