import { parseCsv, type ParsedCsv } from '../../../../shared/io/index.js';

/** The encodings a text file (CSV) is read in: what Excel writes as "CSV UTF-8", "CSV" in a Chinese locale, "Unicode text". */
export type TextEncodingName = 'UTF-8' | 'GB18030' | 'UTF-16LE';

/** A file's text and the encoding it was read in. */
export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
}

/** Thrown for bytes that are text in none of the encodings read; the message names the line (1-based). */
export class TextEncodingError extends Error {
  constructor(
    message: string,
    readonly line: number,
    /** Which problem, for the console to word in its language. */
    readonly kind: 'badUtf8' | 'badUtf16' | 'unknownEncoding' = 'unknownEncoding',
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'TextEncodingError';
  }
}

const startsWith = (bytes: Uint8Array, mark: readonly number[]) => mark.every((b, i) => bytes[i] === b);

/** The first line (counted at LF bytes, which neither UTF-8 nor GB18030 uses inside a character) that fails to decode. */
function badLine(bytes: Uint8Array, encoding: string): number {
  const decoder = new TextDecoder(encoding, { fatal: true });
  let start = 0;
  let line = 1;
  for (;;) {
    const end = bytes.indexOf(0x0a, start);
    try {
      decoder.decode(bytes.subarray(start, end === -1 ? bytes.length : end));
    } catch {
      return line;
    }
    if (end === -1) return line;
    start = end + 1;
    line += 1;
  }
}

function strict(bytes: Uint8Array, encoding: string): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Reads a file's bytes as text. A byte-order mark decides (UTF-8 or UTF-16LE, the mark dropped); without one, bytes
 * that are valid UTF-8 are UTF-8, and anything else is read as GB18030 (the superset of GBK and GB2312 that Excel in a
 * Chinese locale writes). Bytes that are neither are refused with the line they are on; nothing is guessed or replaced.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    const text = strict(bytes.subarray(3), 'utf-8');
    if (text === null)
      throw new TextEncodingError(
        'the file is marked as UTF-8 but is not valid UTF-8',
        badLine(bytes, 'utf-8'),
        'badUtf8',
      );
    return { text, encoding: 'UTF-8' };
  }
  if (startsWith(bytes, [0xff, 0xfe])) {
    const text = strict(bytes.subarray(2), 'utf-16le');
    if (text === null)
      throw new TextEncodingError('the file is marked as UTF-16 but is not valid UTF-16', 1, 'badUtf16');
    return { text, encoding: 'UTF-16LE' };
  }
  const utf8 = strict(bytes, 'utf-8');
  if (utf8 !== null) return { text: utf8, encoding: 'UTF-8' };
  const gb = strict(bytes, 'gb18030');
  if (gb !== null) return { text: gb, encoding: 'GB18030' };
  throw new TextEncodingError('the text is neither UTF-8 nor GB18030 (GBK)', badLine(bytes, 'gb18030'));
}

/** A CSV file read from its bytes: its rows, its delimiter and the encoding its text was in. */
export interface ReadCsv extends ParsedCsv {
  encoding: TextEncodingName;
}

/**
 * Reads a CSV file as people have them: UTF-8 with or without a byte-order mark, GB18030/GBK as Excel saves "CSV" in a
 * Chinese locale, or UTF-16 "Unicode text"; comma, semicolon or tab between fields. Says which it found.
 */
export function readCsv(bytes: Uint8Array): ReadCsv {
  const { text, encoding } = decodeText(bytes);
  return { ...parseCsv(text), encoding };
}
