/** Where to go after signing in: only a path on this site, never another origin. */
export function safeNextPath(next: string | undefined, fallback: string): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return fallback;
  return next;
}
