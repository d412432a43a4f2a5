import type { Area } from '../core/household.js';
import { type Condition, type Standard, usesFarmCondition } from '../core/standard.js';
import { PovrollError } from '../errors.js';
import type { Io } from '../io/io.js';
import { builtInStandards, readStandardFile } from '../io/standard-files.js';
import type { GlobalOptions } from '../io/terminal.js';

interface StandardsOptions {
  id?: string;
  json: boolean;
}

/** `povroll standards [ID|FILE]`: the built-in standards, or one of them (or a user's file) in full. */
export async function standardsCommand(options: StandardsOptions, global: GlobalOptions, io: Io): Promise<Standard[]> {
  const all = builtInStandards();
  if (options.id === undefined) {
    if (options.json) io.stdout.write(JSON.stringify(all.map(toJson), null, 2) + '\n');
    else io.stdout.write(listStandards(all, global.lang));
    return all;
  }
  const standard = all.find((s) => s.id === options.id) ?? (options.id.endsWith('.json') ? readStandardFile(options.id, io.cwd) : undefined);
  if (standard === undefined) {
    throw new PovrollError(`Unknown standard "${options.id}": expected one of ${all.map((s) => s.id).join(', ')} or a .json definition file`, 2);
  }
  io.stdout.write(options.json ? JSON.stringify(toJson(standard), null, 2) + '\n' : describeStandard(standard, global.lang));
  return [standard];
}

const money = (n: number) => n.toLocaleString('en');

function listStandards(standards: readonly Standard[], lang: 'vi' | 'en'): string {
  const rows = standards.map((s) => [
    s.id,
    s.reviewYears ? `${s.reviewYears.from}–${s.reviewYears.to}` : 'any',
    `${money(s.lines.poverty!.values.rural)} / ${money(s.lines.poverty!.values.urban)}`,
    String(s.indicators.length),
    s.title[lang],
  ]);
  const header = ['id', 'review years', 'poverty line rural / urban', 'indicators', 'title'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd() + '\n';
  return line(header) + rows.map(line).join('') + '\nShow one in full: povroll standards ID\n';
}

/** The rules in words, with the lines they use: what an analyst checks a classification against. */
function describeStandard(s: Standard, lang: 'vi' | 'en'): string {
  const out: string[] = [];
  out.push(`${s.id} — ${s.title[lang]}`);
  out.push(`Legal basis: ${s.legalBasis}`);
  out.push(`Review years: ${s.reviewYears ? `${s.reviewYears.from}–${s.reviewYears.to}` : 'any (a user standard)'}`);
  out.push(`Confidence: ${s.confidence}`);
  out.push('');
  out.push('Lines (VND per person per month)        rural        urban');
  for (const line of Object.values(s.lines)) {
    const mark = line.confidence === 'C' ? '' : ` [${line.confidence}]`;
    out.push(`  ${(line.name + mark).padEnd(36)} ${money(line.values.rural).padStart(10)}   ${money(line.values.urban).padStart(10)}`);
  }
  out.push('');
  out.push('Classes (the first rule that holds decides)');
  for (const rule of s.classes) {
    const groups = rule.when.map((group) => group.map((c) => conditionText(c, s)).join(' and '));
    out.push(`  ${rule.class.padEnd(10)} ${groups.map((g) => (rule.when.length > 1 ? `(${g})` : g)).join(' or ')}`);
  }
  out.push(`  ${s.otherwise.padEnd(10)} otherwise`);
  if (usesFarmCondition(s)) {
    out.push('  "farm household": works in agriculture, forestry, fishery or salt-making (column farm_household: 1 or 0).');
    out.push('  When the roll does not carry farm_household, the recorded class says: recorded average = a farm household,');
    out.push('  any other recorded class = not one; with neither, a household the condition decides is unclassified (average or non_poor).');
  }
  out.push('');
  out.push(`Indicators (${s.indicators.length}; deprived in a class rule counts these)`);
  s.indicators.forEach((indicator, i) => {
    const mark = indicator.confidence === 'C' ? '' : ` [${indicator.confidence}]`;
    out.push(`  ${String(i + 1).padStart(2)}. ${indicator.code.padEnd(17)} ${indicator.dimension.padEnd(17)} ${indicator.label.vi}${mark}`);
  });
  if (s.score) {
    out.push('');
    out.push(`Review scores [${s.score.confidence}]${s.score.source ? ` (${s.score.source})` : ''}`);
    for (const [line, cutoffs] of Object.entries(s.score.b1Cutoffs)) {
      out.push(`  B1 ≤ ${cutoffs.rural} (rural) / ≤ ${cutoffs.urban} (urban) stands for income ≤ the ${line} line`);
    }
    out.push(`  B2 = ${s.score.b2PointsPerIndicator} points per deprived indicator`);
  }
  if (s.notes.length > 0) {
    out.push('');
    out.push('Notes');
    for (const note of s.notes) out.push(`  - ${note}`);
  }
  return out.join('\n') + '\n';
}

const SYMBOLS = { '<=': '≤', '<': '<', '>=': '≥', '>': '>' } as const;

function conditionText(condition: Condition, s: Standard): string {
  if (condition.subject === 'farm') return 'farm household';
  if (condition.subject === 'deprivations') return `deprivations ${SYMBOLS[condition.op]} ${condition.value}`;
  const values = s.lines[condition.line]!.values;
  const areas = (['rural', 'urban'] as Area[]).map((a) => money(values[a])).join('/');
  return `income ${SYMBOLS[condition.op]} ${condition.line} (${areas})`;
}

/** The standard as its definition file format, for `--json`. */
function toJson(s: Standard): unknown {
  return {
    id: s.id,
    title: s.title,
    legal_basis: s.legalBasis,
    review_years: s.reviewYears ? [s.reviewYears.from, s.reviewYears.to] : undefined,
    confidence: s.confidence,
    lines: Object.fromEntries(
      Object.values(s.lines).map((l) => [l.name, { rural: l.values.rural, urban: l.values.urban, label: l.label, confidence: l.confidence }]),
    ),
    classes: s.classes.map((r) => ({ class: r.class, when: r.when.map((g) => g.map((c) => c.text)) })),
    otherwise: s.otherwise,
    indicators: s.indicators.map((i) => ({
      code: i.code,
      dimension: i.dimension,
      vi: i.label.vi,
      en: i.label.en,
      confidence: i.confidence,
      deprived_when: i.deprivedWhen || undefined,
    })),
    score: s.score
      ? {
          confidence: s.score.confidence,
          source: s.score.source,
          b1_cutoffs: s.score.b1Cutoffs,
          b2_points_per_indicator: s.score.b2PointsPerIndicator,
        }
      : undefined,
    notes: s.notes,
  };
}
