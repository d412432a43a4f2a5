import { resolve } from 'node:path';
import { type CheckRow, type Finding, type SheetCheck, checkSheet } from '../core/check/summary-check.js';
import { PovrollError } from '../errors.js';
import { formatCsv } from '../io/csv-format.js';
import type { Io } from '../io/io.js';
import { openTextOutput, writeAllOrNothing } from '../io/output.js';
import { openWorkbook } from '../io/raw-roll-reader.js';
import { sniffFormat } from '../io/roll-inputs.js';
import { type GlobalOptions, createReporter } from '../io/terminal.js';
import { plural } from '../pipeline/describe.js';

interface CheckOptions {
  summary: string;
  output?: string;
}

interface CheckResult {
  sheets: SheetCheck[];
  findings: Finding[];
}

const COLUMNS = ['sheet', 'cell', 'rule', 'found', 'expected', 'difference'];

/** `povroll check SUMMARY.xlsx`: every total, rate or identity of a submitted summary that does not add up, by cell. */
export async function checkCommand(options: CheckOptions, global: GlobalOptions, io: Io): Promise<CheckResult> {
  const reporter = createReporter(io, global);
  const path = options.summary;
  const format = await sniffFormat(path, io);
  if (format !== 'xlsx') throw new PovrollError(`Cannot check "${path}": it is not an .xlsx workbook; save the summary from Excel or LibreOffice as .xlsx`);
  const book = await openWorkbook(resolve(io.cwd, path), path);
  const sheets: SheetCheck[] = [];
  try {
    for (const sheet of book.sheets) {
      if (sheet.hidden) continue;
      const rows: CheckRow[] = [];
      for await (const batch of book.rows(sheet)) for (const r of batch) rows.push({ row: r.row, cells: r.cells.map((c) => c ?? null) });
      sheets.push(checkSheet(sheet.name, rows));
    }
  } catch (error) {
    if (error instanceof PovrollError) throw error;
    throw new PovrollError(`Cannot check "${path}": the workbook is damaged (${(error as Error).message})`, 1, { cause: error });
  } finally {
    book.close();
  }
  const known = sheets.filter((s) => s.known);
  if (known.length === 0) {
    throw new PovrollError(
      `Cannot check "${path}": no sheet is in a known layout (a row of column numbers — A, B, 1, 2, 3, 4=3/1*100 … — under the headings, as the official forms have); sheets: ${sheets.map((s) => `"${s.sheet}"`).join(', ') || 'none'}`,
    );
  }
  const findings = known.flatMap((s) => s.findings);
  const output = await openTextOutput(options.output, io, [path]);
  await writeAllOrNothing([output], async () => {
    const rows = findings.map((f) => [
      f.sheet,
      f.cell,
      f.rule,
      f.found === null ? '' : String(f.found),
      String(f.expected),
      f.found === null ? '' : String(round(f.found - f.expected)),
    ]);
    await output.write(formatCsv([COLUMNS, ...rows]));
  });
  for (const s of known)
    reporter.info(`${s.sheet}: ${plural(s.rowsChecked, 'row')} checked, ${s.findings.length === 0 ? 'all add up' : doNotAddUp(s.findings.length)}`);
  const skipped = sheets.filter((s) => !s.known).map((s) => `"${s.sheet}"`);
  if (skipped.length > 0) reporter.detail(`not in a form layout, not checked: ${skipped.join(', ')}`);
  if (findings.length > 0) throw new PovrollError(`${doNotAddUp(findings.length)} in "${path}" (listed on stdout)`);
  reporter.info(`Every total, rate and identity of "${path}" adds up`);
  return { sheets, findings };
}

function doNotAddUp(cells: number): string {
  return `${plural(cells, 'cell')} ${cells === 1 ? 'does' : 'do'} not add up`;
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
