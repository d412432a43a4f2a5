/**
 * `npm run bench`: each case runs in its own process (so peak memory is its
 * own), alternating with the baseline, and the report gives ratios measured
 * in this one run. Options: --households N (default 1,000,000), --reps N (3).
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse';
import { writeSyntheticRoll } from '../scripts/write-synthetic-roll.js';
import { main } from '../src/cli.js';
import { tallyRolls } from '../src/commands/tally-rolls.js';
import { finishRates } from '../src/core/rates.js';
import { LEVELS } from '../src/core/areas.js';
import { processIo } from '../src/io/io.js';
import { RejectList } from '../src/io/reject-list.js';
import { resolveStandard } from '../src/io/standard-files.js';
import { createReporter } from '../src/io/terminal.js';

const self = fileURLToPath(import.meta.url);

interface Measurement {
  seconds: number;
  peakMb: number;
  detail: string;
}

/** The cases, each run alone in a child process. */
const CASES: Record<string, (file: string) => Promise<string>> = {
  /** Baseline: csv-parse turning the file into arrays of strings, nothing else. */
  async 'csv-parse'(file) {
    let records = 0;
    await new Promise<void>((resolve, reject) => {
      const parser = createReadStream(file).pipe(parse({ bom: true, relax_column_count: true }));
      parser.on('data', () => (records += 1));
      parser.on('end', resolve);
      parser.on('error', reject);
    });
    return `${records} records`;
  },
  /** What `run` does before the workbook: read, classify, fold rates at all four levels. */
  async 'classify+rates'(file) {
    const io = processIo();
    const reporter = createReporter(io, { quiet: true, verbose: false, lang: 'vi' });
    const rejects = await RejectList.open(undefined, io, [], { strict: false, action: 'bench' });
    const { selector } = resolveStandard('auto', io.cwd);
    const tallied = await tallyRolls([file], selector, true, LEVELS, io, rejects, reporter, { defaults: {}, overrides: new Map(), classCodes: {} });
    const rates = finishRates([...tallied.byYear.values()][0]!);
    return `${tallied.classify.households} households, ${rates.areas.length} areas`;
  },
  /** The classify command writing the classified CSV (to /dev/null). */
  async 'classify command'(file) {
    const code = await main(['-q', 'classify', file, '-o', '/dev/null']);
    return `exit ${code}`;
  },
};

async function runCase(name: string, file: string): Promise<void> {
  const started = performance.now();
  const detail = await CASES[name]!(file);
  const seconds = (performance.now() - started) / 1000;
  const peakMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ seconds, peakMb, detail }) + '\n');
}

function measure(name: string, file: string): Measurement {
  const child = spawnSync(process.execPath, [self, '--case', name, file], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (child.status !== 0) throw new Error(`bench case ${name} failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as Measurement;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function benchmark(): Promise<void> {
  const arg = (name: string, fallback: number) => {
    const at = process.argv.indexOf(`--${name}`);
    return at >= 0 ? Number(process.argv[at + 1]) : fallback;
  };
  const households = arg('households', 1_000_000);
  const reps = arg('reps', 3);
  mkdirSync('bench-data', { recursive: true });
  const file = join('bench-data', `roll-${households}.csv`);
  if (!existsSync(file)) {
    process.stderr.write(`generating ${file} (${households.toLocaleString('en')} households)…\n`);
    await writeSyntheticRoll(file, households, 2024);
  }
  const results: Record<string, Measurement[]> = {};
  for (let rep = 0; rep < reps; rep += 1) {
    for (const name of Object.keys(CASES)) {
      const m = measure(name, file);
      (results[name] ??= []).push(m);
      process.stderr.write(`  rep ${rep + 1} ${name}: ${m.seconds.toFixed(2)} s, ${m.peakMb.toFixed(0)} MB (${m.detail})\n`);
    }
  }
  const baseline = median(results['csv-parse']!.map((m) => m.seconds));
  const lines = [
    `povroll bench — ${households.toLocaleString('en')} households, median of ${reps} runs, node ${process.version}`,
    '',
    `| case | median s | ratio to csv-parse | peak MB | target |`,
    `| --- | --- | --- | --- | --- |`,
  ];
  const targets: Record<string, string> = {
    'csv-parse': 'baseline',
    'classify+rates': '≤ 1.5× and < 300 MB',
    'classify command': '(information)',
  };
  let failed = false;
  for (const [name, ms] of Object.entries(results)) {
    const seconds = median(ms.map((m) => m.seconds));
    const peak = Math.max(...ms.map((m) => m.peakMb));
    const ratio = seconds / baseline;
    let verdict = targets[name]!;
    if (name === 'classify+rates') {
      const ok = ratio <= 1.5 && peak < 300;
      failed ||= !ok;
      verdict += ok ? ' — met' : ' — NOT MET';
    }
    lines.push(`| ${name} | ${seconds.toFixed(2)} | ${ratio.toFixed(2)} | ${peak.toFixed(0)} | ${verdict} |`);
  }
  process.stdout.write(lines.join('\n') + '\n');
  if (failed) process.exitCode = 1;
}

const caseAt = process.argv.indexOf('--case');
if (caseAt >= 0) await runCase(process.argv[caseAt + 1]!, process.argv[caseAt + 2]!);
else await benchmark();
