/** A key's singular English form, beside its plural (`key`): i18next picks it when `count` is 1. */
export type SingularKey = `${string}_one`;

/**
 * One feature's strings: English is the reference, 简体中文 must have every
 * key (the compiler checks) but the singular forms, as Chinese nouns have no
 * plural. Each feature keeps its own module so features can grow without
 * editing one giant file.
 */
export interface Messages<En extends Record<string, string>> {
  readonly en: En;
  readonly zh: Record<Exclude<keyof En, SingularKey>, string>;
}
