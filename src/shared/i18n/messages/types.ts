/**
 * One feature's strings: English is the reference, 简体中文 must have every
 * key (the compiler checks). Each feature keeps its own module so features
 * can grow without editing one giant file.
 */
export interface Messages<En extends Record<string, string>> {
  readonly en: En;
  readonly zh: Record<keyof En, string>;
}
