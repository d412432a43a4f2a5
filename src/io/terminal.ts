import { Chalk, chalkStderr, type ChalkInstance } from 'chalk';
import ora, { type Ora } from 'ora';
import type { Io } from './io.js';

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

/**
 * Colour only for a terminal and never with NO_COLOR (chalk 5 ignores it by
 * design); a spinner only when stderr is a terminal, since ora writes its
 * colour codes even into a file.
 */
export function createReporter(io: Io, options: GlobalOptions): Reporter {
  const noColor = (io.env.NO_COLOR ?? '') !== '' || io.env.TERM === 'dumb';
  const forced = (io.env.FORCE_COLOR ?? '') !== '' && io.env.FORCE_COLOR !== '0';
  const level = noColor ? 0 : forced ? Math.max(1, chalkStderr.level) : io.stderrIsTTY ? Math.max(1, chalkStderr.level) : 0;
  const colors = new Chalk({ level: level as 0 | 1 | 2 | 3 });
  const write = (line: string) => io.stderr.write(line + '\n');
  let spinner: Ora | null = null;
  // Lines printed while a spinner runs must not be drawn over.
  const say = (line: string) => {
    if (spinner?.isSpinning) spinner.clear();
    write(line);
    if (spinner?.isSpinning) spinner.render();
  };
  return {
    colors,
    info: (message) => {
      if (!options.quiet) say(message);
    },
    warn: (message) => {
      if (!options.quiet) say(`${colors.yellow('warning:')} ${message}`);
    },
    detail: (message) => {
      if (options.verbose && !options.quiet) say(colors.dim(message));
    },
    progress: (text) => {
      if (options.quiet || !io.stderrIsTTY) return { update: () => {}, stop: () => {} };
      spinner = ora({ text, stream: io.stderr, isEnabled: true, discardStdin: false }).start();
      // Callers report every batch, thousands of times a second: redraw at most ten times a second.
      let shown = 0;
      return {
        update: (next) => {
          const now = Date.now();
          if (spinner === null || now - shown < 100) return;
          shown = now;
          spinner.text = next;
        },
        stop: () => {
          spinner?.stop();
          spinner = null;
        },
      };
    },
  };
}
