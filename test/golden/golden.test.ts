/**
 * Golden files (issue 12): each scenario of fixtures/<command>/<scenario>/
 * is run in-process (args.json, after setup.json's steps) with its outputs in
 * a temporary folder, and what it printed and wrote must equal, byte for
 * byte, the files stored beside args.json. fixtures/README.md describes the
 * layout; `npm run golden:update` rewrites the stored files.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { compareWithStored, listScenarios, runScenario, unifiedDiff } from './harness.js';

const COMMANDS = ['ingest', 'classify', 'rates', 'compare', 'report', 'run', 'check', 'standards'];
const scenarios = listScenarios();

describe('golden files', () => {
  it('has a scenario for every command', () => {
    const covered = new Set(scenarios.map((scenario) => scenario.name.split('/')[0]));
    expect(COMMANDS.filter((command) => !covered.has(command))).toEqual([]);
  });

  for (const scenario of scenarios) {
    it(scenario.name, async () => {
      const produced = await runScenario(scenario, runCli);
      const differences = compareWithStored(scenario, produced);
      if (differences !== '') {
        throw new Error(
          `povroll ${scenario.args.join(' ')}\ngives other output than stored in fixtures/${scenario.name}/:\n\n${differences}\n\n` +
            'If the change is intended, run npm run golden:update and review the diff (git diff fixtures/) before committing.',
        );
      }
    }, 60_000);
  }
});

describe('the golden harness', () => {
  it('shows a change as a unified diff, as diff -u does', () => {
    const lines = (text: string) => `${text.split(' ').join('\n')}\n`;
    expect(unifiedDiff(lines('a b c d e f g h i j k l m n o'), lines('a b c D e f g h i j k l m n o p'), 'old', 'new')).toBe(
      ['--- old', '+++ new', '@@ -1,7 +1,7 @@', ' a', ' b', ' c', '-d', '+D', ' e', ' f', ' g', '@@ -13,3 +13,4 @@', ' m', ' n', ' o', '+p'].join('\n'),
    );
    expect(unifiedDiff(lines('a b c d e f g h i j'), lines('a x c d e f g h j k'), 'old', 'new')).toBe(
      ['--- old', '+++ new', '@@ -1,10 +1,10 @@', ' a', '-b', '+x', ' c', ' d', ' e', ' f', ' g', ' h', '-i', ' j', '+k'].join('\n'),
    );
    expect(unifiedDiff('a\n', 'a', 'old', 'new')).toBe(['--- old', '+++ new', '@@ -1,1 +1,2 @@', ' a', '+\\ No newline at end of file'].join('\n'));
  });
});
