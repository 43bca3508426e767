'use client';
/**
 * The banner for training sessions: violet, like the exercise clock, and in words. On the wall it
 * says the picture is training material; on the phone, that what is sent goes to the exercise only.
 */
import { useI18n } from '@/components/i18n/I18nProvider.tsx';

export function ExerciseBanner({ variant = 'wall' }: { variant?: 'wall' | 'phone' }) {
  const { t } = useI18n();
  if (variant === 'phone') {
    return (
      <p data-exercise-banner="" className="bg-violet-400 px-4 py-1.5 text-center text-lg leading-snug font-black text-violet-950">
        {t('report.exercise.banner')}
      </p>
    );
  }
  return (
    <p data-exercise-banner="" className="bg-violet-400 px-8 py-2 text-center text-[28px] font-black tracking-wide text-violet-950">
      {t('wall.exercise.banner')}
    </p>
  );
}
