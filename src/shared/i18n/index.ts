import { createInstance } from "i18next";
import { CATALOG, type English, type Language, type MessageKey } from "./catalog";
import type { SingularKey } from "./messages/types";

/**
 * Translation on i18next: plurals by each language's rules (an English key
 * with a `_one` form takes it when `count` is 1), interpolation of `{name}`
 * placeholders, one catalog per language. The types are this module's own,
 * read from the English catalog's literal strings, so the compiler checks
 * every key and that each placeholder gets a value, at the cost of one small
 * type per call (i18next's own typed `t` over a thousand keys made the
 * renderer's type check run past 15 minutes; these take seconds).
 */

const i18n = createInstance();
void i18n.init({
  initAsync: false,
  lng: "en",
  fallbackLng: "en",
  resources: { en: { translation: CATALOG.en }, "zh-CN": { translation: CATALOG["zh-CN"] } },
  keySeparator: false,
  nsSeparator: false,
  // The catalogs' `{name}`; React escapes what it renders, and the CLI prints plain text.
  interpolation: { prefix: "{", suffix: "}", escapeValue: false },
  returnNull: false,
});

/** i18next's `t` as this module calls it: its typed overloads are replaced by the types below. */
const t = i18n.t.bind(i18n) as (key: string, options: Record<string, unknown>) => string;

/** The names of a string's placeholders: `{name}`, or `{count, number}` (a value and its format). */
type Placeholders<S> = S extends `${string}{${infer P}}${infer Rest}` ? (P extends `${infer Name}, ${string}` ? Name : P) | Placeholders<Rest> : never;

/** Keys with a singular form: they take `count`, whether or not the string shows it. */
type PluralKey = Extract<keyof English, SingularKey> extends infer S ? (S extends `${infer Base}_one` ? Base : never) : never;

type Needs<K extends MessageKey> = Placeholders<English[K]> | (K extends PluralKey ? "count" : never);

/** The values a key's English string asks for (its plural's `{count}` included). */
type MessageValues<K extends MessageKey> = { readonly [P in Needs<K>]: P extends "count" ? number : string | number };

/** A key's arguments after the key: none for a plain string, its values otherwise. */
type MessageArgs<K extends MessageKey> = [Needs<K>] extends [never] ? [] : [values: MessageValues<K>];

/** Keys whose strings take no value: what a table of labels holds. */
export type PlainKey = { [K in MessageKey]: [Needs<K>] extends [never] ? K : never }[MessageKey];

export type Translate = <K extends MessageKey>(key: K, ...values: MessageArgs<K>) => string;

export function translate<K extends MessageKey>(language: Language, key: K, ...[values]: MessageArgs<K>): string {
  const options: Record<string, unknown> = { lng: language };
  if (values) {
    options.replace = values;
    if ("count" in values) options.count = values.count;
  }
  return t(key, options);
}

/** The translator for one language. */
export function translator(language: Language): Translate {
  return (key, ...values) => translate(language, key, ...values);
}

export type { Language, MessageKey };
