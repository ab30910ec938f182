/** Where a rendered report (the digest's HTML) is kept for people to open. */
export interface ReportPublisher {
  /**
   * Stores `html` under `key` (a relative, slash-separated path such as
   * `ha-tinh-nq05/2026-W47/digest.html`), replacing what was there. `location` says where it is
   * (for the records), `url` is a link a reader can open, when the publisher can give one.
   */
  publish(key: string, html: string): Promise<PublishedReport>;
}

export interface PublishedReport {
  readonly location: string;
  readonly url?: string;
}
