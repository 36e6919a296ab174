/** The languages of the whole product: the page, the desktop menu, the lessons' narration. */
export const LANGUAGES = ["en", "zh-CN"] as const;
export type Language = (typeof LANGUAGES)[number];
