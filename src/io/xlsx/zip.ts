import yauzl from 'yauzl';
import type { Readable } from 'node:stream';

/** An opened zip archive: its entries by name, read on demand in any order (yauzl reads the central directory). */
export interface ZipArchive {
  entries: Map<string, yauzl.Entry>;
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
              zip.openReadStream(entry, (e, stream) => (e || !stream ? fail(e ?? new Error('cannot read')) : done(stream)));
            }),
          close: () => zip.close(),
        }),
      );
      zip.readEntry();
    });
  });
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
