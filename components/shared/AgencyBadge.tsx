'use client';
/**
 * An agency in a list line: the map's glyph (shape and colour, see components/map/agencyStyle.ts)
 * followed by the agency's name. The glyph is decorative because the name is written beside it.
 */
import type { Agency } from '@/lib/contract/agencies.ts';
import { useI18n } from '@/components/i18n/I18nProvider.tsx';
import { AgencyGlyph } from '@/components/map/AgencyGlyph.tsx';

export function AgencyBadge({ agency }: { agency: Agency }) {
  const { t } = useI18n();
  return (
    <span className="inline-flex shrink-0 items-center gap-2 font-semibold whitespace-nowrap text-slate-100" data-agency={agency}>
      <AgencyGlyph agency={agency} size={22} decorative className="size-[1.1em] shrink-0" />
      {t(`agency.${agency}`)}
    </span>
  );
}
