import { cookies } from 'next/headers';
import { LOCALE_COOKIE, toLocale, type Locale } from '@/lib/i18n/locale.ts';

/** The locale for a server-rendered page: the user's choice from the cookie, else Spanish. */
export async function requestLocale(): Promise<Locale> {
  return toLocale((await cookies()).get(LOCALE_COOKIE)?.value);
}
