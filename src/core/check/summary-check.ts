/**
 * Re-adds a submitted summary laid out as the official forms are: a row of
 * column numbers under the headings ("A, B, 1, 2, 3, 4=3/1*100, …") says how
 * each computed column follows from the others, and the rows below it are
 * units — a unit numbered I, II, … sums the units numbered 1, 2, … below it,
 * and the total sums the upper units. Every cell that does not add up is
 * reported with its address; nothing printed is trusted.
 */

import { columnLetter } from '../ingest/header.js';
import { matchKey } from '../ingest/match-key.js';
import { type Fraction, decimalFraction, formatFraction } from '../numbers.js';

export type CheckCell = string | number | boolean | null;

export interface CheckRow {
  /** 1-based row number in the sheet. */
  row: number;
  cells: CheckCell[];
}

export interface Finding {
  sheet: string;
  /** A1-style address. */
  cell: string;
  /** What should hold, in the form's own words ("4=3/1*100", "sum of rows 8–11"). */
  rule: string;
  found: number | null;
  expected: number;
}

export interface SheetCheck {
  sheet: string;
  /** Whether the sheet has a numbering row (a layout this check knows). */
  known: boolean;
  rowsChecked: number;
  findings: Finding[];
}

interface Rule {
  /** Column index whose value the rule gives. */
  column: number;
  text: string;
  /** The exact value the rule gives, from the cells as they print (8.33 is 833/100, not the binary fraction nearest it). */
  evaluate: (value: (column: number) => number | null) => Fraction | null;
  /** Rates are printed to 2 decimals: they may differ from the exact value by half a hundredth. */
  tolerance: number;
  /** The rule divides (a rate): its expected value is given with 2 decimals, others with 6. */
  divides: boolean;
}

/** Checks one sheet's rows. */
export function checkSheet(sheet: string, rows: readonly CheckRow[]): SheetCheck {
  const at = rows.findIndex((r) => isNumberingRow(r.cells));
  if (at < 0) return { sheet, known: false, rowsChecked: 0, findings: [] };
  const numbering = rows[at]!.cells;
  const labels = new Map<string, number>();
  numbering.forEach((cell, column) => {
    const label = labelOf(cell);
    if (label !== null) labels.set(label, column);
  });
  const rules = numbering.flatMap((cell, column) => {
    const rule = ruleOf(cell, column, labels);
    return rule === null ? [] : [rule];
  });
  // Rates (rules that divide) do not add up over units; counts, computed or not, do.
  const computed = new Set(rules.filter((r) => r.tolerance > 1e-6).map((r) => r.column));
  const headings = headingTexts(rows.slice(Math.max(0, at - 3), at), numbering.length);
  // Counts add up over units; rates, ranks, targets and verdicts do not.
  const counted = [...labels.entries()]
    .filter(([label, column]) => /^\d+$/.test(label) && !computed.has(column) && !NOT_SUMMED.test(headings[column] ?? ''))
    .map(([, column]) => column);
  const body = dataRows(rows.slice(at + 1));
  const findings: Finding[] = [];
  const address = (column: number, row: number) => `${columnLetter(column)}${row}`;

  for (const row of body) {
    const value = (column: number) => numberIn(row.cells[column]);
    for (const rule of rules) {
      const expected = rule.evaluate(value);
      if (expected === null) continue;
      const found = value(rule.column);
      if (found === null || beyond(found, expected, rule.tolerance)) {
        findings.push({
          sheet,
          cell: address(rule.column, row.row),
          rule: rule.text,
          found,
          expected: Number(formatFraction(expected.numerator, expected.denominator, rule.divides ? 2 : 6)),
        });
      }
    }
  }

  // Sums: an upper unit over the units below it, the total over the upper units (or over all units when there are none).
  // Forms 2 and 3 give each unit two rows (households, persons) told apart in column C: rows add up within their kind.
  const kindColumn = labels.get('C');
  const units = unitsOf(body, kindColumn);
  const sumCheck = (target: Unit, parts: readonly Unit[], what: (rows: number[]) => string) => {
    if (parts.length === 0) return;
    for (const [kind, row] of target.rows) {
      const partRows = parts.map((p) => p.rows.get(kind)).filter((r): r is CheckRow => r !== undefined);
      for (const column of counted) {
        const values = partRows.map((p) => numberIn(p.cells[column]));
        if (values.every((v) => v === null)) continue;
        const expected = values.reduce<number>((sum, v) => sum + (v ?? 0), 0);
        const found = numberIn(row.cells[column]);
        if (found !== expected) findings.push({ sheet, cell: address(column, row.row), rule: what(partRows.map((p) => p.row)), found, expected });
      }
    }
  };
  const span = (rowsOf: number[]) =>
    rowsOf.every((r, i) => i === 0 || r === rowsOf[i - 1]! + 1) ? `sum of rows ${rowsOf[0]}–${rowsOf[rowsOf.length - 1]}` : `sum of rows ${rowsOf.join(', ')}`;
  const groups = units.filter((u) => u.group);
  units.forEach((unit, i) => {
    if (!unit.group) return;
    const below: Unit[] = [];
    for (let k = i + 1; k < units.length && !units[k]!.group && !units[k]!.total; k += 1) below.push(units[k]!);
    sumCheck(unit, below, span);
  });
  for (const total of units.filter((u) => u.total)) {
    sumCheck(total, groups.length > 0 ? groups : units.filter((u) => !u.total), span);
  }
  findings.sort((a, b) => rowOf(a.cell) - rowOf(b.cell) || a.cell.localeCompare(b.cell));
  return { sheet, known: true, rowsChecked: body.length, findings };
}

