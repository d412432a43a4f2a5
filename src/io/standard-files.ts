import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { usageError } from '../errors.js';
import { type Standard, StandardDefinitionError, parseStandard } from '../core/standard.js';
import { type StandardSelector, selectAlways, selectByReviewYear } from '../core/standard-choice.js';
import { checkedBy, readJsonFileSync } from './json-file.js';
import { packageRoot } from './package-root.js';

let builtIn: Standard[] | undefined;

/** The standards shipped in standards/*.json, oldest first. */
export function builtInStandards(): Standard[] {
  if (builtIn !== undefined) return builtIn;
  const folder = join(packageRoot(), 'standards');
  builtIn = readdirSync(folder)
    .filter((name) => name.endsWith('.json'))
    .map((name) => readStandardFile(name, folder))
    .sort((a, b) => (a.reviewYears?.from ?? 0) - (b.reviewYears?.from ?? 0));
  return builtIn;
}

/** Reads and validates a standard definition file (PATH relative to `folder`); errors name the file and the faulty entry. */
export function readStandardFile(path: string, folder: string): Standard {
  return readJsonFileSync(path, folder, { kind: 'standard' }, checkedBy(parseStandard, StandardDefinitionError));
}

/** `auto`, a built-in id, or the path of a definition file. */
export function resolveStandard(choice: string, cwd: string): { selector: StandardSelector; standards: Standard[] } {
  const standards = builtInStandards();
  if (choice === 'auto') return { selector: selectByReviewYear(standards), standards };
  const known = standards.find((s) => s.id === choice);
  if (known) return { selector: selectAlways(known), standards: [known] };
  if (!choice.endsWith('.json')) {
    throw usageError(`Unknown standard "${choice}": expected auto, ${standards.map((s) => s.id).join(', ')} or the path of a .json definition file`);
  }
  const custom = readStandardFile(choice, cwd);
  return { selector: selectAlways(custom), standards: [custom] };
}

/** Looks up a standard by id among the built-ins, for rolls classified earlier. */
export function findStandard(id: string): Standard | undefined {
  return builtInStandards().find((s) => s.id === id);
}
