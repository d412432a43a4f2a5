import { PassThrough, Readable } from 'node:stream';
import type { Io } from '../../src/io/io.js';

export interface MemoryIo extends Io {
  out(): string;
  err(): string;
}

/** An Io whose stdout and stderr are collected in memory, for in-process command tests. */
export function memoryIo(options: { cwd?: string; stdin?: string; env?: Record<string, string>; tty?: boolean } = {}): MemoryIo {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk));
  stderr.on('data', (chunk: Buffer) => err.push(chunk));
  return {
    stdin: Readable.from(options.stdin === undefined ? [] : [Buffer.from(options.stdin)]),
    stdout,
    stderr,
    cwd: options.cwd ?? process.cwd(),
    env: options.env ?? {},
    stdoutIsTTY: options.tty ?? false,
    stderrIsTTY: options.tty ?? false,
    out: () => Buffer.concat(out).toString('utf8'),
    err: () => Buffer.concat(err).toString('utf8'),
  };
}
