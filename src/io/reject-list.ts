import { formatCsv } from './csv-format.js';
import { PovrollError, describePlace } from '../errors.js';
import type { Io } from './io.js';
import { type TextOutput, openTextOutput } from './output.js';
import type { Reject } from './roll-reader.js';

const REJECT_COLUMNS = ['file', 'sheet', 'row', 'column', 'reason', 'record'] as const;

/**
 * Raised when too many rows were rejected, or none survived: the run stops,
 * but the reject list is still written, since it is what the user needs to
 * mend the roll.
 */
export class RejectedRowsError extends PovrollError {}

/**
 * Collects rejected rows: writes them to `--rejects FILE` when asked, counts
 * them always, and turns the first into an error under `--strict`.
 */
export class RejectList {
  count = 0;
  first: Reject | null = null;
  private constructor(
    private readonly output: TextOutput | null,
    private readonly strict: boolean,
    private readonly action: string,
  ) {}

  static async open(path: string | undefined, io: Io, inputs: readonly string[], options: { strict: boolean; action: string }): Promise<RejectList> {
    if (path === undefined) return new RejectList(null, options.strict, options.action);
    const output = await openTextOutput(path, io, inputs);
    await output.write(formatCsv([[...REJECT_COLUMNS]]));
    return new RejectList(output, options.strict, options.action);
  }

  async add(rejects: readonly Reject[]): Promise<void> {
    if (rejects.length === 0) return;
    if (this.strict) throw rejectError(this.action, rejects[0]!);
    this.first ??= rejects[0]!;
    this.count += rejects.length;
    if (this.output === null) return;
    await this.output.write(
      formatCsv(rejects.map((r) => [r.place.file, r.place.sheet ?? '', String(r.place.row ?? ''), r.place.column ?? '', r.reason, JSON.stringify(r.cells)])),
    );
  }

  async commit(): Promise<void> {
    await this.output?.commit();
  }

  async abort(): Promise<void> {
    await this.output?.abort();
  }

  /**
   * Runs `body` with a reject list open: on success the list is completed and
   * its warning printed; on failure the partial list is removed — unless the
   * failure is that too many rows were rejected.
   */
  static async around<T>(
    path: string | undefined,
    io: Io,
    inputs: readonly string[],
    options: { strict: boolean; action: string; warn: (message: string) => void },
    body: (rejects: RejectList) => Promise<T>,
  ): Promise<T> {
    const rejects = await RejectList.open(path, io, inputs, options);
    let result: T;
    try {
      result = await body(rejects);
    } catch (error) {
      // Too many rejected rows stop the run, and the list of them is what the user needs to mend the roll.
      if (error instanceof RejectedRowsError) await rejects.commit();
      else await rejects.abort();
      throw error;
    }
    await rejects.commit();
    const warning = rejects.describe(path);
    if (warning) options.warn(warning);
    return result;
  }

  /** `12 rows rejected, see rejects.csv`, or where the first one is when no list was asked for. */
  describe(rejectsPath: string | undefined): string | null {
    if (this.count === 0 || this.first === null) return null;
    const rows = this.count === 1 ? '1 row rejected' : `${this.count} rows rejected`;
    if (rejectsPath !== undefined) return `${rows}, see ${rejectsPath}`;
    return `${rows} (first: ${describeReject(this.first)}); list them all with --rejects FILE`;
  }
}

function rejectError(action: string, reject: Reject): PovrollError {
  const { file, ...place } = reject.place;
  return new PovrollError(`${action} "${file}": ${describePlace(place)}: ${stripColumn(reject.reason)}`);
}

/** `"roll.csv" row 12, column "members": expected a whole number, found "four"`: one rejected row, located. */
export function describeReject(reject: Reject): string {
  const { file, ...place } = reject.place;
  return `"${file}" ${describePlace(place)}: ${stripColumn(reject.reason)}`;
}

/** Field errors start with `column "x": ` which the place already names. */
function stripColumn(reason: string): string {
  return reason.replace(/^column "[^"]*": /, '');
}
