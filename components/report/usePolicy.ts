'use client';
/**
 * The limits this server applies to events (region bounds, longest text), from
 * /api/client-config, so the form refuses what the server would refuse. Remembered on the phone
 * for offline use; the contract's defaults until the first answer.
 */
import { useEffect, useState } from 'react';
import { z } from 'zod';
import { DEFAULT_POLICY, type ValidationPolicy } from '@/lib/contract/events.ts';
import { regionBoundsSchema } from '@/lib/geo/region.ts';

const REMEMBERED_POLICY_KEY = 'concordia.report.policy';
const policySchema = z.object({ bounds: regionBoundsSchema, maxTextLength: z.int().min(1) });

function read(value: unknown): ValidationPolicy | null {
  const parsed = policySchema.safeParse(value);
  return parsed.success ? { bounds: parsed.data.bounds, maxTextLength: parsed.data.maxTextLength } : null;
}

export function usePolicy(): ValidationPolicy {
  const [policy, setPolicy] = useState<ValidationPolicy>(DEFAULT_POLICY);
  useEffect(() => {
    try {
      const remembered = read(JSON.parse(localStorage.getItem(REMEMBERED_POLICY_KEY) ?? 'null'));
      if (remembered) setPolicy(remembered);
    } catch {
      // Nothing usable remembered: keep the defaults.
    }
    let cancelled = false;
    fetch('/api/client-config', { cache: 'no-store' })
      .then((res) => (res.ok ? res.json() : null))
      .then((body: unknown) => {
        const fresh = read(body);
        if (!fresh || cancelled) return;
        localStorage.setItem(REMEMBERED_POLICY_KEY, JSON.stringify(fresh));
        setPolicy(fresh);
      })
      .catch(() => {
        // Offline: the remembered limits (or the defaults) stand; the server checks again anyway.
      });
    return () => {
      cancelled = true;
    };
  }, []);
  return policy;
}
