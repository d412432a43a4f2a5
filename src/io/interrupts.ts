import { rmSync } from 'node:fs';
import { constants } from 'node:os';

/*
 * What must not outlive the process: temporary outputs not yet renamed into
 * place, and spinners that hid the cursor. They are kept here rather than in
 * the commands because a signal can arrive at any await, and its handler
 * has to undo everything at once, synchronously, before the process ends.
 * Nothing here touches `process` until the binary asks for it, so commands
 * run in-process (the tests) leave no listeners behind.
 */
const temporaries = new Set<string>();
const cleanups = new Set<() => void>();
let guarded = false;

/** Notes a temporary file that must be removed unless it is renamed into place. */
export function trackTemporary(path: string): void {
  temporaries.add(path);
}

/** The temporary file was renamed into place or removed: nothing left to undo. */
export function forgetTemporary(path: string): void {
  temporaries.delete(path);
}

/** Registers something to undo if the process ends first; returns the function that unregisters it. */
export function undoOnExit(cleanup: () => void): () => void {
  cleanups.add(cleanup);
  return () => {
    cleanups.delete(cleanup);
  };
}

/**
 * Stops whatever still runs and removes every unfinished output. Synchronous,
 * and it never throws: it runs in signal and exit handlers, where nothing
 * can be awaited and an error would hide the reason the process ends.
 */
function discardUnfinished(): void {
  for (const cleanup of [...cleanups]) {
    try {
      cleanup();
    } catch {
      // A terminal that went away (SIGHUP) cannot show the cursor again; the files must still go.
    }
  }
  cleanups.clear();
  for (const path of temporaries) {
    try {
      rmSync(path, { force: true });
    } catch {
      // Nothing more can be done about a file that cannot be removed while the process ends.
    }
  }
  temporaries.clear();
}

/**
 * Makes SIGINT, SIGTERM and SIGHUP end the process at once, with the
 * conventional 128 + signal number, and any exit discard what is unfinished.
 * Installed once, by the binary: signal listeners do not keep the event loop
 * alive, and a second call adds nothing.
 *
 * @public bin/povroll.js imports it from dist/, which knip does not follow.
 */
export function guardProcess(): void {
  if (guarded) return;
  guarded = true;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, interrupted);
  process.on('exit', discardUnfinished);
}

function interrupted(signal: NodeJS.Signals): void {
  discardUnfinished();
  process.exit(128 + (constants.signals[signal] ?? 0));
}
