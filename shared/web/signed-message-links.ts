import { type MessageLinks, NO_LINKS, plainLinks } from '../messages/message-links.ts';
import { alertLink } from './web-links.ts';

/**
 * The links of one programme's alert messages (the `MessageLinks` seam): each alert's link is
 * signed for its recipient and that alert, and opens its page and acknowledgement form for 30
 * days without a sign-in; the unit and alerts pages are plain addresses behind the sign-in.
 * Without a base URL there is no web app to point at: no links (the messages say to reply), and
 * the key is not read at all.
 */
export async function signedMessageLinks(
  programme: string,
  base: string | undefined,
  signingKey: () => Promise<Uint8Array>,
  now: Date,
): Promise<MessageLinks> {
  if (base === undefined || base.trim() === '') return NO_LINKS;
  const signing = { key: await signingKey(), base: base.trim(), now };
  return {
    ...plainLinks(base),
    alertLink: (alert, recipient) => alertLink(signing, { programme, ...alert }, recipient),
  };
}
