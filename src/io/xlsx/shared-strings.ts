import type { ZipArchive } from './zip.js';
import { elementPrefix, textRuns, utf8FromLatin1 } from './xml-text.js';

/** Reads `xl/sharedStrings.xml` into an array, streaming: it can hold a million names. */
export async function readSharedStrings(zip: ZipArchive, path: string): Promise<string[]> {
  const entry = zip.entries.get(path);
  if (!entry) return [];
  const strings: string[] = [];
  let rest = '';
  let prefix: string | null = null;
  for await (const chunk of await zip.open(entry)) {
    const text = rest + (chunk as Buffer).toString('latin1');
    prefix ??= elementPrefix(text, 'sst');
    const open = `<${prefix}si`;
    const close = `</${prefix}si>`;
    let position = 0;
    for (;;) {
      const start = text.indexOf(open, position);
      if (start < 0) break;
      const tagEnd = text.indexOf('>', start);
      if (tagEnd < 0) break;
      if (text.charCodeAt(tagEnd - 1) === 47 /* / */) {
        strings.push('');
        position = tagEnd + 1;
        continue;
      }
      const end = text.indexOf(close, tagEnd);
      if (end < 0) break;
      strings.push(textRuns(utf8FromLatin1(text.slice(tagEnd + 1, end))).normalize('NFC'));
      position = end + close.length;
    }
    // The unread tail (a string cut by the chunk boundary) waits for the next chunk.
    rest = text.slice(position);
  }
  return strings;
}
