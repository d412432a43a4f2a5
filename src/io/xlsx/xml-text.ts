/**
 * XML text as spreadsheet files hold it. Sheet XML is scanned as latin1
 * (one char per byte: fast, and indexes stay byte offsets); text that may
 * hold non-ASCII is turned back into UTF-8 here.
 */
export function utf8FromLatin1(text: string): string {
  for (let i = 0; i < text.length; i += 1) {
    if (text.charCodeAt(i) > 127) return Buffer.from(text, 'latin1').toString('utf8');
  }
  return text;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes XML entities and Excel's `_xHHHH_` escapes (`_x000D_` is a carriage return). */
export function decodeXmlText(text: string): string {
  // XML reads a literal line end as "\n" (XML 1.0 §2.11); an escaped one (&#13;, _x000D_) stays.
  let out = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  if (out.includes('&')) {
    out = out.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, entity: string) => {
      if (entity[0] !== '#') return NAMED[entity]!;
      const code = entity[1] === 'x' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
      return String.fromCodePoint(code);
    });
  }
  if (out.includes('_x')) out = out.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return out;
}

/** The value of attribute `name` in a start tag, or null. */
export function attribute(tag: string, name: string): string | null {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return match ? decodeXmlText(match[1]!) : null;
}

/** The namespace prefix of an element as written ("x:" in `<x:worksheet>`), or "" for none. */
export function elementPrefix(xml: string, name: string): string {
  return new RegExp(`<(\\w+:)?${name}[\\s>]`).exec(xml)?.[1] ?? '';
}

/** Concatenated text of the `<t>` elements in `xml` (any namespace prefix), leaving out phonetic runs (`<rPh>`). */
export function textRuns(xml: string): string {
  const withoutPhonetic = xml.includes('rPh') ? xml.replace(/<(\w+:)?rPh[\s\S]*?<\/(\w+:)?rPh>/g, '') : xml;
  let out = '';
  const pattern = /<(?:\w+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?t>|<(?:\w+:)?t(?:\s[^>]*)?\/>/g;
  for (let match = pattern.exec(withoutPhonetic); match; match = pattern.exec(withoutPhonetic)) out += match[1] ?? '';
  return decodeXmlText(out);
}
