/**
 * `npm run bench`: each case runs in its own process (so peak memory is its
 * own), alternating with the baseline, and the report gives ratios measured
 * in this one run. Options: --households N (default 1,000,000), --person-rows N,
 * --reps N (3), --only classify,xlsx,export,csv,compare,summary.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse';

// Each case imports what it runs, so a child's peak memory is the case's own
// and not that of every library the harness knows.
const povroll = async (args: string[]) => (await import('../src/cli.js')).main(args);

const self = fileURLToPath(import.meta.url);

interface Measurement {
  seconds: number;
  peakMb: number;
  detail: string;
}

/** The cases, each run alone in a child process. */
const CASES: Record<string, (file: string) => Promise<string>> = {
  /** Floor for workbooks: inflate every sheet's XML and count the bytes. */
  async 'xlsx: inflate sheet XML'(file) {
    const { openZip } = await import('../src/io/xlsx/zip.js');
    const zip = await openZip(file);
    let bytes = 0;
    for (const [name, entry] of zip.entries) {
      if (!name.startsWith('xl/worksheets/')) continue;
      for await (const chunk of await zip.open(entry)) bytes += (chunk as Buffer).length;
    }
    zip.close();
    return `${(bytes / 1e6).toFixed(0)} MB of XML`;
  },
  /**
   * povroll's sheet reader alone: every row's cells, no households built and
   * nothing written. Not a target: it shows how much of the ingest time the
   * reading of the XML takes on this machine.
   */
  async 'xlsx: povroll reader, rows only'(file) {
    const { openXlsx } = await import('../src/io/xlsx/workbook.js');
    const book = await openXlsx(file);
    let rows = 0;
    for (const sheet of book.sheets) for await (const batch of book.rows(sheet)) rows += batch.length;
    book.close();
    return `${rows} rows`;
  },
  /** exceljs's streaming reader merely reading every row. */
  async 'xlsx: exceljs streaming reader'(file) {
    const { default: ExcelJS } = await import('exceljs');
    let rows = 0;
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', styles: 'cache', worksheets: 'emit', hyperlinks: 'ignore', entries: 'emit' });
    for await (const sheet of reader) for await (const _row of sheet) rows += 1;
    return `${rows} rows`;
  },
  /** povroll ingest of the workbook into a canonical roll (written to /dev/null). */
  async 'xlsx: povroll ingest'(file) {
    const code = await povroll(['-q', 'ingest', file, '-o', '/dev/null']);
    return `exit ${code}`;
  },
  /**
   * Baseline for raw CSV: csv-parse alone, at its best. A raw roll's rows are
   * of several widths, which costs csv-parse an error object per row unless
   * its first record is as wide as the table; the baseline gets the same wide
   * first line povroll gives it, so the ratio compares like with like.
   */
  async 'csv: csv-parse'(file) {
    const { lineWidths } = await import('../src/io/csv-source.js');
    const { openSync, readSync, closeSync } = await import('node:fs');
    const head = Buffer.alloc(65536);
    const fd = openSync(file, 'r');
    const length = readSync(fd, head, 0, head.length, 0);
    closeSync(fd);
    const width = Math.max(...lineWidths(head.subarray(0, length).toString('utf8'), ','));
    let records = 0;
    await new Promise<void>((resolve, reject) => {
      const parser = parse({ bom: true, relax_column_count: true, relax_quotes: true });
      parser.write(','.repeat(width - 1) + '\n');
      parser.on('data', () => (records += 1));
      parser.on('end', resolve);
      parser.on('error', reject);
      createReadStream(file).pipe(parser);
    });
    return `${records - 1} records`;
  },
  /** povroll ingest of a raw CSV roll of person rows. */
  async 'csv: povroll ingest'(file) {
    const code = await povroll(['-q', 'ingest', file, '-o', '/dev/null']);
    return `exit ${code}`;
  },
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
  /** Baseline for compare: povroll's reader going through both classified rolls, household by household. */
  async 'compare: read both rolls'(files) {
    const { openCanonicalRoll } = await import('../src/io/roll-reader.js');
    const { processIo } = await import('../src/io/io.js');
    let households = 0;
    for (const file of files.split('|')) {
      const reader = await openCanonicalRoll(file, processIo());
      for await (const batch of reader.batches) households += batch.records.length;
    }
    return `${households} households`;
  },
  /** povroll compare of the two classified rolls at every level (written to /dev/null). */
  async 'compare: povroll compare'(files) {
    const code = await povroll(['-q', 'compare', ...files.split('|'), '--by', 'province,district,commune,village', '-o', '/dev/null']);
    return `exit ${code}`;
  },
  /** Not timed: the live memory compare holds for matching, per household, after a full garbage collection. */
  async 'compare: memory held'(files) {
    const { storeRolls } = await import('../src/pipeline/roll-stores.js');
    const collect = (globalThis as { gc?: () => void }).gc;
    if (collect === undefined) return 'run with node --expose-gc to measure';
    const { io, stream } = await quietReading('either');
    const used = () => {
      collect();
      const m = process.memoryUsage();
      return m.heapUsed + m.arrayBuffers;
    };
    const before = used();
    const { stores } = await storeRolls(stream, files.split('|'), io);
    const held = used() - before;
    const households = stores.reduce((n, s) => n + s.size, 0);
    return `${(held / households).toFixed(0)} bytes a household held (${(held / 1e6).toFixed(0)} MB for ${households} households)`;
  },
  /**
   * The summary beyond classification: rolls of two years are read and
   * classified first (not timed), then the workbook is built and written
   * (timed). Input: "provinces×districts×communes×households-per-commune".
   */
  async 'summary: build and write'(shape) {
    const [provinces, districts, communes, perCommune] = shape.split('x').map(Number) as [number, number, number, number];
    const { syntheticRoll } = await import('../scripts/synthetic-roll.js');
    const { ROLL_COLUMNS, createHouseholdParser, indexColumns } = await import('../src/core/roll.js');
    const { classifyWith } = await import('../src/core/classify-roll.js');
    const { selectByReviewYear } = await import('../src/core/standard-choice.js');
    const { builtInStandards } = await import('../src/io/standard-files.js');
    const { addToRates, emptyRates, finishRates } = await import('../src/core/rates.js');
    const { StoreCollector } = await import('../src/pipeline/roll-stores.js');
    const { AuditList, auditSheet, readingSheet } = await import('../src/core/forms/audit.js');
    const { compareRolls } = await import('../src/core/compare/changes.js');
    const { comparisonSheets } = await import('../src/core/compare/sheets.js');
    const { buildSummary } = await import('../src/core/summary.js');
    const { writeWorkbook } = await import('../src/io/xlsx-writer.js');
    const select = selectByReviewYear(builtInStandards());
    const parse = createHouseholdParser(indexColumns([...ROLL_COLUMNS], [...ROLL_COLUMNS]));
    const levels = ['province', 'district', 'commune'] as const;
    const collector = new StoreCollector();
    const audit = new AuditList(false);
    const years = [2024, 2025].map((year) => {
      const state = emptyRates([...levels]);
      const rows = syntheticRoll({ households: provinces * districts * communes * perCommune, reviewYear: year, seed: 11, provinces, districtsPerProvince: districts, communesPerDistrict: communes, villagesPerCommune: 3, incomeGrowth: year === 2025 ? 1.08 : 1 });
      rows.next();
      let row = 2;
      for (const cells of rows) {
        const household = parse(cells);
        const classification = classifyWith(household, select);
        addToRates(state, household, classification);
        collector.visit(household, classification, classification.standard?.id ?? '', { source: 'synthetic', row }, '');
        audit.add(household, classification, '', `synthetic!${row}`);
        row += 1;
      }
      return { year, rates: finishRates(state), standards: [] };
    });
    const started = performance.now();
    const comparison = compareRolls(collector.stores(), collector.places, { levels: [...levels], allowStandardChange: false });
    const model = buildSummary(years, [], {
      lang: 'vi',
      version: 'bench',
      settings: [],
      changeSheets: [...comparisonSheets(comparison, [...levels], undefined, 'vi'), auditSheet(audit, false, 'vi'), readingSheet([], 'vi')],
    });
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { rmSync } = await import('node:fs');
    const out = join(tmpdir(), `povroll-bench-${process.pid}.xlsx`);
    await writeWorkbook(model, out);
    rmSync(out);
    const seconds = (performance.now() - started) / 1000;
    const areas = years[0]!.rates.areas.filter((a) => a.tally.level === 'commune').length;
    return `${areas} communes, ${model.sheets.length} sheets; build and write ${seconds.toFixed(2)} s`;
  },
  /** What `run` does before the workbook: read, classify, fold rates at all four levels. */
  async 'classify+rates'(file) {
    const { tallyRolls } = await import('../src/pipeline/rates-tally.js');
    const { finishRates } = await import('../src/core/rates.js');
    const { LEVELS } = await import('../src/core/areas.js');
    const { stream } = await quietReading('classify');
    const tallied = await tallyRolls(stream, [file], LEVELS);
    const rates = finishRates([...tallied.byYear.values()][0]!);
    return `${tallied.classify.households} households, ${rates.areas.length} areas`;
  },
  /** The classify command writing the classified CSV (to /dev/null). */
  async 'classify command'(file) {
    const code = await povroll(['-q', 'classify', file, '-o', '/dev/null']);
    return `exit ${code}`;
  },
};

