import { createWriteStream, openSync, realpathSync } from 'node:fs';
import { access, constants, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { PovrollError } from '../errors.js';
import { describeFsError } from './fs-errors.js';
import { forgetTemporary, trackTemporary } from './interrupts.js';
import type { Io } from './io.js';

/** Raised when the reader of stdout went away (`| head`): the command stops, successfully. */
export class OutputClosed extends Error {
  constructor() {
    super('output closed by the reader');
    this.name = 'OutputClosed';
  }
}

/**
 * Resolves when a stream can take more, or has failed or closed. Listeners
 * are removed again: `Promise.race` over `once()` would leave one behind on
 * every wait.
 */
function drained(stream: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('error', done);
      stream.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('error', done);
    stream.on('close', done);
  });
}

/** A text output: stdout, or a file that appears only when complete. */
export interface TextOutput {
  /** Writes and waits while the destination is full. */
  write(text: string): Promise<void>;
  /** Finishes the output: for a file, renames the temporary file into place. */
  commit(): Promise<void>;
  /** Gives up: for a file, removes the temporary file so nothing half-written remains. */
  abort(): Promise<void>;
}

/**
 * Runs `work`, then commits every output; when anything fails, aborts them
 * all, so that no half-written file is left behind.
 */
export async function writeAllOrNothing<T>(outputs: readonly (Pick<TextOutput, 'commit' | 'abort'> | null)[], work: () => Promise<T>): Promise<T> {
  try {
    const result = await work();
    for (const output of outputs) await output?.commit();
    return result;
  } catch (error) {
    for (const output of outputs) await output?.abort();
    throw error;
  }
}

/** Where an output goes: a regular file (written beside and renamed into place), or a device or pipe (written directly). */
interface OutputTarget {
  full: string;
  /** A character device (/dev/null), FIFO or socket: it cannot be replaced by a rename, and must not be. */
  special: boolean;
}

/**
 * Checks that an output path can be written and does not overwrite an
 * input, before any work starts — a long run should not fail at its end.
 */
export async function checkOutputTarget(path: string, io: Io, inputs: readonly string[]): Promise<OutputTarget> {
  const full = resolve(io.cwd, path);
  const existing = await stat(full).catch(() => null);
  if (existing !== null && !existing.isFile() && !existing.isDirectory()) return { full, special: true };
  return { full: await checkOutputPath(path, io, inputs), special: false };
}

async function checkOutputPath(path: string, io: Io, inputs: readonly string[]): Promise<string> {
  const full = resolve(io.cwd, path);
  const folder = dirname(full);
  try {
    const info = await stat(folder);
    if (!info.isDirectory()) throw new PovrollError(`Cannot write "${path}": "${dirname(path)}" is not a folder`);
    await access(folder, constants.W_OK);
  } catch (error) {
    if (error instanceof PovrollError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? `the folder "${dirname(path)}" does not exist` : describeFsError(error);
    throw new PovrollError(`Cannot write "${path}": ${why}`, 1, { cause: error });
  }
  const target = realOrSelf(full);
  for (const input of inputs) {
    if (input !== '-' && realOrSelf(resolve(io.cwd, input)) === target) {
      throw new PovrollError(`Cannot write "${path}": it is also an input; choose another output path`);
    }
  }
  try {
    if ((await stat(full)).isDirectory()) throw new PovrollError(`Cannot write "${path}": it is a folder`);
  } catch (error) {
    if (error instanceof PovrollError) throw error;
  }
  return full;
}

function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** A temporary path beside the target, so that the final rename stays on one file system. */
function temporaryPathFor(full: string): string {
  const suffix = `${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
  return join(dirname(full), `.${basename(full)}.${suffix}.tmp`);
}

/** Opens `path` (or stdout for `-` or no path) for text output. */
export async function openTextOutput(path: string | undefined, io: Io, inputs: readonly string[]): Promise<TextOutput> {
  if (path === undefined || path === '-') return stdoutOutput(io.stdout);
  const { full, special } = await checkOutputTarget(path, io, inputs);
  const fail = (error: Error) => new PovrollError(`Cannot write "${path}": ${describeFsError(error)}`, 1, { cause: error });
  const temporary = special ? full : temporaryPathFor(full);
  const fd = special ? undefined : createTemporary(temporary, fail);
  // A larger buffer than the 16 KB default: fewer waits for the disk between batches.
  const stream = createWriteStream(temporary, { fd, highWaterMark: 1024 * 1024 });
  let failure: Error | null = null;
  stream.on('error', (error) => (failure = error));
  return {
    async write(text) {
      if (failure) throw fail(failure);
      if (!stream.write(text)) await drained(stream);
      if (failure) throw fail(failure);
    },
    async commit() {
      const closed = new Promise<void>((resolve) => {
        stream.once('close', resolve);
        stream.once('error', () => resolve());
      });
      stream.end();
      await closed;
      if (failure) throw fail(failure);
      if (special) return;
      await rename(temporary, full);
      // Only now: a signal during the rename must still remove the temporary file.
      forgetTemporary(temporary);
    },
    async abort() {
      stream.destroy();
      if (special) return;
      await rm(temporary, { force: true });
      forgetTemporary(temporary);
    },
  };
}

/**
 * Creates the temporary file on the spot and notes it for removal. Opened
 * synchronously, unlike a write stream's own open, so that no signal can
 * come between the file appearing and its being noted; a device or FIFO is
 * never opened this way, since opening a FIFO waits for its reader.
 */
function createTemporary(temporary: string, fail: (error: Error) => PovrollError): number {
  try {
    const fd = openSync(temporary, 'wx');
    trackTemporary(temporary);
    return fd;
  } catch (error) {
    throw fail(error as Error);
  }
}

function stdoutOutput(stdout: Writable): TextOutput {
  let closed = false;
  stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') closed = true;
  });
  return {
    async write(text) {
      if (closed) throw new OutputClosed();
      if (!stdout.write(text)) await drained(stdout);
      if (closed) throw new OutputClosed();
    },
    async commit() {},
    async abort() {},
  };
}

/**
 * Runs `write` against a temporary file and renames it to `path` only when
 * it succeeds, so a failed run never leaves a broken file behind.
 */
export async function writeFileAtomically(path: string, io: Io, inputs: readonly string[], write: (temporaryPath: string) => Promise<void>): Promise<void> {
  const { full, special } = await checkOutputTarget(path, io, inputs);
  const temporary = special ? full : temporaryPathFor(full);
  if (!special) trackTemporary(temporary);
  try {
    await write(temporary);
    if (!special) await rename(temporary, full);
  } catch (error) {
    if (!special) await rm(temporary, { force: true });
    if (error instanceof PovrollError) throw error;
    throw new PovrollError(`Cannot write "${path}": ${describeFsError(error)}`, 1, { cause: error });
  } finally {
    // After the rename or removal, not before: a signal in between must still find the file.
    if (!special) forgetTemporary(temporary);
  }
}
