/**
 * The contract's fixed lists, without their schemas (events.ts builds those from them), so code
 * that only needs a list — the wall's bundle — does not carry zod.
 */
export const EVENT_TYPES = [
  'unit.position',
  'patrol.report',
  'queue.update',
  'incident',
  'incident.closed',
  'deployment',
  'bulletin',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const UNIT_STATUSES = ['patrolling', 'stationary', 'responding', 'returning', 'off-duty'] as const;
export const INCIDENT_KINDS = ['crossing', 'blockade', 'stranded-group', 'medical', 'smuggling', 'other'] as const;
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export const QUEUE_DIRECTIONS = ['to-peru', 'to-chile'] as const;
