'use client';
/**
 * The limits this server applies to events (region bounds, longest text), from the client config,
 * so the form refuses what the server would refuse. Remembered on the phone for offline use; the
 * contract's defaults until the first answer.
 */
import { useMemo } from 'react';
import { DEFAULT_POLICY, type ValidationPolicy } from '@/lib/contract/events.ts';
import { useClientConfig } from '@/components/config/useClientConfig.ts';

export function usePolicy(): ValidationPolicy {
  const config = useClientConfig({ remember: true });
  return useMemo(() => (config ? { bounds: config.bounds, maxTextLength: config.maxTextLength } : DEFAULT_POLICY), [config]);
}
