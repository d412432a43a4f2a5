import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { type Level, LEVELS, isLevel } from '../core/areas.js';
import { editDistance } from '../core/edit-distance.js';
import { UnitSelectionError, parseUnitSelector } from '../core/unit-filter.js';
import type { Io } from './io.js';
import { type JsonFault, asObject, quoteJson, readJsonFile } from './json-file.js';

/** The settings file looked for in the current folder when --config does not name one. */
const DEFAULT_SETTINGS_FILE = 'povroll.json';

/**
 * Options an office repeats every year, as read from its settings file,
 * keyed by the name of the command-line option they stand for (`maxRejected`
 * for `--max-rejected`). Paths are relative to the current folder (or
 * absolute), whatever folder the file was in.
 */
interface Settings {
  unit?: string;
  place?: string;
  map?: string;
  totals?: string;
  targets?: string;
  crosswalk?: string;
  by?: Level[];
  lang?: 'vi' | 'en';
  standard?: string;
  maxRejected?: number;
  maxMembers?: number;
  maxPoorShare?: number;
  maxUnclassified?: number;
  only?: string[];
}

interface SettingsFile {
  /** The file as the user named it (or `povroll.json`). */
  path: string;
  settings: Settings;
}

/** `fail(detail)` stops with the key named; the value found is added unless `found` is false (the detail names it). */
type Fail = (detail: string, found?: boolean) => never;
type Reader = (value: unknown, fail: Fail, place: Place) => unknown;
interface Place {
  /** The folder of the settings file, which its paths are relative to. */
  folder: string;
  cwd: string;
}

const text: Reader = (value, fail) => {
  if (typeof value !== 'string' || value.trim() === '') fail('expected a text');
  return (value as string).normalize('NFC').trim();
};

const path: Reader = (value, fail, place) => {
  if (typeof value !== 'string' || value.trim() === '') fail('expected the path of a file (relative to the settings file)');
  return fromFolder(value as string, place);
};

/** A path relative to the settings file's folder, as the commands take it (relative to the current folder). */
function fromFolder(file: string, place: Place): string {
  const absolute = resolve(place.folder, file.trim());
  const shown = relative(place.cwd, absolute);
  return shown === '' || isAbsolute(shown) ? absolute : shown;
}

const levels: Reader = (value, fail) => {
  const expected = `expected a comma list of ${LEVELS.join(', ')}`;
  const parts = typeof value === 'string' ? value.split(',').filter((p) => p.trim() !== '') : Array.isArray(value) ? value : null;
  if (parts === null) fail(expected);
  const names: string[] = [];
  for (const part of parts!) {
    if (typeof part !== 'string' || !isLevel(part.trim())) fail(`${expected}, found ${quoteJson(typeof part === 'string' ? part.trim() : part)}`, false);
    names.push((part as string).trim());
  }
  if (names.length === 0) fail(expected);
  return LEVELS.filter((level) => names.includes(level));
};

const lang: Reader = (value, fail) => {
  if (value !== 'vi' && value !== 'en') fail('expected "vi" or "en"');
  return value;
};

const standard: Reader = (value, fail, place) => {
  if (typeof value !== 'string' || value.trim() === '') fail('expected auto, a standard id or the path of a .json definition file');
  const choice = (value as string).trim();
  return choice.endsWith('.json') ? fromFolder(choice, place) : choice;
};

function percent(value: unknown, fail: Fail): number {
  const number =
    typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value.trim().replace(/%$/, '').replace(',', '.')) : NaN;
  if (!Number.isFinite(number) || number < 0 || number > 100) fail('expected a percentage from 0 to 100');
  return number;
}

const members: Reader = (value, fail) => {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) fail('expected a whole number of members above 0');
  return value;
};

const only: Reader = (value, fail) => {
  const items = typeof value === 'string' ? [value] : Array.isArray(value) ? value : null;
  if (items === null || items.length === 0) fail('expected LEVEL=NAME (e.g. "district=Huyện Bắc Kim"), or a list of them');
  return items!.map((item) => {
    if (typeof item !== 'string') fail(`expected LEVEL=NAME (e.g. "district=Huyện Bắc Kim"), or a list of them, found ${quoteJson(item)}`, false);
    try {
      return parseUnitSelector(item as string).text;
    } catch (error) {
      if (error instanceof UnitSelectionError) fail(error.message, false);
      throw error;
    }
  });
};

/** The keys of a settings file: what each reads, and the option it stands for. */
const KEYS: Record<string, { option: keyof Settings; read: Reader }> = {
  unit: { option: 'unit', read: text },
  place: { option: 'place', read: text },
  map: { option: 'map', read: path },
  totals: { option: 'totals', read: path },
  targets: { option: 'targets', read: path },
  crosswalk: { option: 'crosswalk', read: path },
  by: { option: 'by', read: levels },
  lang: { option: 'lang', read: lang },
  standard: { option: 'standard', read: standard },
  max_rejected: { option: 'maxRejected', read: (v, fail) => percent(v, fail) },
  max_members: { option: 'maxMembers', read: members },
  max_poor_share: { option: 'maxPoorShare', read: (v, fail) => percent(v, fail) },
  max_unclassified: { option: 'maxUnclassified', read: (v, fail) => percent(v, fail) },
  only: { option: 'only', read: only },
};

const SETTINGS_KEYS: readonly string[] = Object.keys(KEYS);

/**
 * Reads the settings file: `--config FILE` (which must exist), else
 * `povroll.json` in the current folder when there is one. Null when there
 * is none. Unknown keys and values of the wrong kind stop with one line
 * naming the file and the key.
 */
export async function readSettingsFile(io: Io, config: string | undefined): Promise<SettingsFile | null> {
  const shown = config ?? DEFAULT_SETTINGS_FILE;
  const place = { folder: dirname(resolve(io.cwd, shown)), cwd: io.cwd };
  const settings = await readJsonFile(shown, io, { kind: 'settings', optional: config === undefined }, (json, fault) => parseSettings(json, fault, place));
  return settings === undefined ? null : { path: shown, settings };
}

/** Validates a settings file's content; `place.folder` is where its paths are relative to. */
function parseSettings(json: unknown, fault: JsonFault, place: Place): Settings {
  const object = asObject(json);
  if (object === null)
    throw fault(`expected an object of settings, such as {"unit": "UBND HUYỆN BÌNH GIA", "by": "district,commune"}; found ${quoteJson(json)}`);
  const settings: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object)) {
    const entry = KEYS[key];
    if (entry === undefined) throw fault(`"${key}": unknown key${suggest(key)}; the keys are ${SETTINGS_KEYS.join(', ')}`);
    const fail: Fail = (detail, found = true) => {
      throw fault(`"${key}": ${detail}${found ? `, found ${quoteJson(value)}` : ''}`);
    };
    settings[entry.option] = entry.read(value, fail, place);
  }
  return settings as Settings;
}

function suggest(key: string): string {
  const near = SETTINGS_KEYS.map((k) => ({ k, d: editDistance(key.toLowerCase().replace(/-/g, '_'), k) })).sort((a, b) => a.d - b.d)[0];
  return near !== undefined && near.d <= 2 ? ` (did you mean "${near.k}"?)` : '';
}
