'use client';
/**
 * How people join the exercise: a QR code and link that bring an officer's phone to the
 * exercise's report page, and a separate link for wall displays. Both name the exercise channel.
 */
import { useEffect, useState } from 'react';
import { useI18n } from '@/components/i18n/I18nProvider.tsx';
import type { MessageKey } from '@/lib/i18n/messages.ts';
import { phonePath, wallPath } from '@/components/training/joinPaths.ts';
import { QrCode } from '@/components/training/QrCode.tsx';

export function JoinLink({ channel }: { channel: string }) {
  const { t } = useI18n();
  const [origin, setOrigin] = useState('');
  useEffect(() => setOrigin(window.location.origin), []);
  return (
    <section aria-labelledby="join-title" className="flex flex-col gap-4 rounded-xl border-2 border-line bg-panel p-4">
      <h2 id="join-title" className="text-2xl font-bold">
        {t('training.link.title')}
      </h2>
      <div className="flex flex-wrap items-start gap-4">
        {origin && <QrCode text={`${origin}${phonePath(channel)}`} label={t('training.link.qr')} size={200} />}
        <JoinTarget
          title="training.link.phone.title"
          hint="training.link.phone.hint"
          open="training.link.phone.open"
          path={phonePath(channel)}
          origin={origin}
          dataAttr={{ 'data-join-link': '' }}
        />
      </div>
      <div className="border-t-2 border-line pt-4">
        <JoinTarget
          title="training.link.wall.title"
          hint="training.link.wall.hint"
          open="training.link.open"
          path={wallPath(channel)}
          origin={origin}
          dataAttr={{ 'data-wall-link': '' }}
        />
      </div>
    </section>
  );
}

function JoinTarget(props: {
  title: MessageKey;
  hint: MessageKey;
  open: MessageKey;
  path: string;
  origin: string;
  dataAttr: Record<string, string>;
}) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  const url = `${props.origin}${props.path}`;
  return (
    <div className="flex min-w-0 flex-1 flex-col gap-2">
      <h3 className="text-xl font-bold">{t(props.title)}</h3>
      <p className="text-lg text-slate-200">{t(props.hint)}</p>
      <a
        href={props.path}
        target="_blank"
        rel="noopener"
        {...props.dataAttr}
        className="break-all text-xl font-semibold text-sky-300 underline underline-offset-4"
      >
        {url}
      </a>
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          onClick={() =>
            void navigator.clipboard?.writeText(url).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
          className="rounded-lg border-2 border-line px-4 py-2 text-lg font-semibold hover:border-slate-400"
        >
          {copied ? t('training.link.copied') : t('training.link.copy')}
        </button>
        <a
          href={props.path}
          target="_blank"
          rel="noopener"
          className="rounded-lg border-2 border-line px-4 py-2 text-lg font-semibold hover:border-slate-400"
        >
          {t(props.open)}
        </a>
      </div>
    </div>
  );
}
