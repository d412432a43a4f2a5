import { Chalk, chalkStderr, type ChalkInstance } from 'chalk';
import ora, { type Ora } from 'ora';
import type { Writable } from 'node:stream';
import { undoOnExit } from './interrupts.js';
import type { Io } from './io.js';
import { inLanguage, prefixes, terminalLanguage } from './terminal-language.js';

export type { Lang } from '../core/labels.js';
import type { Lang } from '../core/labels.js';

export interface GlobalOptions {
  quiet: boolean;
  verbose: boolean;
  lang: Lang;
}

/** A running count shown on stderr while long work goes on. */
export interface Progress {
  update(text: string): void;
  stop(): void;
}

/** Everything a command says to the person at the terminal: stderr only, never stdout. */
export interface Reporter {
  info(message: string): void;
  warn(message: string): void;
  detail(message: string): void;
  progress(text: string): Progress;
  colors: ChalkInstance;
}

const SILENT: Progress = { update: () => {}, stop: () => {} };

/**
 * Colour only for a terminal and never with NO_COLOR (chalk 5 ignores it by
 * design); a spinner only when stderr is a terminal that knows its width,
 * since ora writes its colour codes even into a file. Every line is said in
 * the terminal's language (terminal-language.ts): messages are composed in
 * English, and put into Vietnamese here when the terminal is Vietnamese.
 */
export function createReporter(io: Io, options: GlobalOptions): Reporter {
  const noColor = (io.env.NO_COLOR ?? '') !== '' || io.env.TERM === 'dumb';
  const forced = (io.env.FORCE_COLOR ?? '') !== '' && io.env.FORCE_COLOR !== '0';
  const level = noColor ? 0 : forced ? Math.max(1, chalkStderr.level) : io.stderrIsTTY ? Math.max(1, chalkStderr.level) : 0;
  const colors = new Chalk({ level: level as 0 | 1 | 2 | 3 });
  const lang = terminalLanguage(io);
  const local = (text: string) => inLanguage(text, lang);
  const words = prefixes(lang);
  const write = (line: string) => io.stderr.write(line + '\n');
  let current: Spinner | null = null;
  // Lines printed while a spinner runs must not be drawn over.
  const say = (line: string) => {
    const spinner = current?.ora.isSpinning ? current.ora : null;
    spinner?.clear();
    write(line);
    spinner?.render();
  };
  return {
    colors,
    info: (message) => {
      if (!options.quiet) say(local(message));
    },
    warn: (message) => {
      if (!options.quiet) say(`${colors.yellow(words.warning)} ${local(message)}`);
    },
    detail: (message) => {
      if (options.verbose && !options.quiet) say(colors.dim(local(message)));
    },
    progress: (text) => {
      if (options.quiet || !io.stderrIsTTY || !knowsItsWidth(io.stderr)) return SILENT;
      // One spinner at a time: a second progress replaces the first rather than orphaning its timer.
      current?.progress.stop();
      const spinner = startSpinner(local(text), io.stderr, local, () => {
        if (current === spinner) current = null;
      });
      current = spinner;
      return spinner.progress;
    },
  };
}

interface Spinner {
  ora: Ora;
  progress: Progress;
}

/**
 * A terminal of no width (a pseudo-terminal opened without a size, as
 * `script` does under a pipe) makes ora count Infinity lines to clear and
 * loop forever writing cursor codes; a stream that is not a terminal has no
 * width either.
 */
function knowsItsWidth(stream: Writable): boolean {
  const columns = (stream as Writable & { columns?: unknown }).columns;
  return typeof columns === 'number' && Number.isFinite(columns) && columns > 0;
}

/**
 * Starts a spinner that stops exactly once: by its owner, when the terminal
 * shrinks to no width, or when the process ends first (a signal), so that
 * its timer never outlives the work nor leaves the cursor hidden.
 */
function startSpinner(text: string, stream: Writable, local: (text: string) => string, onStop: () => void): Spinner {
  const spinner = ora({ text, stream, isEnabled: true, discardStdin: false }).start();
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    stream.off('resize', stopWithoutWidth);
    forget();
    spinner.stop();
    onStop();
  };
  const stopWithoutWidth = () => {
    if (!knowsItsWidth(stream)) stop();
  };
  stream.on('resize', stopWithoutWidth);
  const forget = undoOnExit(stop);
  return { ora: spinner, progress: { update: throttled(spinner, () => stopped, local), stop } };
}

/** Callers report every batch, thousands of times a second: redraw (and translate) at most ten times a second. */
function throttled(spinner: Ora, stopped: () => boolean, local: (text: string) => string): (text: string) => void {
  let shown = 0;
  return (next) => {
    const now = Date.now();
    if (stopped() || now - shown < 100) return;
    shown = now;
    spinner.text = local(next);
  };
}
