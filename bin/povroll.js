#!/usr/bin/env node
// A closed pipe (`povroll rates ... | head`) is success, not a crash.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
const { main } = await import('../dist/src/cli.js');
process.exitCode = await main(process.argv.slice(2));