const NOT_SUMMED =
  /tỷ lệ|%|bình quân|xếp hạng|điểm|chỉ tiêu|thực hiện|đạt|năm rà soát|thu nhập|\bstt\b|\btt\b|thứ tự|đơn vị|\btên\b|rate|rank|average|points|target|actual|met\b|year|income|\bno\.|unit|name/i;

/** Each column's headings above the numbering row, a merged heading carried over the columns it spans. */
function headingTexts(rows: readonly CheckRow[], width: number): string[] {
  const texts = Array.from({ length: width }, () => '');
  for (const row of rows) {
    let carried = '';
    for (let column = 0; column < width; column += 1) {
      const cell = row.cells[column];
      const text = typeof cell === 'string' ? cell.trim() : '';
      carried = text !== '' ? text : carried;
      texts[column] += ` ${text !== '' ? text : carried}`;
    }
  }
  return texts.map((t) => t.normalize('NFC'));
}

/** A row of column numbers: "A", "B", then 1, 2, 3 (as numbers or text, with formulas such as "4=3/1*100"). */
function isNumberingRow(cells: readonly CheckCell[]): boolean {
  const labels = cells.map(labelOf).filter((l): l is string => l !== null);
  const numbers = labels.filter((l) => /^\d+$/.test(l)).map(Number);
  return numbers.length >= 3 && numbers.slice(0, 3).every((n, i) => n === i + 1) && cells.filter((c) => c !== null && c !== '').length === labels.length;
}

/** The column number a numbering cell gives ("4" of "4=3/1*100", "A"), or null. */
function labelOf(cell: CheckCell): string | null {
  if (typeof cell === 'number') return Number.isInteger(cell) && cell > 0 ? String(cell) : null;
  if (typeof cell !== 'string') return null;
  const text = cell.replace(/[()\s]/g, '');
  const match = /^(\d+|[A-Z])(?:=.*)?$/.exec(text);
  return match ? match[1]! : null;
}

