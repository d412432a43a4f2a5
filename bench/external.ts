/**
 * Cases that run other programs: povroll's own command line (a pipeline of
 * several povroll processes), the DuckDB peers in node, the Polars peer in
 * Python. Each program reports its own peak resident memory at exit into a
 * file (bench/peak-hook.ts for node, the Python script itself), so the peak of
 * a case is that of the programs it ran, not of the harness child around them.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse } from 'csv-parse/sync';

const here = dirname(fileURLToPath(import.meta.url));
/** The repository: this file runs as dist/bench/external.js. */
export const ROOT = resolve(here, '..', '..');
export const POVROLL = join(ROOT, 'bin', 'povroll.js');
export const ND07 = join(ROOT, 'standards', 'nd07-2021.json');
const HOOK = pathToFileURL(join(here, 'peak-hook.js')).href;

export interface Step {
  /** A node script (run with this node and the peak hook), or another program that reports its own peak. */
  node?: string;
  program?: string;
  args: string[];
}

/** One program's peak, as it reported it. */
export interface StepPeak {
  label: string;
  peakMb: number;
}

/**
 * Runs the steps as a shell pipeline (each one's stdout into the next one's
 * stdin; the last one's stdout is dropped) and waits for it. Throws with the
 * tail of stderr when a step fails. Each step reports its peak under its own
 * label (POVROLL_BENCH_PEAK_LABEL), since the shell, not this process, starts
 * them.
 */
export async function runPipeline(steps: Step[]): Promise<StepPeak[]> {
  const folder = mkdtempSync(join(tmpdir(), 'povroll-bench-peak-'));
  const peakFile = join(folder, 'peaks.txt');
  const labels = steps.map((step, i) => `step${i + 1}:${basename(step.node ?? step.program!)}${step.args[0] === '-q' ? ` ${step.args[1]}` : ''}`);
  const commands = steps.map((step, i) => {
    const argv = step.node !== undefined ? [process.execPath, '--import', HOOK, step.node, ...step.args] : [step.program!, ...step.args];
    return `POVROLL_BENCH_PEAK_LABEL=${quote(labels[i]!)} ${argv.map(quote).join(' ')}`;
  });
  const script = `${commands.join(' | ')} > /dev/null`;
  try {
    const child = spawn('bash', ['-o', 'pipefail', '-c', script], {
      env: { ...process.env, POVROLL_BENCH_PEAK_FILE: peakFile },
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const stderr: string[] = [];
    child.stderr.on('data', (chunk: Buffer) => {
      stderr.push(chunk.toString('utf8'));
      if (stderr.length > 50) stderr.shift();
    });
    const code = await new Promise<number | string>((done, fail) => {
      child.on('error', fail);
      child.on('close', (status, signal) => done(status ?? String(signal)));
    });
    if (code !== 0) throw new Error(`${script} ended with ${code}: ${stderr.join('').slice(-2000)}`);
    const reported = new Map<string, number>();
    if (existsSync(peakFile)) {
      for (const line of readFileSync(peakFile, 'utf8').split('\n')) {
        const at = line.lastIndexOf(' ');
        if (at > 0) reported.set(line.slice(0, at), Number(line.slice(at + 1)));
      }
    }
    return labels.map((label) => {
      const kb = reported.get(label);
      if (kb === undefined) throw new Error(`${label} reported no peak memory`);
      return { label, peakMb: kb / 1024 };
    });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** A word for the shell, quoted. */
function quote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** `povroll ARGS`, quiet, as a pipeline step. */
export function povrollStep(...args: string[]): Step {
  return { node: POVROLL, args: ['-q', ...args] };
}

/**
 * Where a case writes its output: a fresh temporary folder, removed by
 * `done`, or, with POVROLL_BENCH_KEEP=FOLDER, that folder (outputs kept for
 * a look, each case's file overwritten by its next run).
 */
export function outputFile(caseName: string, extension: string): { path: string; done: () => void } {
  const keep = process.env['POVROLL_BENCH_KEEP'];
  const name = `${caseName.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '')}.${extension}`;
  if (keep) {
    mkdirSync(resolve(ROOT, keep), { recursive: true });
    return { path: resolve(ROOT, keep, name), done: () => undefined };
  }
  const folder = mkdtempSync(join(tmpdir(), 'povroll-bench-out-'));
  return { path: join(folder, name), done: () => rmSync(folder, { recursive: true, force: true }) };
}

/** The last row of a CSV (the `total` row of rates and compare), by column name. */
export function lastRow(file: string): Record<string, string> {
  const text = readFileSync(file, 'utf8').trimEnd();
  const header = text.slice(0, text.indexOf('\n'));
  const last = text.slice(text.lastIndexOf('\n') + 1);
  const [columns, values] = parse(`${header}\n${last}\n`, { relax_column_count: true }) as string[][];
  return Object.fromEntries(columns!.map((c, i) => [c, values![i] ?? '']));
}

/** The figures of a rates table's total row that every peer computes the same way. */
export function ratesTotals(file: string): string {
  const t = lastRow(file);
  if (t['level'] !== 'total') throw new Error(`${file}: the last row is not the total row`);
  return `total: ${t['households']} households, ${t['poor']} poor, ${t['near_poor']} near-poor, ${t['unclassified']} unclassified`;
}

/** The flows of a comparison's total row. */
export function compareTotals(file: string): string {
  const t = lastRow(file);
  if (t['level'] !== 'total') throw new Error(`${file}: the last row is not the total row`);
  return `total: poor ${t['poor_start']} → ${t['poor_end']} (escaped ${t['poor_escaped']}, to near-poor ${t['poor_to_near_poor']}, new ${t['poor_new']}), near-poor ${t['near_poor_start']} → ${t['near_poor_end']}`;
}

/** Whether python3 can import polars; the reason when not. */
export function polarsMissing(): string | null {
  const probe = spawnSync('python3', ['-c', 'import polars'], { encoding: 'utf8' });
  return probe.status === 0 ? null : "polars: not installed (python3 -c 'import polars' failed), skipped";
}
