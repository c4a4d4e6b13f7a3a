// Turns a feed's bytes into text: BOM, then the HTTP charset, then the XML declaration's encoding.
// Nordic feeds are often ISO-8859-1 / windows-1252 and often mislabelled, so invalid UTF-8 falls back.

const BOMS: Array<[number[], string]> = [
  [[0xef, 0xbb, 0xbf], 'utf-8'],
  [[0xfe, 0xff], 'utf-16be'],
  [[0xff, 0xfe], 'utf-16le'],
];

function bomEncoding(bytes: Uint8Array): string | null {
  for (const [bom, label] of BOMS) {
    if (bom.every((b, i) => bytes[i] === b)) return label;
  }
  return null;
}

/** The charset parameter of a Content-Type header, if any. */
export function headerCharset(contentType: string | undefined): string | null {
  const m = contentType?.match(/charset\s*=\s*"?([\w.:-]+)"?/i);
  return m?.[1]?.toLowerCase() ?? null;
}

/** The encoding named in `<?xml … encoding="…"?>`; the prolog is ASCII in every encoding we accept. */
export function xmlDeclaredEncoding(bytes: Uint8Array): string | null {
  const head = decodeWindows1252(bytes.subarray(0, 200));
  const m = head.match(/^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/);
  return m?.[1]?.toLowerCase() ?? null;
}

// The WHATWG spec decodes these labels as windows-1252 (what such feeds really contain: curly quotes,
// dashes), but Node 20's TextDecoder decodes them, and windows-1252 itself, as strict Latin-1, so
// 0x96 would become a C1 control character. We decode them ourselves.
const WINDOWS_1252_LABELS = new Set([
  'iso-8859-1',
  'iso8859-1',
  'iso_8859-1',
  'latin1',
  'l1',
  'cp819',
  'ascii',
  'us-ascii',
  'windows-1252',
  'cp1252',
  'x-cp1252',
]);

// windows-1252 bytes 0x80–0x9F; the rest of the byte range equals Latin-1. 0 marks an unused byte.
const CP1252_HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0,
  0x017d, 0, 0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a,
  0x0153, 0, 0x017e, 0x0178,
];

export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  // Chunked so a multi-megabyte feed does not build one huge argument list.
  for (let i = 0; i < bytes.length; i += 8192) {
    const codes = Array.from(bytes.subarray(i, i + 8192), (b) =>
      b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] || b : b,
    );
    out += String.fromCharCode(...codes);
  }
  return out;
}

interface Decoder {
  decode(bytes: Uint8Array): string;
}

function decoderFor(label: string | null, fatal: boolean): Decoder | null {
  if (!label) return null;
  if (WINDOWS_1252_LABELS.has(label)) return { decode: decodeWindows1252 };
  try {
    return new TextDecoder(label, { fatal });
  } catch {
    return null; // unknown label: fall through to the next candidate
  }
}

function isUtf8(label: string): boolean {
  return label === 'utf-8' || label === 'utf8';
}

/** Decodes feed bytes to a string, choosing the encoding as described above. */
export function decodeFeed(bytes: Uint8Array, contentType?: string): string {
  const bom = bomEncoding(bytes);
  if (bom) return new TextDecoder(bom).decode(bytes); // the decoder strips the BOM
  const fromHeader = headerCharset(contentType);
  const fromProlog = xmlDeclaredEncoding(bytes);
  const candidates = [fromHeader, fromProlog].filter((c): c is string => c !== null);
  for (const label of candidates) {
    // A UTF-8 claim is only trusted when the bytes are valid UTF-8: servers default to it blindly.
    const decoder = decoderFor(label, isUtf8(label));
    if (!decoder) continue;
    try {
      return decoder.decode(bytes);
    } catch {
      // invalid UTF-8 under a UTF-8 label: try the next candidate
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return decodeWindows1252(bytes);
  }
}
