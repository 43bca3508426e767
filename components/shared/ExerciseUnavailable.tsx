'use client';
/** Said in full when the server no longer has the exercise a wall follows (e.g. lost in a restart). */
import { useI18n } from '@/components/i18n/I18nProvider.tsx';

export function ExerciseUnavailable() {
  const { t } = useI18n();
  return (
    <p role="alert" data-exercise-unavailable="" className="bg-alert px-8 py-2 text-center text-[26px] font-bold text-white">
      {t('training.wall.unavailable')}
    </p>
  );
}
