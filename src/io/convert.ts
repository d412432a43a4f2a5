import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, delimiter, extname, join, resolve } from 'node:path';
import { accessSync, constants } from 'node:fs';
import { PovrollError } from '../errors.js';
import type { Io } from './io.js';

/** LibreOffice's command, from POVROLL_SOFFICE or the PATH. */
function findSoffice(io: Io): string | null {
  const configured = io.env.POVROLL_SOFFICE;
  if (configured) return configured;
  for (const folder of (io.env.PATH ?? '').split(delimiter)) {
    for (const name of ['soffice', 'libreoffice']) {
      const candidate = join(folder, name);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  }
  return null;
}

/**
 * Converts a legacy .xls or an .ods file to .xlsx with the LibreOffice the
 * user has (no maintained npm library reads .xls safely: the `xlsx` package is
 * frozen with known flaws, docs/libraries.md). Returns the converted file
 * and a function that removes it.
 */
export async function convertToXlsx(path: string, io: Io): Promise<{ path: string; cleanup: () => Promise<void> }> {
  const kind = extname(path).toLowerCase() === '.ods' ? 'OpenDocument (.ods)' : 'legacy Excel (.xls)';
  const soffice = findSoffice(io);
  if (soffice === null) {
    throw new PovrollError(
      `Cannot read "${path}": the ${kind} format is read through LibreOffice, which is not installed; install it (Debian/Ubuntu: apt-get install libreoffice-calc-nogui) or open the file in Excel and save it as .xlsx`,
    );
  }
  const folder = await mkdtemp(join(tmpdir(), 'povroll-convert-'));
  const cleanup = () => rm(folder, { recursive: true, force: true });
  try {
    await new Promise<void>((done, fail) => {
      execFile(
        soffice,
        ['--headless', '--norestore', `-env:UserInstallation=file://${folder}/profile`, '--convert-to', 'xlsx', '--outdir', folder, resolve(io.cwd, path)],
        { timeout: 300_000 },
        (error, _stdout, stderr) => (error ? fail(new Error(stderr.trim() || error.message)) : done()),
      );
    });
    const converted = (await readdir(folder)).find((n) => n.endsWith('.xlsx'));
    if (converted === undefined) throw new Error('LibreOffice wrote no .xlsx file');
    return { path: join(folder, converted), cleanup };
  } catch (error) {
    await cleanup();
    throw new PovrollError(`Cannot read "${path}": LibreOffice could not convert ${basename(path)} (${(error as Error).message})`, 1, { cause: error });
  }
}
