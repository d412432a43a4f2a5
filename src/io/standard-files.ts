import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PovrollError, usageError } from '../errors.js';
import { type Standard, StandardDefinitionError, parseStandard } from '../core/standard.js';
import { type StandardSelector, selectAlways, selectByReviewYear } from '../core/standard-choice.js';
import { describeFsError } from './fs-errors.js';
import { packageRoot } from './package-root.js';

let builtIn: Standard[] | undefined;

/** The standards shipped in standards/*.json, oldest first. */
export function builtInStandards(): Standard[] {
  if (builtIn !== undefined) return builtIn;
  const folder = join(packageRoot(), 'standards');
  builtIn = readdirSync(folder)
    .filter((name) => name.endsWith('.json'))
    .map((name) => readStandardFile(join(folder, name), name))
    .sort((a, b) => (a.reviewYears?.from ?? 0) - (b.reviewYears?.from ?? 0));
  return builtIn;
}

/** Reads and validates a standard definition file; errors name the file and the faulty entry. */
export function readStandardFile(path: string, shownAs = path): Standard {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new PovrollError(`Cannot read standard "${shownAs}": ${describeFsError(error)}`, 1, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new PovrollError(`Invalid standard "${shownAs}": not valid JSON (${(error as Error).message})`, 1, { cause: error });
  }
  try {
    return parseStandard(json);
  } catch (error) {
    if (error instanceof StandardDefinitionError) {
      throw new PovrollError(`Invalid standard "${shownAs}": ${error.message}`, 1, { cause: error });
    }
    throw error;
  }
}

/** `auto`, a built-in id, or the path of a definition file. */
export function resolveStandard(choice: string, cwd: string): { selector: StandardSelector; standards: Standard[] } {
  const standards = builtInStandards();
  if (choice === 'auto') return { selector: selectByReviewYear(standards), standards };
  const known = standards.find((s) => s.id === choice);
  if (known) return { selector: selectAlways(known), standards: [known] };
  if (!choice.endsWith('.json')) {
    throw usageError(
      `Unknown standard "${choice}": expected auto, ${standards.map((s) => s.id).join(', ')} or the path of a .json definition file`,
    );
  }
  const custom = readStandardFile(resolve(cwd, choice), choice);
  return { selector: selectAlways(custom), standards: [custom] };
}

/** Looks up a standard by id among the built-ins, for rolls classified earlier. */
export function findStandard(id: string): Standard | undefined {
  return builtInStandards().find((s) => s.id === id);
}
