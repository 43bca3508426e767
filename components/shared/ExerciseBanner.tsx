'use client';
/** The banner for training sessions: violet, like the exercise clock, and in words. */
import { useI18n } from '@/components/i18n/I18nProvider.tsx';

export function ExerciseBanner() {
  const { t } = useI18n();
  return (
    <p
      data-exercise-banner=""
      className="bg-violet-400 px-8 py-2 text-center text-[28px] font-black tracking-wide text-violet-950"
    >
      {t('wall.exercise.banner')}
    </p>
  );
}
