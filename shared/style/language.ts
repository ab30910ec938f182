/** The two languages people read dtwatch in; Vietnamese first (docs/style.md). */
export type Language = 'vi' | 'en';

/** The default for everything people read, when neither the command line nor the catalog says. */
export const DEFAULT_LANGUAGE: Language = 'vi';

export const LOCALES: Readonly<Record<Language, string>> = { vi: 'vi-VN', en: 'en-GB' };
