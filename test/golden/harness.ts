/**
 * The golden-file harness (issue 12): runs the scenarios of
 * fixtures/<command>/<scenario>/ in-process and turns what each run printed
 * and wrote into the text files stored beside its args.json. Used by
 * test/golden/golden.test.ts (compare) and scripts/golden-update.ts
 * (rewrite); fixtures/README.md describes the layout.
 *
 * No vitest here: the update script runs this file with plain node after the
 * build.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { packageRoot, packageVersion } from '../../src/io/package-root.js';

export const ROOT = packageRoot();
export const FIXTURES = join(ROOT, 'fixtures');

/** Folders of fixtures/ that hold inputs, not scenarios. */
const INPUT_FOLDERS = new Set(['demo', 'traps']);

/** The files of a scenario folder that are not expected output: its definition and its own inputs. */
const DEFINITION = new Set(['args.json', 'setup.json', 'input']);

/**
 * The environment of every run: English terminal messages whatever the
 * machine's locale (the terminal language follows POVROLL_LANG, then the
 * locale), no colour.
 */
export const GOLDEN_ENV: Readonly<Record<string, string>> = { POVROLL_LANG: 'en', LANG: 'C', NO_COLOR: '1' };

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs povroll in-process (test/support/run-cli.ts runCli, or the same with the update script's Io). */
export type Runner = (argv: string[], options: { cwd: string; env: Record<string, string> }) => Promise<RunResult>;

export interface Scenario {
  /** `<command>/<scenario>`, the folder under fixtures/. */
  name: string;
  dir: string;
  args: string[];
  setup: SetupStep[];
}

/**
 * Steps that prepare a scenario's inputs in {tmp} (not compared):
 * - `{"povroll": [argv]}` runs povroll (it must exit 0);
 * - `{"csv": FROM, "to": TO, "set": {column: value}, "fill_blank": {column: value}, "scale": {column: factor}}`
 *   copies a CSV roll with columns set in every row, filled in where blank, or
 *   multiplied (rounded to a whole number) where not blank;
 * - `{"edit": FROM, "to": TO, "cells": {sheet: {A1: value}}}` copies a workbook
 *   with cells changed (through exceljs, as someone editing a summary would);
 * - `{"workbook": TO, "sheets": {sheet: [[row cells], …]}}` types a workbook by hand.
 */
export type SetupStep =
  | { povroll: string[] }
  | { csv: string; to: string; set?: Record<string, string>; fill_blank?: Record<string, string>; scale?: Record<string, number> }
  | { edit: string; to: string; cells: Record<string, Record<string, string | number>> }
  | { workbook: string; sheets: Record<string, (string | number | null)[][]> };

/** Every scenario under fixtures/, sorted; `filters` keeps those whose name starts with one of them. */
export function listScenarios(filters: readonly string[] = []): Scenario[] {
  const scenarios: Scenario[] = [];
  for (const command of sortedEntries(FIXTURES)) {
    const commandDir = join(FIXTURES, command);
    if (INPUT_FOLDERS.has(command) || !statSync(commandDir).isDirectory()) continue;
    for (const name of sortedEntries(commandDir)) {
      const dir = join(commandDir, name);
      if (!existsSync(join(dir, 'args.json'))) continue;
      const scenario = readScenario(`${command}/${name}`, dir);
      if (filters.length === 0 || filters.some((filter) => scenario.name.startsWith(filter.replace(/^fixtures\//, '').replace(/\/$/, '')))) {
        scenarios.push(scenario);
      }
    }
  }
  return scenarios;
}

function readScenario(name: string, dir: string): Scenario {
  const args = JSON.parse(readFileSync(join(dir, 'args.json'), 'utf8')) as unknown;
  if (!Array.isArray(args) || !args.every((arg) => typeof arg === 'string'))
    throw new Error(`${name}/args.json: expected a JSON array of strings (the argv after povroll)`);
  const setupFile = join(dir, 'setup.json');
  const setup = existsSync(setupFile) ? (JSON.parse(readFileSync(setupFile, 'utf8')) as SetupStep[]) : [];
  if (!Array.isArray(setup)) throw new Error(`${name}/setup.json: expected a JSON array of steps`);
  return { name, dir, args: args as string[], setup };
}

function sortedEntries(dir: string): string[] {
  return readdirSync(dir).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Runs a scenario in a fresh temporary folder and returns the expected files
 * it gives, by name: stdout.txt, stderr.txt, exit-code.txt, then every file
 * written to {out} (a workbook as its dump, `<file>.xlsx.txt`), each
 * normalised.
 */
export async function runScenario(scenario: Scenario, run: Runner): Promise<Map<string, string>> {
  const base = mkdtempSync(join(tmpdir(), 'povroll-golden-'));
  const places = { out: join(base, 'out'), tmp: join(base, 'tmp'), root: ROOT };
  mkdirSync(places.out);
  mkdirSync(places.tmp);
  const normalise = normaliser(places);
  const expand = (text: string) => text.replace(/\{(out|tmp|root)\}/g, (_, place: keyof typeof places) => places[place]);
  try {
    for (const step of scenario.setup) await runSetupStep(step, expand, run, scenario.name);
    const result = await run(scenario.args.map(expand), { cwd: ROOT, env: { ...GOLDEN_ENV } });
    const files = new Map<string, string>([
      ['stdout.txt', normalise(result.stdout)],
      ['stderr.txt', normalise(result.stderr)],
      ['exit-code.txt', `${result.code}\n`],
    ]);
    for (const name of sortedEntries(places.out)) {
      const path = join(places.out, name);
      if (!statSync(path).isFile()) throw new Error(`${scenario.name}: the run left a folder "${name}" in {out}; only files are compared`);
      if (DEFINITION.has(name) || files.has(name)) throw new Error(`${scenario.name}: an output may not be named "${name}"`);
      if (/\.xlsx$/i.test(name)) files.set(`${name}.txt`, normalise(await dumpWorkbook(path, name)));
      else files.set(name, normalise(readFileSync(path, 'utf8')));
    }
    return files;
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}

async function runSetupStep(step: SetupStep, expand: (text: string) => string, run: Runner, name: string): Promise<void> {
  const at = (path: string) => resolve(ROOT, expand(path));
  if ('povroll' in step) {
    const result = await run(step.povroll.map(expand), { cwd: ROOT, env: { ...GOLDEN_ENV } });
    if (result.code !== 0) throw new Error(`${name}: setup step povroll ${step.povroll.join(' ')} exited ${result.code}:\n${result.stderr}`);
  } else if ('csv' in step) {
    const rows = parse(readFileSync(at(step.csv)), { bom: true }) as string[][];
    const header = rows[0] ?? [];
    const column = (field: string) => {
      const index = header.indexOf(field);
      if (index < 0) throw new Error(`${name}: setup step csv: no column "${field}" in ${step.csv}`);
      return index;
    };
    for (const row of rows.slice(1)) {
      for (const [field, value] of Object.entries(step.set ?? {})) row[column(field)] = value;
      for (const [field, value] of Object.entries(step.fill_blank ?? {})) if ((row[column(field)] ?? '') === '') row[column(field)] = value;
      for (const [field, factor] of Object.entries(step.scale ?? {}))
        if ((row[column(field)] ?? '') !== '') row[column(field)] = String(Math.round(Number(row[column(field)]) * factor));
    }
    writeFileSync(at(step.to), stringify(rows));
  } else if ('edit' in step) {
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(at(step.edit));
    for (const [sheetName, cells] of Object.entries(step.cells)) {
      const sheet = book.getWorksheet(sheetName);
      if (sheet === undefined) throw new Error(`${name}: setup step edit: no sheet "${sheetName}" in ${step.edit}`);
      for (const [address, value] of Object.entries(cells)) sheet.getCell(address).value = value;
    }
    await book.xlsx.writeFile(at(step.to));
  } else if ('workbook' in step) {
    const book = new ExcelJS.Workbook();
    for (const [sheetName, rows] of Object.entries(step.sheets)) {
      const sheet = book.addWorksheet(sheetName);
      for (const row of rows) sheet.addRow(row);
    }
    await book.xlsx.writeFile(at(step.workbook));
  } else {
    throw new Error(`${name}: unknown setup step ${JSON.stringify(step)}`);
  }
}

/**
 * What varies between machines and runs is put in words: the temporary
 * folders of the run become {out} and {tmp}, the repository {root}, and
 * povroll's version (information sheet, --version) {version}. Nothing else is
 * touched: povroll prints no timings or dates unless --stamp is given, which
 * scenarios do not use.
 */
export function normaliser(places: { out: string; tmp: string; root: string }): (text: string) => string {
  const replacements: [string, string][] = [];
  for (const [place, path] of Object.entries(places)) {
    for (const variant of new Set([path, realpathSync(path)])) {
      replacements.push([variant, `{${place}}`]);
      if (sep === '\\') replacements.push([variant.replaceAll('\\', '/'), `{${place}}`]);
    }
  }
  // The longest first: {out} and {tmp} may lie under {root}'s folder, or the other way round.
  replacements.sort((a, b) => b[0].length - a[0].length);
  const version = new RegExp(`\\bpovroll ${packageVersion().replaceAll('.', '\\.')}\\b`, 'g');
  return (text) => {
    let result = text;
    for (const [from, to] of replacements) result = result.replaceAll(from, to);
    return result.replace(version, 'povroll {version}');
  };
}

// ---------------------------------------------------------------------------
// Workbook dump

/** Excel's built-in number formats, by id (those not in styles.xml). */
const BUILTIN_FORMATS: Record<string, string> = {
  '0': '',
  '1': '0',
  '2': '0.00',
  '3': '#,##0',
  '4': '#,##0.00',
  '9': '0%',
  '10': '0.00%',
  '11': '0.00E+00',
  '12': '# ?/?',
  '13': '# ??/??',
  '14': 'mm-dd-yy',
  '15': 'd-mmm-yy',
  '16': 'd-mmm',
  '17': 'mmm-yy',
  '18': 'h:mm AM/PM',
  '19': 'h:mm:ss AM/PM',
  '20': 'h:mm',
  '21': 'h:mm:ss',
  '22': 'm/d/yy h:mm',
  '37': '#,##0 ;(#,##0)',
  '38': '#,##0 ;[Red](#,##0)',
  '39': '#,##0.00;(#,##0.00)',
  '40': '#,##0.00;[Red](#,##0.00)',
  '45': 'mm:ss',
  '46': '[h]:mm:ss',
  '47': 'mmss.0',
  '48': '##0.0E+0',
  '49': '@',
};

/**
 * A workbook as text, read straight from its XML (not through povroll's own
 * reader, nor exceljs, which drops cached formula results of 0). Per sheet, in
 * workbook order: each non-empty cell as `A1<TAB>value<TAB>=formula<TAB>number
 * format` (trailing empty fields left off; text that would read as a number,
 * or that starts with ' or =, gets a leading '; \, tab and line breaks are
 * written \\, \t, \n, \r), then the layout: frozen panes, page setup, print
 * titles, header and footer, column widths, custom row heights, merges, and
 * the charts drawn on the sheet (type, title, series ranges).
 */
export async function dumpWorkbook(path: string, fileName: string): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(path));
  const text = async (entry: string) => {
    const file = zip.file(entry);
    if (file === null) throw new Error(`${fileName}: no ${entry} in the workbook`);
    return file.async('string');
  };
  const optional = async (entry: string) => (zip.file(entry) === null ? null : text(entry));

  const workbook = await text('xl/workbook.xml');
  const workbookRels = relationships(await text('xl/_rels/workbook.xml.rels'), 'xl/workbook.xml');
  const strings = sharedStrings(await optional('xl/sharedStrings.xml'));
  const formats = cellFormats(await optional('xl/styles.xml'));
  const sheets = [...workbook.matchAll(/<sheet\b([^>]*?)\/?>/g)].map((match) => attributes(match[1]!));
  const definedNames = [...workbook.matchAll(/<definedName\b([^>]*)>([\s\S]*?)<\/definedName>/g)].map(
    (match): Record<string, string> => ({ ...attributes(match[1]!), value: decode(match[2]!) }),
  );

  const lines = [
    `# ${fileName}: a text dump of the workbook (test/golden/harness.ts; see fixtures/README.md)`,
    '# cell<TAB>value<TAB>=formula<TAB>number format',
  ];
  lines.push(`sheets\t${sheets.length}`);
  sheets.forEach((sheet, index) => lines.push(`sheet ${index + 1}\t${escapeField(sheet.name ?? '')}${sheet.state !== undefined ? `\t${sheet.state}` : ''}`));
  for (const name of definedNames.filter((entry) => entry.localSheetId === undefined)) lines.push(`name\t${name.name}\t${escapeField(name.value ?? '')}`);

  for (const [index, sheet] of sheets.entries()) {
    const target = workbookRels.get(sheet['r:id'] ?? '');
    if (target === undefined) throw new Error(`${fileName}: sheet "${sheet.name}" has no part`);
    const xml = await text(target);
    lines.push('', `== sheet ${index + 1}: ${escapeField(sheet.name ?? '')}`);
    lines.push(...sheetCells(xml, strings, formats));
    lines.push(...sheetLayout(xml));
    for (const name of definedNames.filter((entry) => entry.localSheetId === String(index))) {
      lines.push(
        `${name.name === '_xlnm.Print_Titles' ? 'print titles' : name.name === '_xlnm.Print_Area' ? 'print area' : `name ${name.name}`}\t${escapeField(name.value ?? '')}`,
      );
    }
    lines.push(...(await sheetCharts(zip, target, xml, fileName)));
  }
  return `${lines.join('\n')}\n`;
}

function sheetCells(xml: string, strings: string[], formats: string[]): string[] {
  const cells: { row: number; column: number; line: string }[] = [];
  const data = /<sheetData\b[^>]*>([\s\S]*?)<\/sheetData>/.exec(xml)?.[1] ?? '';
  for (const match of data.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const attrs = attributes(match[1]!);
    const body = match[2] ?? '';
    const address = attrs.r ?? '?';
    const formulaMatch = /<f\b([^>]*?)(?:\/>|>([\s\S]*?)<\/f>)/.exec(body);
    const raw = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
    let value = '';
    switch (attrs.t) {
      case 's':
        value = textValue(strings[Number(raw)] ?? `{missing shared string ${raw}}`);
        break;
      case 'str':
        value = raw === undefined ? '' : textValue(decode(raw));
        break;
      case 'inlineStr':
        value = textValue(runText(/<is>([\s\S]*?)<\/is>/.exec(body)?.[1] ?? ''));
        break;
      case 'b':
        value = raw === undefined ? '' : raw === '1' ? 'TRUE' : 'FALSE';
        break;
      case 'e':
        value = raw === undefined ? '' : decode(raw);
        break;
      default:
        value = raw === undefined ? '' : decode(raw);
    }
    let formula = '';
    if (formulaMatch !== undefined && formulaMatch !== null) {
      const fAttrs = attributes(formulaMatch[1]!);
      const source = decode(formulaMatch[2] ?? '');
      formula = source !== '' ? `=${source}` : `=(shared formula ${fAttrs.si ?? '?'})`;
      if (fAttrs.t === 'shared' && source !== '') formula += ` (shared ${fAttrs.si ?? '?'}${fAttrs.ref !== undefined ? ` over ${fAttrs.ref}` : ''})`;
    }
    if (value === '' && formula === '') continue;
    const format = formats[Number(attrs.s ?? '0')] ?? '';
    const fields = [address, value, escapeField(formula), escapeField(format)];
    while (fields.length > 2 && fields[fields.length - 1] === '') fields.pop();
    const [column, row] = cellPosition(address);
    cells.push({ row, column, line: fields.join('\t') });
  }
  cells.sort((a, b) => a.row - b.row || a.column - b.column);
  return cells.map((cell) => cell.line);
}

function sheetLayout(xml: string): string[] {
  const lines: string[] = [];
  const pane = /<pane\b([^>]*?)\/?>/.exec(xml);
  if (pane !== null) {
    const attrs = attributes(pane[1]!);
    lines.push(`panes\t${attrs.state ?? 'split'} at ${attrs.topLeftCell ?? '?'} (${attrs.xSplit ?? '0'} columns, ${attrs.ySplit ?? '0'} rows)`);
  }
  const setup = /<pageSetup\b([^>]*?)\/?>/.exec(xml);
  const fit = /<pageSetUpPr\b([^>]*?)\/?>/.exec(xml);
  if (setup !== null) {
    const attrs = attributes(setup[1]!);
    const shown = ['orientation', 'paperSize', 'scale', 'fitToWidth', 'fitToHeight']
      .filter((key) => attrs[key] !== undefined)
      .map((key) => `${key}=${attrs[key]}`);
    if (fit !== null && attributes(fit[1]!).fitToPage === '1') shown.push('fitToPage');
    lines.push(`page\t${shown.join(' ')}`);
  }
  for (const part of ['oddHeader', 'oddFooter', 'evenHeader', 'evenFooter', 'firstHeader', 'firstFooter']) {
    const found = new RegExp(`<${part}>([\\s\\S]*?)</${part}>`).exec(xml);
    if (found !== null) lines.push(`${part === 'oddHeader' ? 'header' : part === 'oddFooter' ? 'footer' : part}\t${escapeField(decode(found[1]!))}`);
  }
  for (const col of xml.matchAll(/<col\b([^>]*?)\/?>/g)) {
    const attrs = attributes(col[1]!);
    const min = Number(attrs.min);
    const max = Number(attrs.max);
    const span = min === max ? columnName(min) : `${columnName(min)}:${columnName(max)}`;
    const extra = [
      attrs.hidden === '1' ? 'hidden' : '',
      attrs.outlineLevel !== undefined && attrs.outlineLevel !== '0' ? `outline ${attrs.outlineLevel}` : '',
    ].filter((word) => word !== '');
    lines.push(`column\t${span}\t${attrs.width ?? ''}${extra.length > 0 ? `\t${extra.join(' ')}` : ''}`);
  }
  for (const row of xml.matchAll(/<row\b([^>]*?)\/?>/g)) {
    const attrs = attributes(row[1]!);
    if (attrs.customHeight === '1' || attrs.hidden === '1') lines.push(`row\t${attrs.r}\t${attrs.ht ?? ''}${attrs.hidden === '1' ? '\thidden' : ''}`);
  }
  const merges = [...xml.matchAll(/<mergeCell\b[^>]*\bref="([^"]*)"/g)].map((match) => match[1]!);
  merges.sort((a, b) => {
    const [ac, ar] = cellPosition(a.split(':')[0]!);
    const [bc, br] = cellPosition(b.split(':')[0]!);
    return ar - br || ac - bc;
  });
  for (const merge of merges) lines.push(`merge\t${merge}`);
  for (const rowBreak of xml.matchAll(/<rowBreaks\b[\s\S]*?<\/rowBreaks>/g)) {
    lines.push(`row breaks\t${[...rowBreak[0].matchAll(/<brk\b[^>]*\bid="(\d+)"/g)].map((match) => match[1]).join(' ')}`);
  }
  return lines;
}

/** The charts of the drawing a sheet carries: where each is anchored, its kind, title and series ranges. */
async function sheetCharts(zip: JSZip, sheetPart: string, sheetXml: string, fileName: string): Promise<string[]> {
  const drawingId = /<drawing\b[^>]*\br:id="([^"]*)"/.exec(sheetXml)?.[1];
  if (drawingId === undefined) return [];
  const read = async (entry: string) => {
    const file = zip.file(entry);
    if (file === null) throw new Error(`${fileName}: no ${entry} in the workbook`);
    return file.async('string');
  };
  const drawingPart = relationships(await read(relsOf(sheetPart)), sheetPart).get(drawingId);
  if (drawingPart === undefined) return [];
  const drawing = await read(drawingPart);
  const drawingRels = zip.file(relsOf(drawingPart)) === null ? new Map<string, string>() : relationships(await read(relsOf(drawingPart)), drawingPart);
  const lines: string[] = [];
  for (const anchor of drawing.matchAll(
    /<xdr:(?:twoCellAnchor|oneCellAnchor|absoluteAnchor)\b[\s\S]*?<\/xdr:(?:twoCellAnchor|oneCellAnchor|absoluteAnchor)>/g,
  )) {
    const corner = (which: string) => {
      const found = new RegExp(`<xdr:${which}>[\\s\\S]*?<xdr:col>(\\d+)</xdr:col>[\\s\\S]*?<xdr:row>(\\d+)</xdr:row>`).exec(anchor[0]);
      return found === null ? '?' : `${columnName(Number(found[1]) + 1)}${Number(found[2]) + 1}`;
    };
    const chartId = /<c:chart\b[^>]*\br:id="([^"]*)"/.exec(anchor[0])?.[1];
    const chartPart = chartId === undefined ? undefined : drawingRels.get(chartId);
    if (chartPart === undefined) {
      lines.push(`drawing\t${corner('from')}:${corner('to')}\t(not a chart)`);
      continue;
    }
    const chart = await read(chartPart);
    const kinds = [...chart.matchAll(/<c:(\w+Chart)>([\s\S]*?)<\/c:\1>/g)].map((match) => {
      const direction = /<c:barDir val="(\w+)"/.exec(match[2]!)?.[1];
      const grouping = /<c:grouping val="(\w+)"/.exec(match[2]!)?.[1];
      return [match[1], direction, grouping].filter((word) => word !== undefined).join(' ');
    });
    const title = /<c:title>([\s\S]*?)<\/c:title>/.exec(chart)?.[1];
    lines.push(`chart\t${corner('from')}:${corner('to')}\t${kinds.join(', ')}\t${escapeField(title === undefined ? '' : runText(title, 'a:t'))}`);
    for (const series of chart.matchAll(/<c:ser>([\s\S]*?)<\/c:ser>/g)) {
      const reference = (part: string) => {
        const found = new RegExp(`<c:${part}>[\\s\\S]*?<c:f>([\\s\\S]*?)</c:f>`).exec(series[1]!);
        return found === null ? '' : decode(found[1]!);
      };
      lines.push(`series\tname ${escapeField(reference('tx'))}\tcategories ${escapeField(reference('cat'))}\tvalues ${escapeField(reference('val'))}`);
    }
  }
  return lines;
}

function relsOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash)}/_rels/${part.slice(slash + 1)}.rels`;
}

/** Relationship id → part name (from the zip's root), for the part `from`. */
function relationships(xml: string, from: string): Map<string, string> {
  const folder = from.slice(0, from.lastIndexOf('/'));
  const map = new Map<string, string>();
  for (const match of xml.matchAll(/<Relationship\b([^>]*?)\/?>/g)) {
    const attrs = attributes(match[1]!);
    if (attrs.Id === undefined || attrs.Target === undefined) continue;
    const target = attrs.Target.startsWith('/') ? attrs.Target.slice(1) : resolvePart(folder, attrs.Target);
    map.set(attrs.Id, target);
  }
  return map;
}

function resolvePart(folder: string, target: string): string {
  const parts = folder === '' ? [] : folder.split('/');
  for (const piece of target.split('/')) {
    if (piece === '..') parts.pop();
    else if (piece !== '.') parts.push(piece);
  }
  return parts.join('/');
}

function sharedStrings(xml: string | null): string[] {
  if (xml === null) return [];
  return [...xml.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((match) => runText(match[1]!));
}

/** The text of an element's <t> runs (phonetic runs left out). */
function runText(xml: string, tag = 't'): string {
  const withoutPhonetic = xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '');
  return [...withoutPhonetic.matchAll(new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`, 'g'))].map((match) => decode(match[1]!)).join('');
}

