import { ANY_CLASS, CLASS_BITS, type Outcome } from './classify.js';
import type { ClassResult, HouseholdClass } from './household.js';
import { bitCount, isIndicatorCode, indicatorBit } from './indicators.js';
import { type ColumnIndex, FieldError } from './roll.js';

const RESULTS: readonly string[] = ['poor', 'near_poor', 'average', 'non_poor', 'unclassified'];

/**
 * Builds the reader of the outcome `classify` wrote into a classified roll.
 * The standard's indicators come from `standard_indicators`, or from the
 * standard's id for rolls written without that column.
 */
export function createOutcomeParser(
  index: ColumnIndex,
  indicatorsOfStandard: (id: string) => readonly string[] | undefined,
): (cells: readonly string[]) => Outcome {
  const at = (column: string) => index[column] ?? -1;
  const [classAt, standardAt, listedAt, deprivedAt, countAt, possibleAt] = [
    'class',
    'standard',
    'standard_indicators',
    'deprived',
    'deprivation_count',
    'possible_classes',
  ].map(at) as [number, number, number, number, number, number];
  const text = (cells: readonly string[], position: number) => (position < 0 ? '' : (cells[position] ?? '').trim());
  // Lists repeat on every row: parse each distinct text once.
  const masks = new Map<string, number>();
  const maskOfList = (list: string, column: string): number => {
    let mask = masks.get(list);
    if (mask !== undefined) return mask;
    mask = 0;
    for (const part of list.split(';')) {
      const code = part.trim();
      if (code === '') continue;
      if (!isIndicatorCode(code)) throw new FieldError(column, list, 'indicator codes separated by ";"');
      mask |= indicatorBit(code);
    }
    if (masks.size < 10_000) masks.set(list, mask);
    return mask;
  };
  const known = new Map<string, boolean>();
  const knownStandard = (id: string): boolean => {
    let found = known.get(id);
    if (found === undefined) known.set(id, (found = indicatorsOfStandard(id) !== undefined));
    return found;
  };
  const standardMasks = new Map<string, number>();
  const maskOfStandard = (id: string): number => {
    let mask = standardMasks.get(id);
    if (mask === undefined) {
      const codes = indicatorsOfStandard(id);
      if (codes === undefined) throw new FieldError('standard', id, 'a built-in standard id (or a standard_indicators column)');
      standardMasks.set(id, (mask = maskOfList(codes.join(';'), 'standard')));
    }
    return mask;
  };

  const possibleOf = (list: string): number => {
    if (list === '') return ANY_CLASS;
    let bits = 0;
    for (const part of list.split(';')) {
      const bit = CLASS_BITS[part.trim() as HouseholdClass];
      if (bit === undefined) throw new FieldError('possible_classes', list, 'classes separated by ";"');
      bits |= bit;
    }
    return bits;
  };
  return (cells) => {
    const result = text(cells, classAt);
    if (!RESULTS.includes(result)) throw new FieldError('class', result, 'poor, near_poor, average, non_poor or unclassified');
    const listed = text(cells, listedAt);
    const standardId = text(cells, standardAt);
    // A built-in standard's id names its indicators in a few characters: look that up before the long list.
    const indicatorMask =
      standardId !== '' && knownStandard(standardId)
        ? maskOfStandard(standardId)
        : listed !== ''
          ? maskOfList(listed, 'standard_indicators')
          : standardId !== ''
            ? maskOfStandard(standardId)
            : 0;
    const deprivedMask = maskOfList(text(cells, deprivedAt), 'deprived');
    const count = text(cells, countAt);
    // Where only B2 was known, the count stands without the list of indicators.
    const countKnown = count !== '' && /^\d+$/.test(count);
    // An unclassified household may be in any class, unless the roll says which remain.
    const possible = result === 'unclassified' ? possibleOf(text(cells, possibleAt)) : CLASS_BITS[result as HouseholdClass];
    const knownDeprivations = countKnown ? Number(count) : bitCount(deprivedMask);
    return {
      class: result as ClassResult,
      deprivedMask,
      knownDeprivations,
      countKnown,
      possible,
      indicatorMask,
      indicatorCount: bitCount(indicatorMask),
    };
  };
}
