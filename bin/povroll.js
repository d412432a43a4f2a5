#!/usr/bin/env node
// Before anything slow: Ctrl-C or a kill while the modules load must already end povroll cleanly.
const { guardProcess } = await import('../dist/src/io/interrupts.js');
guardProcess();
// A closed pipe (`povroll rates ... | head`) is success, not a crash.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
const { main } = await import('../dist/src/cli.js');
exitWhenFlushed(await main(process.argv.slice(2)));

/**
 * Ends the process once what was written to stdout and stderr is out, rather
 * than when the event loop empties: a leftover timer or an unread stdin must
 * not keep a finished command running.
 */
function exitWhenFlushed(code) {
  process.exitCode = code;
  let pending = 2;
  const flushed = () => {
    pending -= 1;
    if (pending === 0) process.exit(code);
  };
  process.stdout.write('', flushed);
  process.stderr.write('', flushed);
}