/** The number format of each cell style (cellXfs), '' for General. */
function cellFormats(xml: string | null): string[] {
  if (xml === null) return [];
  const custom = new Map<string, string>();
  for (const match of xml.matchAll(/<numFmt\b([^>]*?)\/?>/g)) {
    const attrs = attributes(match[1]!);
    if (attrs.numFmtId !== undefined) custom.set(attrs.numFmtId, attrs.formatCode ?? '');
  }
  const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(xml)?.[1] ?? '';
  return [...xfs.matchAll(/<xf\b([^>]*?)\/?>/g)].map((match) => {
    const id = attributes(match[1]!).numFmtId ?? '0';
    return custom.get(id) ?? BUILTIN_FORMATS[id] ?? `(built-in format ${id})`;
  });
}

function attributes(text: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const match of text.matchAll(/([\w:.-]+)="([^"]*)"/g)) attrs[match[1]!] = decode(match[2]!);
  return attrs;
}

function decode(text: string): string {
  return text
    .replace(/&(lt|gt|quot|apos|amp|#\d+|#x[0-9a-fA-F]+);/g, (_, entity: string) => {
      if (entity === 'lt') return '<';
      if (entity === 'gt') return '>';
      if (entity === 'quot') return '"';
      if (entity === 'apos') return "'";
      if (entity === 'amp') return '&';
      return String.fromCodePoint(entity.startsWith('#x') ? parseInt(entity.slice(2), 16) : Number(entity.slice(1)));
    })
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** A text cell's value: marked with a leading ' when it would read as a number or a formula. */
function textValue(text: string): string {
  const looksLikeNumber = text.trim() !== '' && Number.isFinite(Number(text));
  return escapeField(looksLikeNumber || text.startsWith("'") || text.startsWith('=') ? `'${text}` : text);
}

function escapeField(text: string): string {
  return text.replace(/[\\\t\n\r]/g, (char) => (char === '\\' ? '\\\\' : char === '\t' ? '\\t' : char === '\n' ? '\\n' : '\\r'));
}

function cellPosition(address: string): [column: number, row: number] {
  const match = /^\$?([A-Z]+)\$?(\d+)$/.exec(address);
  if (match === null) return [0, 0];
  let column = 0;
  for (const char of match[1]!) column = column * 26 + (char.charCodeAt(0) - 64);
  return [column, Number(match[2])];
}

function columnName(index: number): string {
  let name = '';
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

// ---------------------------------------------------------------------------
// Stored files

/** The expected output files stored in a scenario folder (everything but args.json, setup.json and input/). */
export function storedFiles(scenario: Scenario): string[] {
  return sortedEntries(scenario.dir).filter((name) => !DEFINITION.has(name));
}

/** Differences between what is stored and what a run gave, as unified diffs; '' when they are the same bytes. */
export function compareWithStored(scenario: Scenario, produced: Map<string, string>): string {
  const problems: string[] = [];
  const stored = storedFiles(scenario);
  for (const [name, text] of produced) {
    const path = join(scenario.dir, name);
    const shown = relative(ROOT, path).split(sep).join('/');
    if (!existsSync(path)) {
      problems.push(`${shown}: not stored, but the run gives it (${text.split('\n').length - 1} lines)`);
      continue;
    }
    const before = readFileSync(path);
    if (before.equals(Buffer.from(text, 'utf8'))) continue;
    problems.push(unifiedDiff(before.toString('utf8'), text, `${shown} (stored)`, `${shown} (this run)`));
  }
  for (const name of stored) {
    if (!produced.has(name)) problems.push(`${relative(ROOT, join(scenario.dir, name)).split(sep).join('/')}: stored, but the run no longer gives it`);
  }
  return problems.join('\n\n');
}

/** Writes what a run gave into the scenario folder, removing stored outputs it no longer gives. Returns the names of files changed. */
export function writeStored(scenario: Scenario, produced: Map<string, string>): string[] {
  const changed: string[] = [];
  for (const name of storedFiles(scenario)) {
    if (produced.has(name)) continue;
    rmSync(join(scenario.dir, name), { recursive: true, force: true });
    changed.push(`${name} (removed)`);
  }
  for (const [name, text] of produced) {
    const path = join(scenario.dir, name);
    if (existsSync(path) && readFileSync(path).equals(Buffer.from(text, 'utf8'))) continue;
    changed.push(name);
    writeFileSync(path, text);
  }
  return changed;
}

// ---------------------------------------------------------------------------
// Unified diff (Myers), to show what changed without a dependency

const MAX_EDIT_DISTANCE = 4000;
const MAX_DIFF_LINES = 300;

export function unifiedDiff(before: string, after: string, beforeName: string, afterName: string, context = 3): string {
  const a = lines(before);
  const b = lines(after);
  const ops = diffLines(a, b);
  const out = [`--- ${beforeName}`, `+++ ${afterName}`];
  if (!ops.some((op) => op.kind !== ' ')) {
    out.push('(the lines are the same: the files differ in line endings or encoding)');
    return out.join('\n');
  }
  // Hunks: runs of changes with `context` unchanged lines around them.
  let i = 0;
  let aLine = 1;
  let bLine = 1;
  const positions = ops.map((op) => {
    const position = { a: aLine, b: bLine };
    if (op.kind !== '+') aLine += 1;
    if (op.kind !== '-') bLine += 1;
    return position;
  });
  let printed = 0;
  while (i < ops.length) {
    if (ops[i]!.kind === ' ') {
      i += 1;
      continue;
    }
    const start = Math.max(0, i - context);
    let end = i;
    // Extend while the next change is within 2 × context unchanged lines.
    for (;;) {
      while (end < ops.length && ops[end]!.kind !== ' ') end += 1;
      let next = end;
      while (next < ops.length && ops[next]!.kind === ' ' && next - end < 2 * context) next += 1;
      if (next < ops.length && ops[next]!.kind !== ' ' && next - end <= 2 * context) end = next;
      else break;
    }
    const stop = Math.min(ops.length, end + context);
    const hunk = ops.slice(start, stop);
    const aCount = hunk.filter((op) => op.kind !== '+').length;
    const bCount = hunk.filter((op) => op.kind !== '-').length;
    out.push(`@@ -${positions[start]!.a},${aCount} +${positions[start]!.b},${bCount} @@`);
    for (const op of hunk) {
      if (printed >= MAX_DIFF_LINES) break;
      out.push(`${op.kind}${op.line}`);
      printed += 1;
    }
    if (printed >= MAX_DIFF_LINES) {
      const left = ops.slice(stop).filter((op) => op.kind !== ' ').length + hunk.filter((op) => op.kind !== ' ').length;
      out.push(`… (diff cut at ${MAX_DIFF_LINES} lines; about ${left} changed lines not shown)`);
      break;
    }
    i = stop;
  }
  return out.join('\n');
}

/** The lines of a text, as diff shows them: a last line without its line break is marked so. */
function lines(text: string): string[] {
  const split = text.split('\n');
  if (split[split.length - 1] === '') split.pop();
  else split.push('\\ No newline at end of file');
  return split;
}

interface Op {
  kind: ' ' | '-' | '+';
  line: string;
}

function diffLines(a: string[], b: string[]): Op[] {
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix += 1;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix += 1;
  const head: Op[] = a.slice(0, prefix).map((line) => ({ kind: ' ', line }));
  const tail: Op[] = a.slice(a.length - suffix).map((line) => ({ kind: ' ', line }));
  const middle = myers(a.slice(prefix, a.length - suffix), b.slice(prefix, b.length - suffix));
  return [...head, ...middle, ...tail];
}

function myers(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= Math.min(max, MAX_EDIT_DISTANCE) && found < 0; d += 1) {
    // V before step d, for k in [-d-1, d+1] (index k + d + 1).
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x += 1;
        y += 1;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
  }
  if (found < 0) {
    // Too different to align within the limit: all out, all in.
    return [...a.map((line): Op => ({ kind: '-', line })), ...b.map((line): Op => ({ kind: '+', line }))];
  }
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d -= 1) {
    const before = trace[d]!;
    const at = (k: number) => before[k + d + 1]!;
    const k = x - y;
    const previousK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const previousX = at(previousK);
    const previousY = previousX - previousK;
    const stepX = previousK === k + 1 ? previousX : previousX + 1;
    while (x > stepX) {
      ops.push({ kind: ' ', line: a[x - 1]! });
      x -= 1;
      y -= 1;
    }
    if (previousK === k + 1) ops.push({ kind: '+', line: b[y - 1]! });
    else ops.push({ kind: '-', line: a[x - 1]! });
    x = previousX;
    y = previousY;
  }
  while (x > 0) {
    ops.push({ kind: ' ', line: a[x - 1]! });
    x -= 1;
  }
  return ops.reverse();
}
