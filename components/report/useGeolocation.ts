'use client';
/**
 * The phone's GPS while the report page is open. Denied or absent GPS is a normal case at the
 * border (old phones, permission refused), not an error: the officer then taps the map.
 */
import { useEffect, useState } from 'react';
import type { Position } from '@/lib/contract/events.ts';

export type GpsStatus = 'locating' | 'fixed' | 'denied' | 'unavailable';

export interface GpsState {
  status: GpsStatus;
  /** The latest fix, rounded to 1e-5° (about a metre): finer digits are noise. */
  fix: Position | null;
  /** Metres (95 %), as the phone reports it. */
  accuracy: number | null;
  /** Epoch ms of the fix. */
  at: number | null;
}

/** A fix older than this is not "where the unit is" any more. */
const MAX_FIX_AGE_MS = 60_000;
/** Give up waiting for a first fix after this and let the officer use the map. */
const FIRST_FIX_TIMEOUT_MS = 20_000;

export function useGeolocation(): GpsState {
  const [state, setState] = useState<GpsState>({ status: 'locating', fix: null, accuracy: null, at: null });
  useEffect(() => {
    if (!('geolocation' in navigator)) {
      setState((s) => ({ ...s, status: 'unavailable' }));
      return;
    }
    const watch = navigator.geolocation.watchPosition(
      (position) =>
        setState({
          status: 'fixed',
          fix: { lat: round(position.coords.latitude), lon: round(position.coords.longitude) },
          accuracy: Math.round(position.coords.accuracy),
          at: position.timestamp,
        }),
      (error) =>
        // A timeout after a fix keeps the fix; anything else without one means: use the map.
        setState((s) =>
          error.code === error.PERMISSION_DENIED
            ? { status: 'denied', fix: null, accuracy: null, at: null }
            : s.fix
              ? s
              : { ...s, status: 'unavailable' },
        ),
      { enableHighAccuracy: true, maximumAge: MAX_FIX_AGE_MS, timeout: FIRST_FIX_TIMEOUT_MS },
    );
    return () => navigator.geolocation.clearWatch(watch);
  }, []);
  return state;
}

function round(degrees: number): number {
  return Math.round(degrees * 1e5) / 1e5;
}
