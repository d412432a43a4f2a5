/**
 * Rewrites the golden files of fixtures/<command>/<scenario>/ from what
 * povroll gives now (issue 12; fixtures/README.md). Runs each scenario
 * in-process as test/golden/golden.test.ts does, writes stdout.txt,
 * stderr.txt, exit-code.txt and the outputs, and removes stored outputs no
 * longer written. Review the result with `git diff fixtures/` before
 * committing: every changed line is a change in what povroll prints or writes.
 *
 *   npm run golden:update                     # every scenario
 *   npm run golden:update -- run/demo check   # those whose name starts so
 *
 * (the npm script builds, then runs node dist/scripts/golden-update.js.)
 */
import { main } from '../src/cli.js';
import { memoryIo } from '../test/support/memory-io.js';
import { type Runner, listScenarios, runScenario, writeStored } from '../test/golden/harness.js';

const run: Runner = async (argv, options) => {
  const io = memoryIo(options);
  const code = await main(argv, io);
  return { code, stdout: io.out(), stderr: io.err() };
};

async function update(filters: string[]): Promise<number> {
  const scenarios = listScenarios(filters);
  if (scenarios.length === 0) {
    process.stderr.write(`No scenario matches ${filters.join(', ')} under fixtures/<command>/<scenario>/\n`);
    return 1;
  }
  let changed = 0;
  let failed = 0;
  for (const scenario of scenarios) {
    try {
      const files = writeStored(scenario, await runScenario(scenario, run));
      if (files.length > 0) changed += 1;
      process.stdout.write(`${scenario.name}: ${files.length === 0 ? 'unchanged' : `updated ${files.join(', ')}`}\n`);
    } catch (error) {
      failed += 1;
      process.stdout.write(`${scenario.name}: NOT UPDATED: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  }
  process.stdout.write(
    `${scenarios.length} scenarios, ${changed} updated${failed > 0 ? `, ${failed} failed (their stored files are as they were)` : ''}${changed > 0 ? ': review them with git diff fixtures/' : ''}\n`,
  );
  return failed > 0 ? 1 : 0;
}

process.exitCode = await update(process.argv.slice(2));
