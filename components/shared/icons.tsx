/** Icons drawn in SVG (not font glyphs, which the wall's browser may lack). Decorative: words carry the meaning. */
import type { Trend } from '@/lib/projection/selectors.ts';

/** A warning triangle in currentColor; `mark` colours the exclamation mark (use the background behind it). */
export function WarningIcon({ className = 'size-8', mark = '#0b0f17' }: { className?: string; mark?: string }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" className={`shrink-0 ${className}`}>
      <path d="M12 2.5 23 21.5H1Z" fill="currentColor" />
      <path d="M12 9v6.5" stroke={mark} strokeWidth="2.6" strokeLinecap="round" />
      <circle cx="12" cy="18.4" r="1.5" fill={mark} />
    </svg>
  );
}

const TREND_PATH: Record<Trend, string> = {
  rising: 'M12 3 21 13h-5.5v8h-7v-8H3Z',
  falling: 'M12 21 3 11h5.5V3h7v8H21Z',
  steady: 'M21 12 11 3v5.5H3v7h8V21Z',
};

export function TrendArrow({ trend, className = 'size-7' }: { trend: Trend; className?: string }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" className={`shrink-0 ${className}`}>
      <path d={TREND_PATH[trend]} fill="currentColor" />
    </svg>
  );
}
