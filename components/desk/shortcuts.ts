/**
 * The desk's keyboard shortcuts: one table, shown on screen (ShortcutHelp) and read by the
 * key handler, so what the screen says is what the keys do. Single keys, no modifiers, and never
 * while the coordinator types in a field (Escape excepted: it leaves the open form).
 */
export const SHORTCUTS = [
  { key: '1', command: 'focus-alerts' },
  { key: '2', command: 'focus-list' },
  { key: '3', command: 'focus-detail' },
  { key: '4', command: 'focus-units' },
  { key: 'j', command: 'next' },
  { key: 'k', command: 'previous' },
  { key: 'v', command: 'validate' },
  { key: 'd', command: 'return' },
  { key: 'a', command: 'assign' },
  { key: 't', command: 'transfer' },
  { key: 'c', command: 'close' },
  { key: '?', command: 'help' },
] as const;

export type ShortcutCommand = (typeof SHORTCUTS)[number]['command'] | 'cancel';

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** The element the key went to. */
  target: { tagName?: string; isContentEditable?: boolean } | null;
}

const TYPING_TAGS = new Set(['INPUT', 'TEXTAREA', 'SELECT']);

/** The command a key press means on the desk, or null to let the browser have it. */
export function shortcutFor(event: KeyLike): ShortcutCommand | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  if (event.key === 'Escape') return 'cancel';
  const typing = Boolean(event.target && (TYPING_TAGS.has(event.target.tagName ?? '') || event.target.isContentEditable));
  if (typing) return null;
  const key = event.key === 'ArrowDown' ? 'j' : event.key === 'ArrowUp' ? 'k' : event.key.toLowerCase();
  return SHORTCUTS.find((s) => s.key === key)?.command ?? null;
}
