import type { Lang } from '../core/labels.js';
import type { Io } from './io.js';
import { toVietnamese } from './phrasebook-vi.js';

/**
 * The language of what povroll says at the terminal (summaries, warnings,
 * errors, help), which is not always the language of the report labels:
 * `--lang` (or `lang` in the settings file) decides both; without either the
 * labels stay Vietnamese, as the forms are, and the terminal follows the
 * environment — POVROLL_LANG, else a Vietnamese locale — and is English
 * otherwise.
 *
 * Messages are composed in English where they arise; they are put into
 * Vietnamese here, at the boundary, line by line (see phrasebook-vi.ts).
 */

/** The language each run chose for its terminal, by the Io it runs with (set by the command line, read by the Reporter). */
const chosen = new WeakMap<Io, Lang>();

/** POVROLL_LANG (`vi`, `en`), else the locale (LC_ALL, LC_MESSAGES, LANG) when it is Vietnamese; English otherwise. */
export function languageOfEnvironment(env: Readonly<Record<string, string | undefined>>): Lang {
  const own = (env.POVROLL_LANG ?? '').trim().toLowerCase();
  if (own.startsWith('vi')) return 'vi';
  if (own.startsWith('en')) return 'en';
  // The first locale variable that is set wins, as in the C library.
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value !== undefined && value.trim() !== '') ?? '';
  return locale.trim().toLowerCase().startsWith('vi') ? 'vi' : 'en';
}

/** `--lang vi` or `--lang=en` on the command line (before `--`), or null: read before commander parses, for its own messages and help. */
export function languageOnCommandLine(argv: readonly string[]): Lang | null {
  let found: Lang | null = null;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === '--') break;
    const value = arg === '--lang' ? argv[i + 1] : arg.startsWith('--lang=') ? arg.slice('--lang='.length) : undefined;
    if (value === 'vi' || value === 'en') found = value;
  }
  return found;
}

/** Records the terminal language of the run that uses `io`. */
export function setTerminalLanguage(io: Io, lang: Lang): void {
  chosen.set(io, lang);
}

/** The terminal language of the run that uses `io`: as the command line chose it, else from the environment. */
export function terminalLanguage(io: Io): Lang {
  return chosen.get(io) ?? languageOfEnvironment(io.env);
}

/** A message composed in English, in the terminal's language. */
export function inLanguage(text: string, lang: Lang): string {
  return lang === 'vi' ? toVietnamese(text) : text;
}

/** The words that open a warning and an error line. */
export function prefixes(lang: Lang): { warning: string; error: string } {
  return lang === 'vi' ? { warning: 'cảnh báo:', error: 'lỗi:' } : { warning: 'warning:', error: 'error:' };
}
