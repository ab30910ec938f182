/**
 * Captures everything written to stdout and stderr (the Powertools logger writes there) so that
 * a suite can assert that no contact detail ever reached a log line.
 */
export function captureOutput(): { text(): string; restore(): void } {
  const chunks: string[] = [];
  const originals = { out: process.stdout.write, err: process.stderr.write };
  const tap =
    (original: typeof process.stdout.write, stream: NodeJS.WriteStream) =>
    (chunk: unknown, ...rest: unknown[]): boolean => {
      chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
      return (original as (...args: unknown[]) => boolean).call(stream, chunk, ...rest);
    };
  process.stdout.write = tap(originals.out, process.stdout) as typeof process.stdout.write;
  process.stderr.write = tap(originals.err, process.stderr) as typeof process.stderr.write;
  return {
    text: () => chunks.join(''),
    restore() {
      process.stdout.write = originals.out;
      process.stderr.write = originals.err;
    },
  };
}

const PHONE = /\+\d{9,15}/;
const EMAIL = /[^\s@"'<>(),;:*]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;

/** The contact details found in a text: raw phone numbers and unmasked e-mail addresses. */
export function contactsIn(text: string, known: readonly string[]): string[] {
  const found = known.filter((address) => text.includes(address));
  const phone = PHONE.exec(text);
  if (phone) found.push(phone[0]);
  const email = EMAIL.exec(text);
  if (email && !/^.\*\*\*@/.test(email[0])) found.push(email[0]);
  return found;
}
