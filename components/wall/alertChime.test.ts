import { describe, expect, it } from 'vitest';
import { AlertChime } from '@/components/wall/alertChime.ts';

describe('AlertChime', () => {
  it('sounds for nothing until the sound is switched on, and not for what was open then', () => {
    const chime = new AlertChime();
    expect(chime.update(['a'])).toEqual([]);
    chime.arm(['a', 'b']);
    expect(chime.update(['a', 'b'])).toEqual([]);
  });

  it('sounds once for each alert that opens after', () => {
    const chime = new AlertChime();
    chime.arm([]);
    expect(chime.update(['a'])).toEqual(['a']);
    expect(chime.update(['a'])).toEqual([]);
    expect(chime.update(['a', 'b', 'c'])).toEqual(['b', 'c']);
  });

  it('does not sound again for an alert that closed and shows up again (a late replay), but does for a new one', () => {
    const chime = new AlertChime();
    chime.arm([]);
    expect(chime.update(['a'])).toEqual(['a']);
    expect(chime.update([])).toEqual([]);
    expect(chime.update(['a'])).toEqual([]);
    expect(chime.update(['a-2'])).toEqual(['a-2']);
  });

  it('an alert seen before the sound was on never sounds later', () => {
    const chime = new AlertChime();
    chime.update(['a']);
    chime.arm([]);
    expect(chime.update(['a'])).toEqual([]);
  });
});
