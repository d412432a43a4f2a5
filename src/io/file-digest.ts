import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/**
 * What povroll records of a file it read: the SHA-256 and size of its
 * bytes; with `lines`, also its lines (a last line without a newline
 * counts), so that a reader can show every line is one record.
 */
export async function fileDigest(path: string, options: { lines?: boolean } = {}): Promise<{ sha256: string; bytes: number; lines: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  let newlines = 0;
  let last = 10;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const buffer = chunk as Buffer;
    hash.update(buffer);
    bytes += buffer.length;
    if (options.lines) for (let at = buffer.indexOf(10); at >= 0; at = buffer.indexOf(10, at + 1)) newlines += 1;
    if (buffer.length > 0) last = buffer[buffer.length - 1]!;
  }
  return { sha256: hash.digest('hex'), bytes, lines: newlines + (last === 10 ? 0 : 1) };
}
