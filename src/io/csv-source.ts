import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { once } from 'node:events';
import { resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { parse, CsvError } from 'csv-parse';
import iconv from 'iconv-lite';
import { PovrollError } from '../errors.js';
import { describeFsError } from './fs-errors.js';
import type { Io } from './io.js';

/** Consecutive rows of a CSV table; `firstRow` is the 1-based row number of the first (the header is row 1). */
export interface CsvBatch {
  rows: string[][];
  firstRow: number;
}

export interface CsvTable {
  /** The path as the user gave it (`-` for stdin), for messages. */
  name: string;
  /** The text encoding found: utf-8, utf-16le, utf-16be or windows-1258. */
  encoding: TextEncoding;
  header: string[];
  /** Rows in batches: awaiting once per batch instead of once per row keeps parsing near csv-parse's own speed. */
  batches: AsyncIterable<CsvBatch>;
  /** Bytes read and their SHA-256, complete once `batches` is exhausted. */
  digest(): { sha256: string; bytes: number };
}

const BATCH_ROWS = 4096;

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1258';

/**
 * Opens a delimited text table from a path or `-` for stdin: `,` `;` or tab,
 * detected from the first lines; UTF-8 with or without BOM, UTF-16 (Excel's
 * "Unicode text") or Windows-1258 (older Vietnamese Windows), detected from
 * the first bytes.
 */
export async function openCsvTable(path: string, io: Io): Promise<CsvTable> {
  const source = await openSource(path, io);
  // Peek before anything listens for 'data': read() would emit the chunk to a listener twice.
  const head = await peek(source);
  const hash = createHash('sha256');
  let bytes = 0;
  source.on('data', (chunk: Buffer) => {
    hash.update(chunk);
    bytes += chunk.length;
  });
  const encoding = detectEncoding(head);
  const headText = encoding === 'utf-8' ? head.toString('utf8', 0, Math.min(head.length, 65536)) : iconv.decode(head, encoding);
  const delimiter = detectDelimiter(headText);
  // csv-parse builds an error object, stack trace and all, for every record whose
  // width differs from the first record's — even with relax_column_count. A title
  // line above the table would make that every record (19 s per million rows,
  // measured). A blank first line as wide as the table keeps the check quiet; it
  // is dropped again below.
  const widths = lineWidths(headText, delimiter);
  const width = Math.max(0, ...widths);
  // The priming line ends as the file's lines do: csv-parse takes its record delimiter from the first line.
  const lineEnd = /\r\n/.test(headText) ? '\r\n' : /\r(?!\n)/.test(headText) && !/\n/.test(headText) ? '\r' : '\n';
  const prime = widths.length > 1 && widths[0]! < width ? delimiter.repeat(width - 1) + lineEnd : null;
  const hasBom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
  const parser = parse({
    delimiter,
    // Office exports hold stray quotes inside unquoted cells ("Thôn "Mới""); keep them as text.
    relax_quotes: true,
    bom: true,
    relax_column_count: true,
    // Empty lines stay records so that row numbers match the lines a user sees.
    skip_empty_lines: false,
  });
  source.on('error', (error) => parser.destroy(error));
  if (prime !== null) parser.write(prime);
  // After a priming line, a byte-order mark would land inside the first cell: decode it away.
  if (encoding === 'utf-8' && !(prime !== null && hasBom)) source.pipe(parser);
  else source.pipe(iconv.decodeStream(encoding, { stripBOM: true })).pipe(parser);

  const batches = batchesOf(parser, path, prime !== null);
  const first = await batches.next();
  const header = first.done ? undefined : first.value.rows[0];
  if (header === undefined) throw new PovrollError(`Cannot read "${path}": the file is empty (no header row)`);
  const rest: CsvBatch | null = first.done || first.value.rows.length === 1 ? null : { rows: first.value.rows.slice(1), firstRow: 2 };
  let digest: { sha256: string; bytes: number } | undefined;
  return {
    name: path,
    encoding,
    header: header.map((c) => c.trim()),
    batches: (async function* () {
      if (rest !== null) yield rest;
      yield* batches;
    })(),
    digest: () => (digest ??= { sha256: hash.digest('hex'), bytes }),
  };
}

async function openSource(path: string, io: Io): Promise<Readable> {
  if (path === '-') return io.stdin;
  const full = resolve(io.cwd, path);
  let info;
  try {
    info = await stat(full);
  } catch (error) {
    throw new PovrollError(`Cannot read "${path}": ${describeFsError(error)}`, 1, { cause: error });
  }
  if (info.isDirectory()) throw new PovrollError(`Cannot read "${path}": it is a folder, not a file`);
  // Node's default 64 KB chunks: larger ones keep more rows alive across a
  // scavenge, and V8 then pretenures them, growing the heap to ~500 MB at 1M rows.
  return createReadStream(full);
}

/** The first chunk of a stream, put back so that reading starts from the beginning. */
async function peek(stream: Readable): Promise<Buffer> {
  if (stream.readableEnded) return Buffer.alloc(0);
  for (;;) {
    const chunk = stream.read() as Buffer | null;
    if (chunk !== null) {
      stream.unshift(chunk);
      return chunk;
    }
    if (stream.readableEnded) return Buffer.alloc(0);
    const event = await Promise.race([once(stream, 'readable'), once(stream, 'end')]);
    if (event.length === 0 && stream.readableEnded) return Buffer.alloc(0);
  }
}

/**
 * The delimiter that splits the first lines into the most fields, outside
 * quotes; a title line above the table has none. Excel writes `;` where the
 * decimal mark is a comma. (csv-parse's own detection throws on any
 * non-ASCII byte: see notes/libraries.md.)
 */
export function detectDelimiter(head: Buffer | string): string {
  const text = typeof head === 'string' ? head : head.toString('utf8', 0, Math.min(head.length, 65536));
  const counts = new Map<string, number>([[',', 0], [';', 0], ['\t', 0]]);
  let quoted = false;
  let lines = 0;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && char === '\n' && ++lines >= 20) break;
    else if (!quoted && counts.has(char)) counts.set(char, counts.get(char)! + 1);
  }
  let best = ',';
  for (const [delimiter, count] of counts) if (count > counts.get(best)!) best = delimiter;
  return best;
}

