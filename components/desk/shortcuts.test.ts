import { describe, expect, it } from 'vitest';
import { shortcutFor, SHORTCUTS, type KeyLike } from '@/components/desk/shortcuts.ts';

const press = (key: string, over: Partial<KeyLike> = {}): KeyLike => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  target: { tagName: 'BODY' },
  ...over,
});

describe('desk shortcuts', () => {
  it('maps each documented key to its command, in either case', () => {
    for (const { key, command } of SHORTCUTS) expect(shortcutFor(press(key))).toBe(command);
    expect(shortcutFor(press('V'))).toBe('validate');
  });

  it('reads the arrow keys as next and previous', () => {
    expect(shortcutFor(press('ArrowDown'))).toBe('next');
    expect(shortcutFor(press('ArrowUp'))).toBe('previous');
  });

  it('leaves keys alone while the coordinator types, except Escape', () => {
    for (const tagName of ['INPUT', 'TEXTAREA', 'SELECT']) {
      expect(shortcutFor(press('v', { target: { tagName } }))).toBeNull();
      expect(shortcutFor(press('Escape', { target: { tagName } }))).toBe('cancel');
    }
    expect(shortcutFor(press('c', { target: { tagName: 'DIV', isContentEditable: true } }))).toBeNull();
  });

  it('leaves modified keys to the browser (Ctrl+C copies)', () => {
    expect(shortcutFor(press('c', { ctrlKey: true }))).toBeNull();
    expect(shortcutFor(press('1', { altKey: true }))).toBeNull();
    expect(shortcutFor(press('r', { metaKey: true }))).toBeNull();
  });

  it('ignores keys it does not know', () => {
    expect(shortcutFor(press('z'))).toBeNull();
    expect(shortcutFor(press('Enter'))).toBeNull();
  });

  it('has one command per key', () => {
    expect(new Set(SHORTCUTS.map((s) => s.key)).size).toBe(SHORTCUTS.length);
  });
});