/** The rule of a numbering cell with a formula: "4=3/1*100", "9=1-2-3-4+5+6+7+8", "7=3+5". */
function ruleOf(cell: CheckCell, column: number, labels: ReadonlyMap<string, number>): Rule | null {
  if (typeof cell !== 'string') return null;
  // As forms write it: "(4) = (3) : (1) x 100", "4=3/1*100%", "9=1−2−3…".
  const text = expandSeries(
    cell
      .replace(/[()\s%]/g, '')
      .replace(/[xX×]/g, '*')
      .replace(/[:÷]/g, '/')
      .replace(/[−–]/g, '-'),
  );
  const match = /^(\d+)=(.+)$/.exec(text);
  if (!match) return null;
  const expression = parseExpression(match[2]!, labels);
  if (expression === null) return null;
  return { column, text: cell.trim(), evaluate: expression.evaluate, tolerance: expression.divides ? 0.005 + 1e-9 : 1e-9, divides: expression.divides };
}

/** "3+5+…+25" (or "3+5+...+25"), as a form writes a long sum, spelt out: 3+5+7+…+25, by the step of its first two terms. */
function expandSeries(text: string): string {
  return text.replace(/(\d+)\+(\d+)\+(?:…|\.\.\.)\+(\d+)/g, (whole, a: string, b: string, z: string) => {
    const [first, second, last] = [Number(a), Number(b), Number(z)];
    const step = second - first;
    if (step <= 0 || (last - first) % step !== 0 || (last - first) / step > 1000) return whole;
    const terms: number[] = [];
    for (let n = first; n <= last; n += step) terms.push(n);
    return terms.join('+');
  });
}

interface Expression {
  evaluate: (value: (column: number) => number | null) => Fraction | null;
  divides: boolean;
}

/**
 * A tiny arithmetic parser over column numbers: + - * / with the usual
 * precedence. A number right after * or / that is not a column of the form
 * (100) is a constant.
 */
function parseExpression(text: string, labels: ReadonlyMap<string, number>): Expression | null {
  const tokens = text.match(/\d+(?:[.,]\d+)?|[-+*/]/g);
  if (tokens === null || tokens.join('') !== text) return null;
  let position = 0;
  let divides = false;
  type Node = (value: (column: number) => number | null) => Fraction | null;
  const operand = (afterProduct: boolean): Node | null => {
    const token = tokens[position++];
    if (token === undefined || !/^\d/.test(token)) return null;
    const column = labels.get(token);
    if (column !== undefined && !(afterProduct && token === '100')) {
      return (value) => {
        const found = value(column);
        return found === null || !Number.isFinite(found) ? null : decimalFraction(found);
      };
    }
    if (!afterProduct) return null;
    const constant = decimalFraction(Number(token.replace(',', '.')));
    return () => constant;
  };
  const term = (): Node | null => {
    let left = operand(false);
    while (left !== null && (tokens[position] === '*' || tokens[position] === '/')) {
      const operator = tokens[position++];
      const right = operand(true);
      if (right === null) return null;
      const l = left;
      if (operator === '/') divides = true;
      left = (value) => {
        const a = l(value);
        const b = right(value);
        if (a === null || b === null) return null;
        if (operator === '*') return { numerator: a.numerator * b.numerator, denominator: a.denominator * b.denominator };
        if (b.numerator === 0n) return null;
        // Divided by b: the sign goes to the numerator, the denominator stays positive.
        const sign = b.numerator < 0n ? -1n : 1n;
        return { numerator: sign * a.numerator * b.denominator, denominator: sign * a.denominator * b.numerator };
      };
    }
    return left;
  };
  let node = term();
  while (node !== null && (tokens[position] === '+' || tokens[position] === '-')) {
    const operator = tokens[position++];
    const right = term();
    if (right === null) return null;
    const l = node;
    node = (value) => {
      const a = l(value);
      const b = right(value);
      if (a === null || b === null) return null;
      const numerator = a.numerator * b.denominator + (operator === '+' ? 1n : -1n) * b.numerator * a.denominator;
      return { numerator, denominator: a.denominator * b.denominator };
    };
  }
  if (node === null || position !== tokens.length) return null;
  return { evaluate: node, divides };
}

