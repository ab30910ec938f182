/** Masking of contact details wherever they could reach a log line or a summary on screen. */

const PHONE_IN_TEXT = /\+?\d[\d .-]{7,16}\d/g;
const EMAIL_IN_TEXT = /[^\s@"'<>(),;:]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

/** `+84901234123` → `+8490****123`. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/[^\d+]/g, '');
  if (digits.length < 8) return '****';
  return `${digits.slice(0, 5)}****${digits.slice(-3)}`;
}

/** `nguyen.van.a@example.com` → `n***@example.com`. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

export function maskContact(address: string): string {
  return address.includes('@') ? maskEmail(address) : maskPhone(address);
}

/** Masks every phone number and e-mail address found in free text. */
export function maskContactsInText(text: string): string {
  return text.replace(EMAIL_IN_TEXT, maskEmail).replace(PHONE_IN_TEXT, (match) => {
    const digits = match.replace(/\D/g, '');
    // Dates, ids and amounts are not phone numbers: only 9+ digit runs are masked.
    return digits.length >= 9 ? maskPhone(match) : match;
  });
}
