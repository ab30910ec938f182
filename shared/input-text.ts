import { InvalidInputError } from './errors.ts';

/** Strict UTF-8 with a size limit; a leading BOM is dropped. */
export function decodeUtf8(bytes: Uint8Array, file: string, maxBytes: number): string {
  if (bytes.byteLength > maxBytes) throw tooLargeError(file, bytes.byteLength, maxBytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    throw new InvalidInputError([{ file, message: 'is not valid UTF-8 text' }], { cause: error });
  }
}

/** The one wording of a size limit, whichever layer (file, HTTP body, S3 object) enforces it. */
export function tooLargeError(file: string, size: number, maxBytes: number): InvalidInputError {
  return new InvalidInputError([{ file, message: `is ${size} bytes, more than the limit of ${maxBytes}` }]);
}
