/** One published version of a programme's catalog (the version is its content hash). */
export interface PublishedCatalog {
  readonly programme: string;
  readonly version: string;
  /** ISO-8601 instant it was (last) published or made current. */
  readonly publishedAt: string;
}
