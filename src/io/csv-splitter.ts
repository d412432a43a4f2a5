/**
 * A streaming CSV record splitter for decoded text, with csv-parse's results
 * under the options povroll reads rolls with (relax_quotes,
 * relax_column_count, skip_empty_lines false), which the tests check on
 * generated tables.
 *
 * Written here because the raw-roll target is "within 1.5× of bare
 * csv-parse", and csv-parse alone takes 5.1 s of a million-row export that
 * this splitter reads in 1.5 s (measured, see README): with csv-parse inside,
 * building and writing the households would have to fit in half its time.
 */

const QUOTE = 34;
const LF = 10;
const CR = 13;

export class CsvSplitError extends Error {
  constructor(readonly record: number) {
    super(`a quoted cell opened in record ${record} is never closed`);
  }
}

export class CsvSplitter {
  private readonly delimiter: number;
  /** Text not yet split: the start of a record that the next chunk completes. */
  private pending: string[] = [];
  private pendingLength = 0;
  /**
   * A record longer than the text at hand is split again only once the
   * pending text has doubled, so that one huge quoted cell costs linear time.
   */
  private waitFor = 0;
  private records = 0;

  constructor(delimiter: string) {
    if (delimiter.length !== 1) throw new Error(`CSV delimiter must be one character, got "${delimiter}"`);
    this.delimiter = delimiter.charCodeAt(0);
  }

  /** The records completed by this text. */
  push(text: string): string[][] {
    if (text.length === 0) return [];
    this.pending.push(text);
    this.pendingLength += text.length;
    if (this.pendingLength < this.waitFor) return [];
    return this.split(false);
  }

  /** The last records, once the text has ended. */
  finish(): string[][] {
    return this.split(true);
  }

  private split(final: boolean): string[][] {
    const text = this.pending.length === 1 ? this.pending[0]! : this.pending.join('');
    const records: string[][] = [];
    const consumed = this.splitText(text, final, records);
    this.records += records.length;
    const rest = consumed < text.length ? text.slice(consumed) : '';
    this.pending = rest === '' ? [] : [rest];
    this.pendingLength = rest.length;
    this.waitFor = records.length === 0 && !final ? 2 * text.length : 0;
    return records;
  }

  /** Appends the complete records of `text` to `records`; returns where the incomplete rest begins. */
  private splitText(text: string, final: boolean, records: string[][]): number {
    const delimiter = this.delimiter;
    const end = text.length;
    let recordStart = 0;
    let at = 0;
    let cells: string[] = [];
    while (at < end) {
      let cell: string;
      if (text.charCodeAt(at) === QUOTE) {
        const quoted = readQuoted(text, at, delimiter);
        if (quoted === null) {
          if (!final) return recordStart;
          throw new CsvSplitError(this.records + records.length + 1);
        }
        if (quoted.next >= end && !final) return recordStart;
        cell = quoted.cell;
        at = quoted.next;
      } else {
        let stop = at;
        while (stop < end) {
          const code = text.charCodeAt(stop);
          if (code === delimiter || code === LF || code === CR) break;
          stop += 1;
        }
        if (stop >= end && !final) return recordStart;
        cell = text.slice(at, stop);
        at = stop;
      }
      cells.push(cell);
      const code = text.charCodeAt(at);
      if (code === delimiter) {
        at += 1;
        if (at < end || !final) continue;
        // A delimiter that ends the text ends the record with an empty cell.
        cells.push('');
      }
      if (code === CR) {
        // A CR at the end of the text may be the first half of CRLF.
        if (at + 1 >= end && !final) return recordStart;
        at += 1;
        if (text.charCodeAt(at) === LF) at += 1;
      } else if (code === LF) at += 1;
      records.push(cells);
      cells = [];
      recordStart = at;
    }
    return recordStart;
  }
}

/**
 * A cell that starts with a quote at `start`: its text and where the cell
 * ends, or null when the closing quote is not in `text`. A closing quote
 * followed by anything but a delimiter or line end was a stray quote after
 * all (relax_quotes): the cell is then the raw text up to the next delimiter.
 */
function readQuoted(text: string, start: number, delimiter: number): { cell: string; next: number } | null {
  let cell = '';
  let from = start + 1;
  for (;;) {
    const quote = text.indexOf('"', from);
    if (quote < 0) return null;
    const after = text.charCodeAt(quote + 1);
    if (after === QUOTE) {
      cell += text.slice(from, quote + 1);
      from = quote + 2;
      continue;
    }
    if (quote + 1 >= text.length || after === delimiter || after === LF || after === CR) {
      return { cell: cell + text.slice(from, quote), next: quote + 1 };
    }
    let stop = quote + 1;
    while (stop < text.length) {
      const code = text.charCodeAt(stop);
      if (code === delimiter || code === LF || code === CR) break;
      stop += 1;
    }
    return { cell: text.slice(start, stop), next: stop };
  }
}
