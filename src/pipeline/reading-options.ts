import { UnitFilter, UnitSelectionError } from '../core/unit-filter.js';
import { DEFAULT_VALUE_LIMITS, type ValueLimits } from '../core/value-checks.js';
import { usageError } from '../errors.js';
import type { Io } from '../io/io.js';
import type { IngestSettings } from '../io/raw-roll-reader.js';
import type { RejectList } from '../io/reject-list.js';
import { resolveStandard } from '../io/standard-files.js';
import type { Reporter } from '../io/terminal.js';
import { type ClassSource, HouseholdStream } from './household-stream.js';

/** How strict reading is: what every command that reads rolls accepts (`--max-rejected`, `--max-members`). */
export interface ReadingOptions {
  /** Percent of rows that may be rejected before the run stops (default 1). */
  maxRejected?: number;
  /** Most members a household may have (default 50). */
  maxMembers?: number;
}

const DEFAULT_MAX_REJECTED_PERCENT = 1;

function valueLimits(options: ReadingOptions): ValueLimits {
  return { ...DEFAULT_VALUE_LIMITS, ...(options.maxMembers !== undefined && { maxMembers: options.maxMembers }) };
}

function maxRejectedShare(options: ReadingOptions): number {
  return (options.maxRejected ?? DEFAULT_MAX_REJECTED_PERCENT) / 100;
}

/** What a command tells the household pipeline: where classes come from, the standard, the settings and its strictness. */
interface StreamRequest extends ReadingOptions {
  classes: ClassSource;
  /** `--standard`: auto (by review year), an id or a definition file. */
  standard?: string;
  settings: IngestSettings;
  action: string;
  matchesHouseholds?: boolean;
  explain?: boolean;
  /** `--only LEVEL=NAME`, repeated: only the households of these units are used. */
  only?: readonly string[];
}

/** The `--only` filter of a request, or undefined when every household is used. */
function unitFilter(only: readonly string[] | undefined): UnitFilter | undefined {
  if (only === undefined || only.length === 0) return undefined;
  try {
    return UnitFilter.parse(only);
  } catch (error) {
    if (error instanceof UnitSelectionError) throw usageError(`Invalid --only: ${error.message}`);
    throw error;
  }
}

export function openHouseholdStream(io: Io, reporter: Reporter, rejects: RejectList, request: StreamRequest): HouseholdStream {
  const standard = request.standard ?? 'auto';
  const only = unitFilter(request.only);
  return new HouseholdStream(io, reporter, rejects, {
    classes: request.classes,
    // Rolls whose classes are read, not computed, need no standard to be resolved.
    selector: request.classes === 'none' || request.classes === 'recorded' ? () => null : resolveStandard(standard, io.cwd).selector,
    autoStandard: standard === 'auto',
    settings: request.settings,
    limits: valueLimits(request),
    maxRejected: maxRejectedShare(request),
    matchesHouseholds: request.matchesHouseholds ?? false,
    explain: request.explain ?? false,
    action: request.action,
    ...(only !== undefined && { only }),
  });
}
