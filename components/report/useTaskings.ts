'use client';
/** The signed-in officer's taskings on the page's channel, followed live over the page's socket. */
import { useMemo } from 'react';
import { LIVE_CHANNEL } from '@/lib/contract/channelNames.ts';
import { useChannel } from '@/components/realtime/RealtimeProvider.tsx';
import type { Officer } from '@/components/report/officerSession.ts';
import { taskingsForUnit, type PhoneTasking } from '@/components/report/taskings.ts';

export function useTaskings(channel: string | null, officer: Officer | null): PhoneTasking[] {
  const { picture } = useChannel(channel ?? LIVE_CHANNEL);
  const agency = officer?.agency;
  const unitId = officer?.unitId;
  return useMemo(() => (agency && unitId && channel ? taskingsForUnit(picture, agency, unitId) : []), [picture, agency, unitId, channel]);
}
