import { open, readdir, stat } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { glob } from 'tinyglobby';
import { PovrollError } from '../errors.js';
import { describeFsError } from './fs-errors.js';
import type { Io } from './io.js';
import { isDuckDbFile, registryYearOf } from '../registry/registry-roll.js';

/** How a roll file is read. */
export type RollFormat = 'xlsx' | 'text' | 'convert';

const SPREADSHEET_EXTENSIONS = new Set(['.xlsx', '.xlsm', '.csv', '.tsv', '.txt', '.xls', '.ods']);

/**
 * The files named by the arguments: files as given, every roll in a folder
 * (sorted, so runs are repeatable), and glob patterns the shell did not
 * expand (on Windows, or quoted). Lock files Excel leaves (`~$…`) are passed over.
 */
export async function expandInputs(args: readonly string[], io: Io): Promise<string[]> {
  const files: string[] = [];
  for (const arg of args) {
    if (arg === '-') {
      files.push(arg);
      continue;
    }
    const full = resolve(io.cwd, arg);
    const info = await stat(full).catch(() => null);
    if (info === null && (await registryYearOf(arg, io)) !== null) {
      files.push(arg);
      continue;
    }
    if (info?.isFile() && (await isDuckDbFile(full))) {
      throw new PovrollError(`Cannot read "${arg}" as a roll: it is a registry (a DuckDB database); give it with --db`);
    }
    if (info?.isDirectory()) {
      const names = (await readdir(full)).filter((n) => SPREADSHEET_EXTENSIONS.has(extname(n).toLowerCase()) && !n.startsWith('~$')).sort();
      if (names.length === 0) throw new PovrollError(`Cannot read folder "${arg}": it holds no .xlsx, .xlsm, .csv, .tsv, .xls or .ods file`);
      files.push(...names.map((n) => join(arg, n)));
    } else if (info !== null) {
      files.push(arg);
    } else if (/[*?[{]/.test(arg)) {
      const matches = (await glob(arg, { cwd: io.cwd, onlyFiles: true })).filter((n) => !n.split('/').pop()!.startsWith('~$')).sort();
      if (matches.length === 0) throw new PovrollError(`Cannot read "${arg}": no file matches the pattern`);
      files.push(...matches);
    } else {
      throw new PovrollError(`Cannot read "${arg}": no such file`);
    }
  }
  return files;
}

/**
 * The format of a file, from its first bytes first (names lie: an .xlsx
 * saved with a password is not a zip at all), then its extension.
 */
export async function sniffFormat(path: string, io: Io): Promise<RollFormat> {
  if (path === '-') return 'text';
  let head: Buffer;
  try {
    // A pipe (`<(…)`, a FIFO) cannot be read twice or from a position: it is text, read once, like stdin.
    if ((await stat(resolve(io.cwd, path)).catch(() => null))?.isFIFO()) return 'text';
    const handle = await open(resolve(io.cwd, path), 'r');
    try {
      const buffer = Buffer.alloc(8);
      const { bytesRead } = await handle.read(buffer, 0, 8, 0);
      head = buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw new PovrollError(`Cannot read "${path}": ${describeFsError(error)}`, 1, { cause: error });
  }
  const extension = extname(path).toLowerCase();
  if (head.length === 0) {
    if (['.xlsx', '.xlsm', '.xls', '.ods'].includes(extension)) throw new PovrollError(`Cannot read "${path}": the file is empty`);
    return 'text';
  }
  // A file shorter than a signature (a CSV holding just "4") is neither: it goes on to the extension.
  const isZip = head.length >= 4 && head.readUInt32BE(0) === 0x504b0304;
  const isOle = head.length >= 4 && head.readUInt32BE(0) === 0xd0cf11e0;
  if (isZip) return extension === '.ods' ? 'convert' : 'xlsx';
  if (isOle) {
    if (extension === '.xls') return 'convert';
    throw new PovrollError(
      `Cannot read "${path}": it is a password-protected (encrypted) workbook or a legacy .xls file; remove the password in Excel (File › Info › Protect Workbook) and save it as .xlsx`,
    );
  }
  if (extension === '.xlsx' || extension === '.xlsm' || extension === '.ods' || extension === '.xls') {
    throw new PovrollError(`Cannot read "${path}": it is not a ${extension} workbook (the file is damaged or of another kind)`);
  }
  if (looksBinary(head)) {
    throw new PovrollError(`Cannot read "${path}": it is not a spreadsheet; povroll reads .xlsx, .xlsm, .csv, .tsv, .xls and .ods rolls`);
  }
  return 'text';
}

function looksBinary(head: Buffer): boolean {
  // UTF-16 text has zero bytes too, but starts with a BOM or a letter beside a zero.
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return false;
  if (head.length >= 2 && (head[1] === 0 || head[0] === 0) && head[0] !== head[1]) return false;
  return head.some((b) => b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b));
}
