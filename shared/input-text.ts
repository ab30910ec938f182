import { InvalidInputError } from './errors.ts';

/** Strict UTF-8 with a size limit; a leading BOM is dropped. */
export function decodeUtf8(bytes: Uint8Array, file: string, maxBytes: number): string {
  if (bytes.byteLength > maxBytes) {
    throw new InvalidInputError([
      { file, message: `is ${bytes.byteLength} bytes, more than the limit of ${maxBytes}` },
    ]);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    throw new InvalidInputError([{ file, message: 'is not valid UTF-8 text' }], { cause: error });
  }
}
