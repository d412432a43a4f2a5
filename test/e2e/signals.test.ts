import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeSyntheticRoll } from '../../scripts/write-synthetic-roll.js';
import { HEADER, ROOT, row, tempDir } from '../support/run-cli.js';

const BIN = join(ROOT, 'bin/povroll.js');
/** Big enough that classify is still writing a second after it starts, even on a busy machine. */
const BIG_HOUSEHOLDS = 300_000;
/** Small enough to reach the workbook quickly, with enough areas that writing it takes a while. */
const RUN_HOUSEHOLDS = 30_000;

let big = '';
let medium = '';

beforeAll(async () => {
  // The binary runs the compiled code: `npm test` builds it first.
  expect(existsSync(join(ROOT, 'dist/src/io/interrupts.js')), 'run npm run build first').toBe(true);
  const dir = tempDir();
  big = join(dir, 'big.csv');
  medium = join(dir, 'medium.csv');
  writeFileSync(big, plainRoll(BIG_HOUSEHOLDS));
  await writeSyntheticRoll(medium, RUN_HOUSEHOLDS, 2024);
}, 60_000);

/** A canonical roll of identical rural households: cheap to write, and classify still reads every one. */
function plainRoll(households: number): string {
  const template = row({ household_id: 'HOUSEHOLD' });
  const lines = [HEADER];
  for (let i = 0; i < households; i += 1) lines.push(template.replace('HOUSEHOLD', `H${i}`));
  return lines.join('\n') + '\n';
}

interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  at: number;
}

interface Started {
  child: ChildProcess;
  ended: Promise<Ended>;
  output: () => string;
}

function start(command: string, args: string[], cwd: string): Started {
  const child = spawn(command, args, { cwd, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  const chunks: Buffer[] = [];
  child.stdout!.on('data', (chunk: Buffer) => chunks.push(chunk));
  child.stderr!.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<Ended>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })));
  return { child, ended, output: () => Buffer.concat(chunks).toString('utf8') };
}

/** The end of what a process printed, escapes visible: a spinner gone wrong prints megabytes. */
function tail(started: Started): string {
  const text = started.output();
  return `${text.length} characters, ending ${JSON.stringify(text.slice(-600))}`;
}

function povroll(args: string[], cwd: string): Started {
  return start(process.execPath, [BIN, ...args], cwd);
}

/**
 * Waits for a temporary output (`.NAME.PID-RANDOM.tmp`) to appear in `dir`:
 * the moment the work is half done. Polls often, since the workbook's
 * temporary file lives only a fraction of a second.
 */
function temporaryAppears(dir: string, name: string, started: Started): Promise<string> {
  const pattern = new RegExp(`^\\.${name.replace(/\./g, '\\.')}\\.\\d+-\\w+\\.tmp$`);
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      const found = readdirSync(dir).find((file) => pattern.test(file));
      if (found !== undefined) {
        clearInterval(timer);
        resolve(found);
      } else if (started.child.exitCode !== null || started.child.signalCode !== null) {
        clearInterval(timer);
        reject(new Error(`povroll ended before writing ${name}: ${tail(started)}`));
      }
    }, 5);
  });
}

/** Ends `started` if it is still running after `ms`, so that a hang fails the test instead of the whole run. */
async function endedWithin(started: Started, ms: number): Promise<Ended> {
  const timer = setTimeout(() => started.child.kill('SIGKILL'), ms);
  try {
    return await started.ended;
  } finally {
    clearTimeout(timer);
  }
}

/** The process id is part of a temporary file's name: the one to signal when povroll runs under another process. */
function pidOf(temporary: string): number {
  return Number(/\.(\d+)-\w+\.tmp$/.exec(temporary)![1]);
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** util-linux `script`, running `shell` under a pseudo-terminal; a machine without it fails these tests rather than skipping them. */
function underPseudoTerminal(shell: string, cwd: string): Started {
  const found = spawnSync('sh', ['-c', 'command -v script'], { encoding: 'utf8' });
  expect(found.status, 'the pseudo-terminal tests need util-linux "script" on the PATH (Debian: apt-get install bsdutils)').toBe(0);
  return start('script', ['-qec', shell, '/dev/null'], cwd);
}

function nodeCommand(args: string[]): string {
  return ['exec', process.execPath, BIN, ...args].map((part, i) => (i === 0 ? part : shellQuote(part))).join(' ');
}

describe('povroll told to stop', () => {
  for (const [signal, exitCode] of [
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const) {
    it(`ends promptly on ${signal} while classify writes, leaving no output and no temporary file`, async () => {
      const dir = tempDir();
      const started = povroll(['classify', big, '-o', 'out.csv', '--rejects', 'rejects.csv'], dir);
      await temporaryAppears(dir, 'out.csv', started);
      const sent = Date.now();
      started.child.kill(signal);
      const ended = await endedWithin(started, 10_000);
      expect(ended.at - sent, tail(started)).toBeLessThan(2000);
      expect(ended, tail(started)).toMatchObject({ code: exitCode, signal: null });
      expect(readdirSync(dir)).toEqual([]);
    });
  }

  it('ends promptly on SIGTERM while run writes the workbook, leaving no workbook and no temporary file', async () => {
    const dir = tempDir();
    const started = povroll(['run', medium, '-o', 'summary.xlsx'], dir);
    await temporaryAppears(dir, 'summary.xlsx', started);
    const sent = Date.now();
    started.child.kill('SIGTERM');
    const ended = await endedWithin(started, 10_000);
    expect(ended.at - sent, tail(started)).toBeLessThan(2000);
    expect(ended, tail(started)).toMatchObject({ code: 143, signal: null });
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('povroll on a terminal', () => {
  it('finishes on a terminal of no width without drawing a spinner', async () => {
    const dir = tempDir();
    const started = underPseudoTerminal(`stty cols 0 rows 0; ${nodeCommand(['classify', medium, '-o', 'out.csv'])}`, dir);
    const ended = await endedWithin(started, 20_000);
    const shown = started.output();
    expect(ended.code, tail(started)).toBe(0);
    expect(shown).toContain(`Classified ${RUN_HOUSEHOLDS.toLocaleString('en')} households`);
    // The spinner that looped forever wrote "cursor up, clear line" over and over.
    expect(shown).not.toContain('\u001B[1A');
    expect(readdirSync(dir)).toEqual(['out.csv']);
    const lines = readFileSync(join(dir, 'out.csv'), 'utf8').split('\n');
    expect(lines).toHaveLength(RUN_HOUSEHOLDS + 2);
    expect(lines.at(-1)).toBe('');
  });

  it('stops the spinner and shows the cursor again when interrupted', async () => {
    const dir = tempDir();
    const started = underPseudoTerminal(`stty cols 80 rows 24; ${nodeCommand(['classify', big, '-o', 'out.csv'])}`, dir);
    const temporary = await temporaryAppears(dir, 'out.csv', started);
    // Once the spinner hid the cursor: the interruption must be what shows it again.
    await until(() => started.output().includes('\u001B[?25l'), 10_000);
    const sent = Date.now();
    process.kill(pidOf(temporary), 'SIGINT');
    const ended = await endedWithin(started, 10_000);
    const shown = started.output();
    expect(ended.at - sent, tail(started)).toBeLessThan(2000);
    expect(ended.code, tail(started)).toBe(130);
    expect(shown.lastIndexOf('\u001B[?25h')).toBeGreaterThan(shown.lastIndexOf('\u001B[?25l'));
    expect(readdirSync(dir)).toEqual([]);
  });
});

async function until(condition: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
