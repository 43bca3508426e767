/**
 * All user-facing text, by locale. Each screen keeps its words in messages/<screen>.ts; this module
 * joins them. English is typed against Spanish, so a missing translation fails the build.
 */
import * as common from './messages/common.ts';
import * as map from './messages/map.ts';
import * as wall from './messages/wall.ts';
import * as report from './messages/report.ts';
import * as training from './messages/training.ts';
import * as publicPage from './messages/public.ts';
import * as handover from './messages/handover.ts';
import * as desk from './messages/desk.ts';
import type { Locale } from './locale.ts';

const es = { ...common.es, ...map.es, ...wall.es, ...report.es, ...training.es, ...publicPage.es, ...handover.es, ...desk.es };
const en: Record<keyof typeof es, string> = {
  ...common.en,
  ...map.en,
  ...wall.en,
  ...report.en,
  ...training.en,
  ...publicPage.en,
  ...handover.en,
  ...desk.en,
};

export type MessageKey = keyof typeof es;
export const MESSAGES: Record<Locale, Record<MessageKey, string>> = { es, en };

export type MessageParams = Record<string, string | number>;

/** Looks up a message and fills `{name}` placeholders. Unknown placeholders are left visible. */
export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const template = MESSAGES[locale][key] ?? MESSAGES.es[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The `t` of `useI18n()`, passed into pure helpers so they are tested without React. */
export type Translate = (key: MessageKey, params?: MessageParams) => string;

/** Message families with a `.one` and an `.other` form ("wall.people" for "wall.people.one" / ".other"). */
export type CountFamily = {
  [K in MessageKey]: K extends `${infer Family}.one` ? (`${Family}.other` extends MessageKey ? Family : never) : never;
}[MessageKey];
