import type { Classification } from '../core/classify.js';
import { classifyWith } from '../core/classify-roll.js';
import { FieldError } from '../core/roll.js';
import type { StandardSelector } from '../core/standard-choice.js';
import type { RejectList } from '../io/reject-list.js';
import type { Reject, RollReader, RollRecord } from '../io/roll-reader.js';

export interface ClassifiedBatch {
  records: RollRecord[];
  /** The classification of each record, at the same position. */
  classifications: Classification[];
  skipped: number;
}

/** Classifies a roll batch by batch; rows that cannot be classified go to the reject list. */
export async function* classifiedBatches(
  reader: RollReader,
  select: StandardSelector,
  rejects: RejectList,
): AsyncGenerator<ClassifiedBatch> {
  for await (const batch of reader.batches) {
    const bad: Reject[] = batch.rejects;
    const records: RollRecord[] = [];
    const classifications: Classification[] = [];
    for (const record of batch.records) {
      try {
        classifications.push(classifyWith(record.household, select));
        records.push(record);
      } catch (error) {
        if (!(error instanceof FieldError)) throw error;
        bad.push({ place: { file: reader.file, ...(record.sheet !== undefined && { sheet: record.sheet }), row: record.row, column: error.column }, reason: error.message, cells: record.cells });
      }
    }
    // Rejects are reported in row order within a batch.
    bad.sort((a, b) => (a.place.row ?? 0) - (b.place.row ?? 0));
    await rejects.add(bad);
    yield { records, classifications, skipped: batch.skipped };
  }
}
