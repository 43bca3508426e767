'use client';
/**
 * Optional position sharing: while switched on and the page is open, the unit's GPS position is
 * queued as a unit.position every SHARE_INTERVAL_MS through the same outbox as every report.
 * Off whenever the page opens: sharing is the officer's choice each time.
 */
import { useEffect, useRef, useState } from 'react';
import type { EventInput, ValidationPolicy } from '@/lib/contract/events.ts';
import type { Officer } from '@/components/report/officerSession.ts';
import { buildReport, EMPTY_DRAFT } from '@/components/report/reportDraft.ts';
import { newReportId } from '@/components/report/reportId.ts';
import type { GpsState } from '@/components/report/useGeolocation.ts';

/** Often enough for the wall to follow a patrol, rare enough for a phone battery and a weak link. */
export const SHARE_INTERVAL_MS = 30_000;

export interface SharingOptions {
  enabled: boolean;
  gps: GpsState;
  officer: Officer | null;
  policy: ValidationPolicy;
  enqueue: (event: EventInput, options?: { auto?: boolean }) => Promise<void>;
  /** When a position is taken (ISO): real time live, the exercise clock in an exercise. */
  occurredAt: () => string;
}

/** Returns when a position was last queued (epoch ms), or null. */
export function usePositionSharing({ enabled, gps, officer, policy, enqueue, occurredAt }: SharingOptions): number | null {
  const [lastSharedAt, setLastSharedAt] = useState<number | null>(null);
  const latest = useRef({ gps, officer, policy, enqueue, occurredAt });
  latest.current = { gps, officer, policy, enqueue, occurredAt };
  const canShare = enabled && gps.status === 'fixed' && Boolean(officer?.unitId);

  useEffect(() => {
    if (!canShare) return;
    const share = () => {
      const { gps: now, officer: who, policy: limits, enqueue: queue, occurredAt: timeOf } = latest.current;
      if (!who || !now.fix) return;
      const built = buildReport(
        { ...EMPTY_DRAFT, type: 'unit.position', position: now.fix },
        { agency: who.agency, unitId: who.unitId, id: newReportId(), occurredAt: timeOf() },
        limits,
      );
      // Outside the region (a GPS glitch, or the unit left the area): nothing to share.
      if (!built.ok) return;
      void queue(built.event, { auto: true }).then(() => setLastSharedAt(Date.now()));
    };
    share();
    const timer = setInterval(share, SHARE_INTERVAL_MS);
    return () => clearInterval(timer);
  }, [canShare]);

  return lastSharedAt;
}
