import { LoginForm } from '@/components/auth/LoginForm.tsx';
import { I18nProvider } from '@/components/i18n/I18nProvider.tsx';
import { requestLocale } from '@/components/i18n/serverLocale.ts';

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const next = typeof params.next === 'string' ? params.next : undefined;
  return (
    <I18nProvider initialLocale={await requestLocale()}>
      <LoginForm next={next} denied={params.denied === '1'} />
    </I18nProvider>
  );
}