/** The timed part of a summary case, from its detail line. */
function buildSeconds(detail: string): number {
  return Number(/build and write ([\d.]+) s/.exec(detail)?.[1] ?? Infinity);
}

/** What the in-process cases read rolls with: the household pipeline with the process's io, a silent reporter, no reject file, standards by year. */
async function quietReading(classes: 'classify' | 'either') {
  const { processIo } = await import('../src/io/io.js');
  const { RejectList } = await import('../src/io/reject-list.js');
  const { createReporter } = await import('../src/io/terminal.js');
  const { openHouseholdStream } = await import('../src/pipeline/reading-options.js');
  const io = processIo();
  const reporter = createReporter(io, { quiet: true, verbose: false, lang: 'vi' });
  const rejects = await RejectList.open(undefined, io, [], { strict: false, action: 'bench' });
  const settings = { defaults: {}, overrides: new Map(), classCodes: {} };
  return { io, stream: openHouseholdStream(io, reporter, rejects, { classes, settings, action: 'bench' }) };
}

/**
 * The case's own peak resident memory. Linux carries getrusage's maxRSS over
 * fork and exec, so a child spawned by a harness that had just generated a
 * large input reported the harness's peak; VmHWM belongs to the process's
 * own address space and starts afresh at exec.
 */
function peakResidentMb(): number {
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(status);
    if (hwm) return Number(hwm[1]) / 1024;
  } catch {
    // Not Linux: maxRSS is the best there is.
  }
  return process.resourceUsage().maxRSS / 1024;
}

