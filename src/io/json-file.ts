import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { PovrollError } from '../errors.js';
import { describeFsError } from './fs-errors.js';
import type { Io } from './io.js';

/**
 * The one way povroll reads a JSON file a user (or povroll itself) writes:
 * the settings file, --map, --targets, standard definitions, the forms'
 * numbers. Reading fails in one line naming the file and the problem;
 * checking the content fails in one line naming the file and the key.
 */

/** How a JSON file's faults are worded: `Cannot read settings "povroll.json": no such file`. */
interface JsonFileWords {
  /** What the file is: "settings", "map", "targets", "standard". */
  kind: string;
  /** How a file that is not JSON is introduced (default "Invalid"; older messages say "Cannot read"). */
  notJson?: string;
  /** How a fault in its content is introduced (default "Invalid"; the targets' older messages say "Cannot read"). */
  invalid?: string;
}

/** A fault in a file's content: `Invalid KIND "PATH": DETAIL`, exit 1, where DETAIL starts with the key at fault. */
export type JsonFault = (detail: string, cause?: unknown) => PovrollError;

/** Checks a file's parsed JSON and returns what it describes; a fault is thrown as `fault("key": what is wrong)`. */
type JsonCheck<T> = (json: unknown, fault: JsonFault) => T;

/**
 * Reads a JSON file (relative to io.cwd) and checks it, turning every
 * failure into one line that names the file: `Cannot read KIND "PATH": no
 * such file`, `Invalid KIND "PATH": not valid JSON (…)`, `Invalid KIND
 * "PATH": "key": …`. A byte-order mark, as Windows editors write one, is
 * allowed. With `optional`, a file that does not exist is no error: the
 * result is undefined (a settings file looked for by default).
 */
export async function readJsonFile<T>(path: string, io: Io, words: JsonFileWords, check: JsonCheck<T>): Promise<T>;
export async function readJsonFile<T>(path: string, io: Io, words: JsonFileWords & { optional: boolean }, check: JsonCheck<T>): Promise<T | undefined>;
export async function readJsonFile<T>(path: string, io: Io, words: JsonFileWords & { optional?: boolean }, check: JsonCheck<T>): Promise<T | undefined> {
  let text: string;
  try {
    text = await readFile(resolve(io.cwd, path), 'utf8');
  } catch (error) {
    if (words.optional && (error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw cannotRead(path, words, error);
  }
  return checkJsonText(text, path, words, check);
}

/** readJsonFile for the callers that cannot wait (the built-in standards, the forms' numbers): PATH is relative to `folder`. */
export function readJsonFileSync<T>(path: string, folder: string, words: JsonFileWords, check: JsonCheck<T>): T {
  let text: string;
  try {
    text = readFileSync(resolve(folder, path), 'utf8');
  } catch (error) {
    throw cannotRead(path, words, error);
  }
  return checkJsonText(text, path, words, check);
}

/**
 * A check made of a parser that knows no file (those of core/): the faults
 * it throws of `faultType`, whose messages start with the key at fault,
 * become the file's.
 */
export function checkedBy<T>(parse: (json: unknown) => T, faultType: new (...args: never[]) => Error): JsonCheck<T> {
  return (json, fault) => {
    try {
      return parse(json);
    } catch (error) {
      if (error instanceof faultType) throw fault(error.message, error);
      throw error;
    }
  };
}

function cannotRead(path: string, words: JsonFileWords, error: unknown): PovrollError {
  return new PovrollError(`Cannot read ${words.kind} "${path}": ${describeFsError(error)}`, 1, { cause: error });
}

function checkJsonText<T>(text: string, path: string, words: JsonFileWords, check: JsonCheck<T>): T {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new PovrollError(`${words.notJson ?? 'Invalid'} ${words.kind} "${path}": not valid JSON (${(error as Error).message})`, 1, { cause: error });
  }
  return check(
    json,
    (detail, cause) => new PovrollError(`${words.invalid ?? 'Invalid'} ${words.kind} "${path}": ${detail}`, 1, cause === undefined ? undefined : { cause }),
  );
}

/** A JSON value as a message quotes it: `"hamlet"`, `12`, `["a"]` (long values cut). */
export function quoteJson(value: unknown): string {
  const text = value === undefined ? 'nothing' : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** A plain object (not an array, not null), or null. */
export function asObject(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}
