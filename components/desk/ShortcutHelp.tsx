'use client';
/** The shortcuts, on screen: a one-line strip, or the full list when asked (?). */
import { useI18n } from '@/components/i18n/I18nProvider.tsx';
import type { MessageKey } from '@/lib/i18n/messages.ts';
import { SHORTCUTS, type ShortcutCommand } from '@/components/desk/shortcuts.ts';

const WORDS: Record<Exclude<ShortcutCommand, 'cancel'>, MessageKey> = {
  'focus-alerts': 'desk.shortcuts.focus-alerts',
  'focus-list': 'desk.shortcuts.focus-list',
  'focus-detail': 'desk.shortcuts.focus-detail',
  'focus-units': 'desk.shortcuts.focus-units',
  next: 'desk.shortcuts.next',
  previous: 'desk.shortcuts.previous',
  validate: 'desk.shortcuts.validate',
  return: 'desk.shortcuts.return',
  assign: 'desk.shortcuts.assign',
  transfer: 'desk.shortcuts.transfer',
  close: 'desk.shortcuts.close',
  help: 'desk.shortcuts.help',
};

export function ShortcutHelp({ expanded }: { expanded: boolean }) {
  const { t } = useI18n();
  return (
    <aside
      aria-label={t('desk.shortcuts.title')}
      data-shortcuts=""
      className="border-t-2 border-line bg-panel px-3 py-1 text-xs text-slate-300"
    >
      <span className="mr-2 font-bold whitespace-nowrap text-slate-100">{t('desk.shortcuts.title')}:</span>
      <ul className={expanded ? 'mt-1 grid grid-cols-[repeat(auto-fill,minmax(14rem,1fr))] gap-x-4' : 'inline'}>
        {SHORTCUTS.map(({ key, command }) => (
          <li key={key} className={expanded ? '' : 'mr-3 inline whitespace-nowrap'}>
            <kbd className="rounded border border-slate-500 px-1 font-mono text-slate-100">{key.toUpperCase()}</kbd> {t(WORDS[command])}
          </li>
        ))}
        <li className={expanded ? '' : 'inline whitespace-nowrap'}>{t('desk.shortcuts.cancel')}</li>
      </ul>
    </aside>
  );
}
