import { describe, expect, it } from 'vitest';
import { safeNextPath } from '@/components/auth/safeNext.ts';

describe('safeNextPath', () => {
  it('keeps local paths and refuses other origins', () => {
    expect(safeNextPath('/wall?x=1', '/')).toBe('/wall?x=1');
    expect(safeNextPath('//evil.example/wall', '/')).toBe('/');
    expect(safeNextPath('https://evil.example', '/')).toBe('/');
    expect(safeNextPath('/\\evil.example', '/')).toBe('/');
    expect(safeNextPath(undefined, '/wall')).toBe('/wall');
  });
});