/** Rows under the numbering row, side by side, up to the first row without a unit name or number: units and the total. */
function dataRows(rows: readonly CheckRow[]): CheckRow[] {
  const body: CheckRow[] = [];
  for (const row of rows) {
    // An empty row ends the table (readers skip empty rows, so look for the gap); notes and signatures follow it.
    const previous = body[body.length - 1];
    if (previous !== undefined && row.row !== previous.row + 1) break;
    const filled = row.cells.slice(0, 2).some((c) => c !== null && c !== '');
    const numbers = row.cells.slice(2).some((c) => typeof c === 'number');
    if (!filled && !numbers) break;
    body.push(row);
  }
  return body;
}

/** A unit of a form: its row, or its rows by kind (households, persons); upper units are numbered I, II …, the total named so. */
interface Unit {
  group: boolean;
  total: boolean;
  rows: Map<string, CheckRow>;
}

function unitsOf(body: readonly CheckRow[], kindColumn: number | undefined): Unit[] {
  const units: Unit[] = [];
  // Forms typed by hand number upper units I, II … or 1, 2 … over 1.1, 1.2 …, or only name them ("Huyện …" over "Xã …").
  const dotted = body.some((r) => /^\d+\.\d+$/.test(String(r.cells[0] ?? '').trim()));
  const named = body.some((r) => LOWER_UNIT.test(nameOf(r))) && body.some((r) => UPPER_UNIT.test(nameOf(r)));
  for (const row of body) {
    const kind = kindColumn === undefined ? '' : String(row.cells[kindColumn] ?? '').trim();
    const continues = units.length > 0 && kindColumn !== undefined && (row.cells[0] ?? '') === '' && (row.cells[1] ?? '') === '';
    if (continues) {
      units[units.length - 1]!.rows.set(kind, row);
      continue;
    }
    const number = String(row.cells[0] ?? '').trim();
    const group = isRoman(row.cells[0]) || (dotted && /^\d+$/.test(number)) || (named && UPPER_UNIT.test(nameOf(row)));
    units.push({ group, total: isTotal(row), rows: new Map([[kind, row]]) });
  }
  return units;
}

const UPPER_UNIT = /^(huyen|quan|thi xa|thanh pho)\b/;
const LOWER_UNIT = /^(xa|phuong|thi tran)\b/;

function nameOf(row: CheckRow): string {
  const name = row.cells[1];
  return typeof name === 'string' ? matchKey(name) : '';
}

function isRoman(cell: CheckCell | undefined): boolean {
  return typeof cell === 'string' && /^[IVXLC]+$/.test(cell.trim());
}

function isTotal(row: CheckRow): boolean {
  const name = row.cells.slice(0, 3).find((c) => typeof c === 'string' && c.trim() !== '');
  return typeof name === 'string' && /^(tong|cong|toan|total)\b/.test(matchKey(name));
}

function numberIn(cell: CheckCell | undefined): number | null {
  if (typeof cell === 'number') return cell;
  if (typeof cell !== 'string') return null;
  // Typed by hand: "1.057.374" or "1,057,374" (thousands), "8,33" (decimal comma).
  const text = cell.trim();
  if (/^-?\d{1,3}([.,]\d{3})+$/.test(text)) return Number(text.replace(/[.,]/g, ''));
  if (/^-?\d+([.,]\d+)?$/.test(text)) return Number(text.replace(',', '.'));
  return null;
}

/** Whether a cell's value differs from the exact expected value by more than `tolerance`. */
function beyond(found: number, expected: Fraction, tolerance: number): boolean {
  if (!Number.isFinite(found)) return true;
  const f = decimalFraction(found);
  const t = decimalFraction(tolerance);
  // |f − e| > t, in whole numbers over the common denominator f.d · e.d · t.d.
  let gap = f.numerator * expected.denominator - expected.numerator * f.denominator;
  if (gap < 0n) gap = -gap;
  return gap * t.denominator > t.numerator * f.denominator * expected.denominator;
}

function rowOf(cell: string): number {
  return Number(cell.replace(/^[A-Z]+/, ''));
}
