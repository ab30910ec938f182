import type { Programme } from '../catalog/programme.ts';
import type { OutgoingMessage } from '../ports/notifier.ts';
import { SIGN_IN_LINK_MINUTES } from './web-links.ts';

/** The e-mail that carries a sign-in link asked for on the sign-in page (Vietnamese first). */
export function signInMessage(programme: Programme, email: string, link: string, now: Date): OutgoingMessage {
  return {
    channel: 'email',
    recipient: email,
    subject: `[dtwatch] Đường dẫn đăng nhập / Sign-in link — ${programme.catalog.programme.name}`,
    body:
      `Đường dẫn đăng nhập (dùng một lần, hết hạn sau ${SIGN_IN_LINK_MINUTES} phút):\n` +
      `Sign-in link (single use, expires in ${SIGN_IN_LINK_MINUTES} minutes):\n\n${link}\n\n` +
      'Nếu bạn không yêu cầu, hãy bỏ qua thư này. / If you did not ask for it, ignore this e-mail.\n',
    programme: programme.id,
    // Each request is its own message: the ledger is not involved.
    runKey: `signin:${now.toISOString()}`,
    kind: 'alert',
  };
}