async function runCase(name: string, file: string): Promise<void> {
  const started = performance.now();
  const detail = await CASES[name]!(file);
  const seconds = (performance.now() - started) / 1000;
  const peakMb = peakResidentMb();
  process.stdout.write(JSON.stringify({ seconds, peakMb, detail }) + '\n');
}

function measure(name: string, file: string): Measurement {
  // The child runs with the harness's flags (--expose-gc, for the memory-held case).
  const child = spawnSync(process.execPath, [...process.execArgv, self, '--case', name, file], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (child.status !== 0) throw new Error(`bench case ${name} failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as Measurement;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

interface Group {
  title: string;
  file: string;
  baseline: string;
  cases: string[];
  /** Repetitions of slow cases may be fewer. */
  repsOf?: Record<string, number>;
  targets: Record<string, { text: string; met: (ratio: number, peakMb: number, results: Map<string, Measurement>) => boolean }>;
}

async function benchmark(): Promise<void> {
  const { canonicalRoll, classifiedPair, exportCsv, messyCsv, messyWorkbook } = await import('./fixtures.js');
  const arg = (name: string, fallback: number) => {
    const at = process.argv.indexOf(`--${name}`);
    return at >= 0 ? Number(process.argv[at + 1]) : fallback;
  };
  const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1]!.split(',') : null;
  const households = arg('households', 1_000_000);
  const personRows = arg('person-rows', 1_000_000);
  const reps = arg('reps', 3);
  const groups: Group[] = [];
  if (!only || only.includes('classify')) {
    groups.push({
      title: `Canonical roll of ${households.toLocaleString('en')} households`,
      file: await canonicalRoll(households),
      baseline: 'csv-parse',
      cases: ['csv-parse', 'classify+rates', 'classify command'],
      targets: { 'classify+rates': { text: '≤ 1.5× csv-parse, < 300 MB', met: (r, m) => r <= 1.5 && m < 300 } },
    });
  }
  if (!only || only.includes('xlsx')) {
    groups.push({
      title: `Raw workbook of ${personRows.toLocaleString('en')} person rows`,
      file: await messyWorkbook(personRows),
      baseline: 'xlsx: inflate sheet XML',
      cases: ['xlsx: inflate sheet XML', 'xlsx: povroll reader, rows only', 'xlsx: exceljs streaming reader', 'xlsx: povroll ingest'],
      repsOf: { 'xlsx: exceljs streaming reader': 1 },
      targets: {
        'xlsx: povroll ingest': {
          text: '≤ 3.5× inflate, ≥ 5× faster than exceljs, < 300 MB',
          met: (r, m, results) => r <= 3.5 && m < 300 && results.get('xlsx: exceljs streaming reader')!.seconds / results.get('xlsx: povroll ingest')!.seconds >= 5,
        },
      },
    });
  }
  if (!only || only.includes('export')) {
    groups.push({
      title: `Raw CSV export of ${households.toLocaleString('en')} households, one row each (Vietnamese headings, marks, labels)`,
      file: await exportCsv(households),
      baseline: 'csv: csv-parse',
      cases: ['csv: csv-parse', 'csv: povroll ingest'],
      targets: { 'csv: povroll ingest': { text: '≤ 1.5× csv-parse', met: (r) => r <= 1.5 } },
    });
  }
  if (!only || only.includes('csv')) {
    groups.push({
      title: `Raw CSV roll of ${personRows.toLocaleString('en')} person rows (a commune sheet saved as CSV)`,
      file: await messyCsv(personRows),
      baseline: 'csv: csv-parse',
      cases: ['csv: csv-parse', 'csv: povroll ingest'],
      targets: { 'csv: povroll ingest': { text: '≤ 1.5× csv-parse', met: (r) => r <= 1.5 } },
    });
  }
  if (!only || only.includes('compare')) {
    groups.push({
      title: `Two classified rolls of ${households.toLocaleString('en')} households each, a year apart`,
      file: await classifiedPair(households),
      baseline: 'compare: read both rolls',
      cases: ['compare: read both rolls', 'compare: povroll compare', 'compare: memory held'],
      repsOf: { 'compare: memory held': 1 },
      targets: { 'compare: povroll compare': { text: '≤ 3× reading both', met: (r) => r <= 3 } },
    });
  }
  if (!only || only.includes('summary')) {
    for (const [title, shape, limit, memory] of [
      ['Summary of a province of 200 communes, two years (forms, change sheets, class check)', '1x10x20x40', 2, Infinity],
      ['Summary of the whole country, 10,080 communes, two years', '63x10x16x25', 30, 1024],
    ] as const) {
      groups.push({
        title,
        file: shape,
        baseline: 'summary: build and write',
        cases: ['summary: build and write'],
        repsOf: { 'summary: build and write': 1 },
        targets: {
          'summary: build and write': {
            text: `build and write < ${limit} s${memory === Infinity ? '' : `, < ${memory / 1024} GB`}`,
            met: (_r, peakMb, results) => buildSeconds(results.get('summary: build and write')!.detail) < limit && peakMb < memory,
          },
        },
      });
    }
  }
  const lines = [`povroll bench — median of ${reps} runs (slow references fewer), node ${process.version}`];
  let failed = false;
  for (const group of groups) {
    const results = new Map<string, Measurement[]>();
    for (let rep = 0; rep < reps; rep += 1) {
      for (const name of group.cases) {
        if (rep >= (group.repsOf?.[name] ?? reps)) continue;
        const m = measure(name, group.file);
        results.set(name, [...(results.get(name) ?? []), m]);
        process.stderr.write(`  rep ${rep + 1} ${name}: ${m.seconds.toFixed(2)} s, ${m.peakMb.toFixed(0)} MB (${m.detail})\n`);
      }
    }
    const summary = new Map([...results].map(([name, ms]) => [name, { seconds: median(ms.map((m) => m.seconds)), peakMb: Math.max(...ms.map((m) => m.peakMb)), detail: ms[0]!.detail }]));
    const baseline = summary.get(group.baseline)!.seconds;
    lines.push('', `### ${group.title}`, '', '| case | median s | ratio to baseline | peak MB | target |', '| --- | --- | --- | --- | --- |');
    for (const [name, m] of summary) {
      const ratio = m.seconds / baseline;
      const target = group.targets[name];
      let verdict = name === group.baseline ? 'baseline' : '';
      if (target) {
        const ok = target.met(ratio, m.peakMb, summary);
        failed ||= !ok;
        verdict = `${target.text} — ${ok ? 'met' : 'NOT MET'}`;
      }
      lines.push(`| ${name} | ${m.seconds.toFixed(2)} | ${ratio.toFixed(2)} | ${m.peakMb.toFixed(0)} | ${verdict} |`);
    }
    const held = summary.get('compare: memory held');
    if (held) lines.push('', `Memory held for matching: ${held.detail} (live heap and typed arrays after a full collection; the time of that row is not a target).`);
    const exceljs = summary.get('xlsx: exceljs streaming reader');
    const ours = summary.get('xlsx: povroll ingest');
    if (exceljs && ours) lines.push('', `povroll ingest is ${(exceljs.seconds / ours.seconds).toFixed(1)}× faster than exceljs's streaming reader merely reading the rows.`);
  }
  process.stdout.write(lines.join('\n') + '\n');
  if (failed) process.exitCode = 1;
}

const caseAt = process.argv.indexOf('--case');
if (caseAt >= 0) await runCase(process.argv[caseAt + 1]!, process.argv[caseAt + 2]!);
else await benchmark();