/** Fields per line (outside quotes) of the complete lines of a sample. */
export function lineWidths(text: string, delimiter: string, maxLines = 200): number[] {
  const widths: number[] = [];
  let quoted = false;
  let fields = 1;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && char === delimiter) fields += 1;
    else if (!quoted && char === '\n') {
      widths.push(fields);
      fields = 1;
      if (widths.length >= maxLines) break;
    }
  }
  return widths;
}

/** The encoding of text from its first bytes: a BOM, UTF-16's zero bytes, or valid UTF-8; else Windows-1258. */
export function detectEncoding(head: Buffer): TextEncoding {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  const sample = head.subarray(0, 4096);
  let oddZeros = 0;
  let evenZeros = 0;
  for (let i = 0; i < sample.length; i += 1) if (sample[i] === 0) (i % 2 === 1 ? (oddZeros += 1) : (evenZeros += 1));
  if (oddZeros > sample.length / 8) return 'utf-16le';
  if (evenZeros > sample.length / 8) return 'utf-16be';
  try {
    // A sequence cut at the end of the sample is not an error: stream mode waits for the rest.
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, 65536), { stream: true });
    return 'utf-8';
  } catch {
    return 'windows-1258';
  }
}

/** Collects parsed records from 'data' events into batches, pausing the parser while a full batch waits. */
async function* batchesOf(parser: ReturnType<typeof parse>, path: string, primed: boolean): AsyncGenerator<CsvBatch> {
  let batch: string[][] = [];
  let nextRow = 1;
  let skipFirst = primed;
  let ended = false;
  let failure: unknown = null;
  let wake: (() => void) | null = null;
  const signal = () => {
    const resume = wake;
    wake = null;
    resume?.();
  };
  parser.on('data', (cells: string[]) => {
    if (skipFirst) {
      skipFirst = false;
      return;
    }
    batch.push(cells);
    if (batch.length >= BATCH_ROWS) parser.pause();
    signal();
  });
  parser.on('end', () => {
    ended = true;
    signal();
  });
  parser.on('error', (error) => {
    failure = error;
    signal();
  });
  for (;;) {
    if (failure !== null) throw describeParseError(failure, path, primed ? 1 : 0);
    if (batch.length > 0) {
      const full: CsvBatch = { rows: batch, firstRow: nextRow };
      nextRow += batch.length;
      batch = [];
      parser.resume();
      yield full;
      continue;
    }
    if (ended) return;
    await new Promise<void>((resolve) => (wake = resolve));
  }
}

function describeParseError(error: unknown, path: string, primingLines: number): PovrollError {
  if (error instanceof PovrollError) return error;
  if (error instanceof CsvError) {
    const counted = (error as CsvError & { lines?: number }).lines;
    const line = counted === undefined ? undefined : counted - primingLines;
    const where = line === undefined ? '' : ` near line ${line}`;
    return new PovrollError(`Cannot read "${path}"${where}: ${error.message}`, 1, { cause: error });
  }
  return new PovrollError(`Cannot read "${path}": ${describeFsError(error)}`, 1, { cause: error });
}
