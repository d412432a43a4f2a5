/**
 * Issue 12, item 2: examples that run as pasted. Every example of the README
 * (its shell code blocks) and of every command's --help runs here, from a
 * copy of the repository's inputs (fixtures/, examples/, standards/, forms/)
 * in a temporary folder, through bash with `povroll` on the PATH: pipes,
 * redirections and globs work as they do for a reader.
 *
 * The examples of one help page, and those of one section of the README,
 * run in order in one folder: a later example may read what an earlier one
 * wrote, and nothing else. Each must exit 0, unless its comment documents the failure
 * (`# exit 1: …`); where the README shows what an example prints, the output
 * (stdout and stderr, as a terminal interleaves them) must be what is shown,
 * where `…` stands for any text within a line, and a line of its own for
 * any number of lines.
 *
 * The binary runs the compiled code: build first (`npx tsc -p tsconfig.build.json`).
 */
import { spawn } from 'node:child_process';
import { chmodSync, closeSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'bin/povroll.js');
/** What an example may read: the repository's inputs, copied so that nothing an example writes reaches the checkout. */
const INPUTS = ['fixtures', 'examples', 'standards', 'forms'];
/** The pages run side by side; the slowest (the README's) takes a few seconds alone, more on a busy machine. */
const PAGE_TIMEOUT = 240_000;

// ---------------------------------------------------------------------------
// Examples, as a reader sees them
// ---------------------------------------------------------------------------

interface Example {
  /** The command line as printed, without the prompt. */
  text: string;
  /** What the README shows it prints, line by line; null when nothing is shown. */
  shown: string[] | null;
  /** The exit code its comment documents (`# exit 1: …`), else 0. */
  exit: number;
  /** Where it is printed: "README.md:123" or "povroll rates --help, example 2". */
  where: string;
  /** The section of the Markdown text it is in ("## A tour"). */
  section?: string;
}

interface Page {
  name: string;
  examples: Example[];
}

function exitOf(text: string): number {
  const documented = /#.*\bexits? (\d+)\b/.exec(text);
  return documented ? Number(documented[1]) : 0;
}

/** Commands the tests cannot run as printed, and what they do instead. */
const SETUP = {
  /** `npm install && REST`: the checkout is installed already; REST runs. */
  install: /^npm install && (.+)$/,
  /** `npm test` runs these very tests. */
  test: /^npm test$/,
};

/**
 * The examples of a Markdown text: the lines after a `$ ` prompt in code
 * blocks (with what follows them, up to the next prompt, as their output),
 * and every line of `sh` blocks that have no prompt.
 */
