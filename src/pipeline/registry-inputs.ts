import type { InputFacts } from '../core/sheet-model.js';
import { PovrollError } from '../errors.js';
import type { Io } from '../io/io.js';
import { registryYearName, registryYears } from '../registry/registry-roll.js';

/**
 * The rolls of a command given `--db`: the files named, then every review
 * year of the registry, each read as one roll.
 */
export async function withRegistry(rolls: readonly string[], db: string | undefined, io: Io): Promise<string[]> {
  if (db === undefined) return [...rolls];
  const years = await registryYears(db, io);
  if (years.length === 0)
    throw new PovrollError(`Cannot read registry "${db}": it holds no review year yet; add rolls with "povroll registry add ROLL... --db ${db}"`);
  return [...rolls, ...years.map((year) => registryYearName(db, year))];
}

/** A review year read both from the registry and from a file would count its households twice. */
export function refuseYearsTwice(inputs: readonly InputFacts[], db: string | undefined): void {
  if (db === undefined) return;
  const stored = new Set<number>();
  for (const input of inputs) {
    if (input.path.startsWith(`${db}#`)) for (const year of input.years.keys()) if (year !== null) stored.add(year);
  }
  for (const input of inputs) {
    if (input.path.startsWith(`${db}#`)) continue;
    const twice = [...input.years.keys()].find((year) => year !== null && stored.has(year));
    if (twice !== undefined && twice !== null) {
      throw new PovrollError(
        `Cannot read "${input.path}": review year ${twice} is already in registry "${db}", and its households would count twice; store the roll with "povroll registry add --replace", or leave out --db`,
      );
    }
  }
}
