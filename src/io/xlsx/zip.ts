import yauzl from 'yauzl';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable, Transform, type TransformCallback, pipeline } from 'node:stream';
import { createInflateRaw } from 'node:zlib';

/** An opened zip archive: its entries by name, read on demand in any order (yauzl reads the central directory). */
export interface ZipArchive {
  entries: Map<string, yauzl.Entry>;
  /** The entry's bytes, inflated. */
  open(entry: yauzl.Entry): Promise<Readable>;
  close(): void;
}

/** Raised for an archive over the limits: read nothing of it. */
export class ZipLimitError extends Error {}

export interface ZipLimits {
  /** Most bytes all entries may inflate to together. */
  maxTotalBytes: number;
  /** Most an entry may inflate per compressed byte: zip bombs run to thousands, XML to tens. */
  maxRatio: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxTotalBytes: 8 * 1024 ** 3, maxRatio: 1000 };

export function openZip(path: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<ZipArchive> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error('cannot open the archive'));
      const entries = new Map<string, yauzl.Entry>();
      let total = 0;
      zip.on('error', (e: Error) => reject(e));
      zip.on('entry', (entry: yauzl.Entry) => {
        total += entry.uncompressedSize;
        const ratio = entry.compressedSize > 0 ? entry.uncompressedSize / entry.compressedSize : 0;
        if (total > limits.maxTotalBytes) {
          zip.close();
          return reject(new ZipLimitError(`it would unpack to more than ${formatBytes(limits.maxTotalBytes)}`));
        }
        if (entry.uncompressedSize > 1024 ** 2 && ratio > limits.maxRatio) {
          zip.close();
          return reject(new ZipLimitError(`"${entry.fileName}" would unpack ${Math.round(ratio)} times its packed size (a zip bomb?)`));
        }
        entries.set(entry.fileName, entry);
        zip.readEntry();
      });
      zip.on('end', () =>
        resolve({
          entries,
          open: (entry) =>
            new Promise((done, fail) => {
              if (entry.isEncrypted()) return fail(new Error(`"${entry.fileName}" is encrypted`));
              if (entry.compressionMethod !== 8) {
                zip.openReadStream(entry, (e, stream) => (e || !stream ? fail(e ?? new Error('cannot read')) : done(stream)));
                return;
              }
              // Inflate here rather than in yauzl: zlib's default 16 KB output chunks
              // each wait for the busy main thread, so inflating could not run ahead
              // of scanning. 1 MB output chunks and a 1 MB read-ahead, with 128 KB reads
              // of the packed bytes: larger ones were no faster and took the 1M-row
              // ingest past 300 MB (measured).
              rawStream(path, entry).then((raw) => done(pipeline(raw, createInflateRaw({ chunkSize: 1024 * 1024 }), new SizeLimit(entry), () => {})), fail);
            }),
          close: () => zip.close(),
        }),
      );
      zip.readEntry();
    });
  });
}

/**
 * The compressed bytes of an entry, read straight from the file after its
 * local header: yauzl's 64 KB reads each cost a turn of the busy main
 * thread before zlib can go on (inflating the sheets alone took 1.1 s that
 * way, 0.68 s this way, measured).
 */
async function rawStream(path: string, entry: yauzl.Entry): Promise<Readable> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(30);
    await handle.read(head, 0, 30, entry.relativeOffsetOfLocalHeader);
    if (head.readUInt32LE(0) !== 0x04034b50) throw new Error(`"${entry.fileName}" has no local file header`);
    const start = entry.relativeOffsetOfLocalHeader + 30 + head.readUInt16LE(26) + head.readUInt16LE(28);
    if (entry.compressedSize === 0) return Readable.from([]);
    return createReadStream(path, { start, end: start + entry.compressedSize - 1, highWaterMark: 128 * 1024 });
  } finally {
    await handle.close();
  }
}

/** Stops an entry that inflates to more than it declared: the sizes checked up front must hold. */
class SizeLimit extends Transform {
  private bytes = 0;
  constructor(readonly entry: yauzl.Entry) {
    super({ readableHighWaterMark: 1024 * 1024 });
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.entry.uncompressedSize) {
      done(new ZipLimitError(`"${this.entry.fileName}" unpacks to more than the ${this.entry.uncompressedSize} bytes it declares (a zip bomb?)`));
      return;
    }
    done(null, chunk);
  }
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(0)} GiB` : `${(bytes / 1024 ** 2).toFixed(0)} MiB`;
}

/** Reads a whole (small) entry as UTF-8 text. */
export async function readText(zip: ZipArchive, name: string): Promise<string | null> {
  const entry = zip.entries.get(name);
  if (!entry) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of await zip.open(entry)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
