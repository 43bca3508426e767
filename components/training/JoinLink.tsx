'use client';
/** The link (and its QR code) that brings a wall display or a phone into the exercise. */
import { useEffect, useState } from 'react';
import { useI18n } from '@/components/i18n/I18nProvider.tsx';
import { QrCode } from './QrCode.tsx';

export function joinPath(channel: string): string {
  return `/wall?channel=${encodeURIComponent(channel)}`;
}

export function JoinLink({ channel }: { channel: string }) {
  const { t } = useI18n();
  const [origin, setOrigin] = useState('');
  const [copied, setCopied] = useState(false);
  useEffect(() => setOrigin(window.location.origin), []);
  const url = `${origin}${joinPath(channel)}`;
  return (
    <section aria-labelledby="join-title" className="flex flex-col gap-3 rounded-xl border-2 border-line bg-panel p-4">
      <h2 id="join-title" className="text-2xl font-bold">{t('training.link.title')}</h2>
      <p className="text-lg text-slate-200">{t('training.link.hint')}</p>
      <div className="flex flex-wrap items-start gap-4">
        {origin && <QrCode text={url} label={t('training.link.qr')} size={200} />}
        <div className="flex min-w-0 flex-1 flex-col gap-2">
          <a href={joinPath(channel)} target="_blank" rel="noopener" data-join-link="" className="break-all text-xl font-semibold text-sky-300 underline underline-offset-4">
            {url}
          </a>
          <div className="flex flex-wrap gap-2">
            <button
              type="button"
              onClick={() => void navigator.clipboard?.writeText(url).then(() => setCopied(true), () => setCopied(false))}
              className="rounded-lg border-2 border-line px-4 py-2 text-lg font-semibold hover:border-slate-400"
            >
              {copied ? t('training.link.copied') : t('training.link.copy')}
            </button>
            <a href={joinPath(channel)} target="_blank" rel="noopener" className="rounded-lg border-2 border-line px-4 py-2 text-lg font-semibold hover:border-slate-400">
              {t('training.link.open')}
            </a>
          </div>
        </div>
      </div>
    </section>
  );
}
