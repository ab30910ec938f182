/** What the style needs of anything with a name: its full name and, optionally, a short one. */
export interface Named {
  readonly name: string;
  /** A short name the catalog defines for tight places (SMS, chart captions). */
  readonly shortName?: string;
}

/**
 * Full names wherever there is room (e-mails, pages, tables); the catalog's short name where
 * there is not (SMS, narrow charts), falling back to the full name, never a name cut mid-phrase.
 */
export function nameFor(item: Named, form: 'full' | 'short'): string {
  return form === 'short' && item.shortName?.trim() ? item.shortName.trim() : item.name;
}
