import type { ZipArchive } from './zip.js';
import { textRuns, utf8FromLatin1 } from './xml-text.js';

/** Reads `xl/sharedStrings.xml` into an array, streaming: it can hold a million names. */
export async function readSharedStrings(zip: ZipArchive, path: string): Promise<string[]> {
  const entry = zip.entries.get(path);
  if (!entry) return [];
  const strings: string[] = [];
  let rest = '';
  for await (const chunk of await zip.open(entry)) {
    const text = rest + (chunk as Buffer).toString('latin1');
    let position = 0;
    for (;;) {
      const start = text.indexOf('<si', position);
      if (start < 0) break;
      const selfClosing = text.indexOf('/>', start);
      const open = text.indexOf('>', start);
      if (open < 0) break;
      if (selfClosing >= 0 && selfClosing + 1 === open) {
        strings.push('');
        position = open + 1;
        continue;
      }
      const end = text.indexOf('</si>', open);
      if (end < 0) break;
      strings.push(textRuns(utf8FromLatin1(text.slice(open + 1, end))).normalize('NFC'));
      position = end + 5;
    }
    // The unread tail (a string cut by the chunk boundary) waits for the next chunk.
    rest = text.slice(position);
  }
  return strings;
}
