import { describe, expect, it } from 'vitest';
import { phonePath, wallPath } from '@/components/training/joinPaths.ts';

describe('join paths', () => {
  it('sends phones to the exercise’s report page and walls to its wall, channel encoded', () => {
    expect(phonePath('training:abc123')).toBe('/report?channel=training%3Aabc123');
    expect(wallPath('training:abc123')).toBe('/wall?channel=training%3Aabc123');
    expect(new URL(phonePath('training:a&b'), 'http://x').searchParams.get('channel')).toBe('training:a&b');
  });
});