function markdownExamples(markdown: string, file: string): { examples: Example[]; unmarked: string[] } {
  const lines = markdown.split('\n');
  const examples: Example[] = [];
  const unmarked: string[] = [];
  let section = '';
  for (let i = 0; i < lines.length; i += 1) {
    if (/^## /.test(lines[i]!)) section = lines[i]!;
    const fence = /^(\s*)(```+)\s*(\S*)\s*$/.exec(lines[i]!);
    if (!fence) continue;
    const [, indent, ticks, info] = fence;
    const start = i + 1;
    let end = start;
    while (end < lines.length && lines[end]!.trim() !== ticks) end += 1;
    const body = lines.slice(start, end).map((line) => (line.startsWith(indent!) ? line.slice(indent!.length) : line.trimStart()));
    i = end;
    const shell = ['sh', 'bash', 'shell', 'console'].includes(info!);
    if (info !== '' && !shell) continue;
    const prompted = body.some((line) => line.startsWith('$ '));
    if (prompted) {
      let current: Example | null = null;
      body.forEach((line, k) => {
        if (line.startsWith('$ ')) {
          current = { text: line.slice(2).trim(), shown: [], exit: exitOf(line), where: `${file}:${start + k + 1}`, section };
          examples.push(current);
        } else if (current !== null) current.shown!.push(line.trimEnd());
        else unmarked.push(`${file}:${start + k + 1}: ${line}`);
      });
    } else if (shell) {
      body.forEach((line, k) => {
        if (line.trim() !== '' && !line.trim().startsWith('#'))
          examples.push({ text: line.trim(), shown: null, exit: exitOf(line), where: `${file}:${start + k + 1}`, section });
      });
    } else {
      // A plain block that holds a command without a prompt would escape these tests.
      body.forEach((line, k) => {
        if (/^(npx )?povroll\s|^npm\s/.test(line.trim())) unmarked.push(`${file}:${start + k + 1}: ${line}`);
      });
    }
  }
  for (const example of examples) {
    if (example.shown === null) continue;
    while (example.shown.length > 0 && example.shown.at(-1) === '') example.shown.pop();
    if (example.shown.length === 0) example.shown = null;
  }
  return { examples, unmarked };
}

/** The examples at the end of a help page: the `$ ` lines under "Examples:". */
function helpExamples(help: string, name: string): Example[] {
  const lines = help.split('\n');
  const at = lines.findIndex((line) => line.trim() === 'Examples:');
  if (at < 0) return [];
  const examples: Example[] = [];
  for (const line of lines.slice(at + 1)) {
    const prompt = /^\s+\$ (.+)$/.exec(line);
    if (!prompt) break;
    examples.push({ text: prompt[1]!.trim(), shown: null, exit: exitOf(line), where: `${name}, example ${examples.length + 1}` });
  }
  return examples;
}

/** The subcommands a help page lists under "Commands:". */
function subcommands(help: string): string[] {
  const lines = help.split('\n');
  const at = lines.findIndex((line) => line.trim() === 'Commands:');
  if (at < 0) return [];
  const names: string[] = [];
  for (const line of lines.slice(at + 1)) {
    const entry = /^ {2}(\S+)/.exec(line);
    if (!entry) {
      if (line.trim() === '') break;
      continue; // a description wrapped onto the next line
    }
    if (entry[1] !== 'help') names.push(entry[1]!);
  }
  return names;
}

// ---------------------------------------------------------------------------
// Running them
// ---------------------------------------------------------------------------

const ENV: NodeJS.ProcessEnv = { ...process.env, POVROLL_LANG: 'en', NO_COLOR: '1' };

/** Runs a program and gives its exit code and what it printed, stdout and stderr interleaved as on a terminal. */
function execute(program: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = ENV): Promise<{ code: number; output: string }> {
  const file = join(mkdtempSync(join(tmpdir(), 'povroll-output-')), 'output');
  const fd = openSync(file, 'w');
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { cwd, env, stdio: ['ignore', fd, fd] });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      closeSync(fd);
      const output = readFileSync(file, 'utf8');
      rmSync(join(file, '..'), { recursive: true, force: true });
      resolve({ code: code ?? (signal ? 128 : 1), output });
    });
  });
}

let base = '';
let shims = '';

beforeAll(() => {
  expect(existsSync(join(ROOT, 'dist/src/cli.js')), 'build first: npx tsc -p tsconfig.build.json').toBe(true);
  base = mkdtempSync(join(tmpdir(), 'povroll-examples-'));
  // `povroll` on the PATH, as `npm link` puts it there.
  shims = join(base, 'bin');
  mkdirSync(shims);
  writeFileSync(join(shims, 'povroll'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  chmodSync(join(shims, 'povroll'), 0o755);
});

afterAll(() => {
  if (base !== '') rmSync(base, { recursive: true, force: true });
});

/** A fresh folder holding a copy of the repository's inputs, as the repository root does. */
function freshRoot(name: string): string {
  const dir = mkdtempSync(join(base, `${name.replace(/[^\w-]+/g, '-')}-`));
  for (const input of INPUTS) cpSync(join(ROOT, input), join(dir, input), { recursive: true });
  return dir;
}

/** An example's command line as bash runs it: `npx povroll` is `povroll` (the shim stands for the installed checkout). */
function shellLine(example: Example): string {
  return example.text.replace(/(^|[|;&]\s*)npx povroll\b/g, '$1povroll');
}

/** Whether the output is what the README shows: `…` for any text within a line, and alone on a line for any lines. */
function showsOutput(shown: readonly string[], output: string): boolean {
  const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = shown.map((line) => (line.trim() === '…' ? '(?:[^\\n]*\\n)*?' : `${escapeRegExp(line).replace(/…/g, '[^\\n]*?')}\\n`)).join('');
  return new RegExp(`^${pattern}$`, 'u').test(normalise(output));
}

function normalise(output: string): string {
  const lines = output
    .replace(/\r\n/g, '\n')
    .split('\n')
    .map((line) => line.trimEnd());
  while (lines.length > 0 && lines.at(-1) === '') lines.pop();
  return lines.map((line) => `${line}\n`).join('');
}

async function runExample(example: Example, cwd: string): Promise<void> {
  const env = { ...ENV, PATH: `${shims}:${process.env.PATH ?? ''}` };
  const { code, output } = await execute('bash', ['-c', `set -o pipefail\n${shellLine(example)}`], cwd, env);
  const said = `${example.where}: $ ${example.text}\n${output}`;
  expect(code, said).toBe(example.exit);
  if (example.shown !== null && !showsOutput(example.shown, output)) {
    // The assertion that shows the difference.
    expect(normalise(output), `${example.where}: $ ${example.text} printed other than the README shows`).toBe(`${example.shown.join('\n')}\n`);
  }
}

/**
 * Pages that begin with the same examples (the registry's pages all add the
 * demo rolls first) share the folder those leave behind, run once: each page
 * continues in a copy of it. Everything else a page runs in a folder of its own.
 */
const shared = new Map<string, Promise<string>>();
let users = new Map<string, number>();

const keyOf = (examples: readonly Example[]) => examples.map((example) => example.text).join('\n');

/** Counts, for every run of first examples, the pages that begin with it. */
function countUsers(pages: readonly Page[]): void {
  users = new Map();
  for (const page of pages) {
    for (let n = 1; n <= page.examples.length; n += 1) {
      const key = keyOf(page.examples.slice(0, n));
      users.set(key, (users.get(key) ?? 0) + 1);
    }
  }
}

function copyOf(dir: string, name: string): string {
  const copy = mkdtempSync(join(base, `${name.replace(/[^\w-]+/g, '-')}-`));
  cpSync(dir, copy, { recursive: true });
  return copy;
}

/** The folder after the first examples of a page that other pages begin with too; never written to again. */
function sharedState(page: Page, n: number): Promise<string> {
  const key = keyOf(page.examples.slice(0, n));
  let state = shared.get(key);
  if (state === undefined) {
    state = (async () => {
      const dir = n === 1 ? freshRoot(page.name) : copyOf(await sharedState(page, n - 1), page.name);
      await runExample(page.examples[n - 1]!, dir);
      return dir;
    })();
    shared.set(key, state);
  }
  return state;
}

async function runPage(page: Page): Promise<void> {
  let dir: string | null = null;
  let own = false;
  for (let n = 1; n <= page.examples.length; n += 1) {
    if ((users.get(keyOf(page.examples.slice(0, n))) ?? 0) > 1) {
      dir = await sharedState(page, n);
      continue;
    }
    if (!own) {
      dir = dir === null ? freshRoot(page.name) : copyOf(dir, page.name);
      own = true;
    }
    await runExample(page.examples[n - 1]!, dir!);
  }
}

// ---------------------------------------------------------------------------
// The pages
// ---------------------------------------------------------------------------

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const readme = markdownExamples(README, 'README.md');

/** Every help page, by its command, with the examples it prints (English: POVROLL_LANG=en). */
async function helpPages(): Promise<Page[]> {
  const help = async (command: string[]) => (await execute(process.execPath, [BIN, ...command, '--help'], ROOT)).output;
  const pages: Page[] = [];
  const visit = async (command: string[]) => {
    const text = await help(command);
    const name = ['povroll', ...command, '--help'].join(' ');
    pages.push({ name, examples: helpExamples(text, name) });
    await Promise.all(subcommands(text).map((sub) => visit([...command, sub])));
  };
  await visit([]);
  return pages.sort((a, b) => a.name.localeCompare(b.name));
}

const HELP = existsSync(join(ROOT, 'dist/src/cli.js')) ? await helpPages() : [];

/** The README's examples by section, minus the set-up commands the tests cannot run as printed. */
function readmePages(): { pages: Page[]; setup: Example[] } {
  const pages = new Map<string, Page>();
  const setup: Example[] = [];
  const add = (example: Example) => {
    const name = `README.md ${example.section}`;
    if (!pages.has(name)) pages.set(name, { name, examples: [] });
    pages.get(name)!.examples.push(example);
  };
  for (const example of readme.examples) {
    const install = SETUP.install.exec(example.text);
    if (install) {
      setup.push(example);
      add({ ...example, text: install[1]! });
    } else if (SETUP.test.test(example.text)) setup.push(example);
    else add(example);
  }
  return { pages: [...pages.values()], setup };
}

describe('the examples are found', () => {
  it('in the README: every command in a code block, with a prompt or in an sh block', () => {
    expect(readme.unmarked).toEqual([]);
    // The tour's examples, the registry's and the quick start's.
    expect(readme.examples.length).toBeGreaterThanOrEqual(15);
    for (const example of readme.examples) expect(example.text, example.where).toMatch(/\bpovroll |^npm /);
  });

  it('on every help page, each relative to the repository root', () => {
    const names = HELP.map((page) => page.name);
    for (const command of [
      'ingest',
      'classify',
      'rates',
      'compare',
      'report',
      'run',
      'check',
      'registry',
      'registry add',
      'registry list',
      'registry export',
      'durability',
      'standards',
    ]) {
      expect(names).toContain(`povroll ${command} --help`);
    }
    for (const page of HELP) expect(page.examples.length, `${page.name} has no examples`).toBeGreaterThan(0);
    // Every example reads and writes relative to the repository root: nothing outside it.
    for (const example of [...readme.examples, ...HELP.flatMap((page) => page.examples)]) {
      expect(example.text, example.where).not.toMatch(/(^|\s)(\/|~|\.\.\/)/);
    }
  });

  it('with the failure documented wherever an example shows an error', () => {
    for (const example of readme.examples) {
      const error = example.shown?.some((line) => line.startsWith('error:')) ?? false;
      expect(example.exit !== 0, `${example.where}: $ ${example.text}`).toBe(error);
    }
  });

  it('reads what it shows the way the tests do', () => {
    expect(showsOutput(['a', '…', 'd'], 'a\nb\nc\nd\n')).toBe(true);
    expect(showsOutput(['a', '…', 'd'], 'a\nd\n')).toBe(true);
    expect(showsOutput(['a,…,d'], 'a,b,c,d\n')).toBe(true);
    expect(showsOutput(['a', 'd'], 'a\nb\nd\n')).toBe(false);
    expect(showsOutput(['a'], 'a\nb\n')).toBe(false);
    expect(showsOutput(['a,…,d'], 'a,b,c,e\n')).toBe(false);
    expect(showsOutput(['(1.5)'], '(15)\n')).toBe(false);
  });
});

describe('the quick start', () => {
  it('keeps two set-up commands: install and run the demo into a workbook, and the tests', () => {
    const quick = /## Quick start\n\n```sh\n([\s\S]*?)```/.exec(README);
    expect(quick, 'the Quick start code block').not.toBeNull();
    const commands = quick![1]!.trim().split('\n');
    expect(commands).toHaveLength(2);
    expect(commands[0]).toMatch(/^npm install && npx povroll run fixtures\/demo\/roll-2023\.csv fixtures\/demo\/roll-2024\.csv -o \S+\.xlsx$/);
    expect(commands[1]).toBe('npm test');
    // What the tests do not run as printed: the install, and the tests themselves.
    expect(readmePages().setup.map((example) => example.text)).toEqual(commands);
    const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.test).toMatch(/vitest run/);
    // `npm install` builds the checkout (prepare), which is what bin/povroll.js runs.
    expect(scripts.prepare).toMatch(/tsc -p tsconfig\.build\.json/);
  });

  it.concurrent('npx povroll runs the checkout from the repository root', async () => {
    const { code, output } = await execute('npx', ['povroll', '--version'], ROOT, { ...ENV, npm_config_update_notifier: 'false' });
    const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    expect(code, output).toBe(0);
    expect(output.trim()).toBe(version);
  });
});

describe('every example runs as pasted', () => {
  const pages = [...readmePages().pages, ...HELP];
  countUsers(pages);

  it("in the README's sections and on every help page", () => {
    expect(readmePages().pages.map((page) => page.name)).toEqual([
      'README.md ## Quick start',
      'README.md ## A tour',
      'README.md ## The registry',
      'README.md ## When the input does not support the output',
    ]);
  });

  it.concurrent.each(pages.map((page) => [page.name, page] as const))(
    '%s',
    async (_, page) => {
      await runPage(page);
    },
    PAGE_TIMEOUT,
  );
});
