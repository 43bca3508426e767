/**
 * Canvas fill styles cannot read CSS variables, but the agency colours are theme variables with a
 * fallback (`var(--color-pdi, #4c8dff)`, see agencyStyle.ts). This resolves one the way CSS would.
 */

/** `var(--name, fallback)` → its parts; any other colour → no variable, itself as the fallback. */
export function parseCssVar(colour: string): { variable?: string; fallback: string } {
  const match = /^var\(\s*(--[\w-]+)\s*(?:,\s*(.+?))?\s*\)$/.exec(colour.trim());
  if (!match) return { fallback: colour };
  return { variable: match[1], fallback: match[2] ?? 'transparent' };
}

/** The colour as `element` would paint it: the variable's value there, else the fallback. */
export function resolveCssColour(colour: string, element: Element): string {
  const { variable, fallback } = parseCssVar(colour);
  if (!variable) return fallback;
  return getComputedStyle(element).getPropertyValue(variable).trim() || fallback;
}
