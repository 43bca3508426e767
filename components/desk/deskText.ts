/** Message keys for the desk's open-ended values, from typed tables (no casts: a missing word fails the build). */
import type { MessageKey } from '@/lib/i18n/messages.ts';

const ALERT_KINDS: Record<string, MessageKey> = {
  'queue-level': 'alert.kind.queue-level',
  'incident-severity': 'alert.kind.incident-severe',
  'tasking-overdue': 'alert.kind.tasking-overdue',
  'unit-silent': 'alert.kind.unit-silent',
};

/** The words for an alert's kind; a kind this version does not know reads as "Alerta". */
export function alertKindKey(kind: string): MessageKey {
  return ALERT_KINDS[kind] ?? 'alert.kind.other';
}
