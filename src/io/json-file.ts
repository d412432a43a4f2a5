import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { PovrollError } from '../errors.js';
import { describeFsError } from './fs-errors.js';
import type { Io } from './io.js';

/** How a JSON file's faults are worded: `Cannot read settings "povroll.json": no such file`. */
export interface JsonFileWords {
  /** What the file is: "settings", "map", "targets". */
  kind: string;
  /** How a file that is not JSON is introduced (default "Invalid"; older messages say "Cannot read"). */
  notJson?: string;
  /** A file that does not exist is no error: the result is undefined (a settings file looked for by default). */
  optional?: boolean;
}

/**
 * Reads a JSON file (relative to io.cwd), turning every failure into one
 * line that names the file: `Cannot read KIND "PATH": no such file`,
 * `Invalid KIND "PATH": not valid JSON (…)`. A byte-order mark, as Windows
 * editors write one, is allowed.
 */
export async function readJsonFile(path: string, io: Io, words: JsonFileWords): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(resolve(io.cwd, path), 'utf8');
  } catch (error) {
    if (words.optional && (error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new PovrollError(`Cannot read ${words.kind} "${path}": ${describeFsError(error)}`, 1, { cause: error });
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new PovrollError(`${words.notJson ?? 'Invalid'} ${words.kind} "${path}": not valid JSON (${(error as Error).message})`, 1, { cause: error });
  }
}

/** Makes the errors of a file's content: `Invalid KIND "PATH": DETAIL`, exit 1. */
export function jsonFault(kind: string, path: string): (detail: string) => PovrollError {
  return (detail) => new PovrollError(`Invalid ${kind} "${path}": ${detail}`);
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
