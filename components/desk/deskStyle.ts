/** Colours of the desk's labels: each says its meaning in words too, never by colour alone. */
import type { Severity } from '@/lib/contract/events.ts';
import type { DeskUnitStatus, IncidentStatus } from '@/components/desk/deskView.ts';

export const SEVERITY_STYLE: Record<Severity, string> = {
  critical: 'bg-alert text-white',
  high: 'bg-alert text-white',
  medium: 'bg-stale text-black',
  low: 'bg-slate-200 text-black',
};

export const STATUS_STYLE: Record<IncidentStatus, string> = {
  reported: 'bg-amber-300 text-black',
  returned: 'bg-orange-400 text-black',
  validated: 'bg-sky-300 text-black',
  assigned: 'bg-indigo-300 text-black',
  'on-scene': 'bg-emerald-300 text-black',
  closed: 'bg-slate-500 text-white',
};

export const UNIT_STATUS_STYLE: Record<DeskUnitStatus, string> = {
  available: 'bg-emerald-300 text-black',
  assigned: 'bg-indigo-300 text-black',
  'en-route': 'bg-sky-300 text-black',
  'on-scene': 'bg-amber-300 text-black',
  'out-of-service': 'bg-slate-500 text-white',
};
