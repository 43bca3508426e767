'use client';
/** Credits Natural Earth and warns that positions are approximate, in the reader's language. */
import { useEffect } from 'react';
import { useMap } from 'react-leaflet';
import { useI18n } from '@/components/i18n/I18nProvider.tsx';

export function MapAttribution() {
  const map = useMap();
  const { t } = useI18n();
  const text = t('map.attribution');
  useEffect(() => {
    const control = map.attributionControl;
    if (!control) return;
    // Leaflet's prefix is a link with a flag icon: noise on a wall that nobody clicks.
    control.setPrefix(false);
    // addAttribution takes HTML; this text is ours (messages/map.ts), never from a sender.
    control.addAttribution(text);
    return () => {
      control.removeAttribution(text);
    };
  }, [map, text]);
  return null;
}
