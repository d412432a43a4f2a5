/**
 * Issue 10, as properties over generated canonical rolls: a roll that lacks
 * a column the work needs stops with one line naming it and leaves no
 * output; a roll compared with itself a year later shows no movement at all.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { referenceIndicators } from '../support/reference.js';
import { HEADER, records, row, runCli, tempDir } from '../support/run-cli.js';

const ND07 = referenceIndicators(2024);
/** The roll's columns: the canonical header without the review scores, so that income and marks are the only way to classify. */
const COLUMNS = HEADER.split(',').filter((c) => c !== 'score_b1' && c !== 'score_b2');

/** A canonical roll as CSV text, with only the given columns. */
function rollText(households: Record<string, string>[], columns: readonly string[]): string {
  const all = HEADER.split(',');
  const picks = columns.map((c) => all.indexOf(c));
  const lines = households.map((fields) => {
    const cells = row(fields).split(',');
    return picks.map((i) => cells[i]!).join(',');
  });
  return [columns.join(','), ...lines].join('\n') + '\n';
}

const marks = fc.array(fc.boolean(), { minLength: ND07.length, maxLength: ND07.length });

/** Fields of one household of a generated roll: income around the lines, marks, area, members. */
const household = fc.record({
  income: fc.oneof(
    fc.integer({ min: 0, max: 400 }).map((n) => n * 10_000),
    fc.constantFrom(1_500_000, 2_000_000, 2_250_000, 3_000_000),
  ),
  marks,
  urban: fc.boolean(),
  members: fc.integer({ min: 1, max: 8 }),
});

function fieldsOf(h: { income: number | null; marks: boolean[]; urban: boolean; members: number }, id: string): Record<string, string> {
  const fields: Record<string, string> = {
    household_id: id,
    area: h.urban ? 'urban' : 'rural',
    members: String(h.members),
    income_per_capita: h.income === null ? '' : String(h.income),
  };
  ND07.forEach((code, i) => (fields[`d_${code}`] = h.marks[i] ? '1' : '0'));
  return fields;
}

describe('issue 10 properties', () => {
  it('a canonical roll without a column it needs stops run with one error line naming that column, and writes nothing', async () => {
    const needed = ['income_per_capita', ...ND07.map((code) => `d_${code}`), 'review_year', 'area'];
    await fc.assert(
      fc.asyncProperty(fc.array(household, { minLength: 1, maxLength: 8 }), fc.constantFrom(...needed), async (households, dropped) => {
        const dir = tempDir();
        const roll = join(dir, 'roll.csv');
        writeFileSync(
          roll,
          rollText(
            households.map((h, i) => fieldsOf(h, `H${i + 1}`)),
            COLUMNS.filter((c) => c !== dropped),
          ),
        );
        const out = join(dir, 'out.xlsx');
        const { code, stderr } = await runCli(['run', roll, '-o', out]);
        expect(code, stderr).toBe(1);
        const errors = stderr.split('\n').filter((l) => l.startsWith('error:'));
        expect(errors, stderr).toHaveLength(1);
        expect(errors[0]).toContain(dropped);
        expect(existsSync(out)).toBe(false);
        expect(readdirSync(dir)).toEqual(['roll.csv']);
      }),
      { numRuns: 30 },
    );
  });

  it('compare of a roll with itself a year later: zero flows and zero changes at every level', async () => {
    const UNITS = [
      { district_code: '001', district: 'Huyện Một', commune_code: '00001', commune: 'Thị trấn Một' },
      { district_code: '001', district: 'Huyện Một', commune_code: '00002', commune: 'Xã Hai' },
      { district_code: '002', district: 'Huyện Hai', commune_code: '00003', commune: 'Xã Một' },
    ];
    const OTHER_FLOWS = [
      'poor_to_near_poor',
      'poor_escaped',
      'poor_other_decrease',
      'near_poor_to_poor',
      'poor_re_entered',
      'poor_new',
      'poor_other_increase',
      'near_poor_escaped',
      'near_poor_other_decrease',
      'near_poor_re_entered',
      'near_poor_new',
      'near_poor_other_increase',
    ];
    const roll = fc.record({
      year: fc.integer({ min: 2022, max: 2025 }),
      communes: fc.integer({ min: 1, max: 3 }),
      households: fc.array(fc.record({ h: household, unit: fc.nat() }), { minLength: 5, maxLength: 40 }),
      unknown: fc.array(fc.nat({ max: 39 }), { maxLength: 2 }),
    });
    await fc.assert(
      fc.asyncProperty(roll, async ({ year, communes, households, unknown }) => {
        const placed = households.map(({ h, unit }, i) => ({ ...h, income: unknown.includes(i) ? null : h.income, unit: UNITS[unit % communes]! }));
        // Incomes of the households listed in `unknown` are left blank (unclassified: absent from both years alike).
        // At most 60 % of each commune poor or near-poor (income at or below its line): more would make the roll a list of those only.
        for (const unit of UNITS) {
          // (povroll takes the share among the households it could classify.)
          const known = placed.filter((h) => h.unit === unit && h.income !== null);
          const low = known.filter((h) => h.income! <= (h.urban ? 2_000_000 : 1_500_000));
          for (const h of low.slice(Math.floor(0.6 * known.length))) h.income = 5_000_000;
        }
        const fields = placed.map((h, i) => ({ ...fieldsOf(h, `${h.unit.commune_code}-${String(i + 1).padStart(4, '0')}`), ...h.unit }));
        const dir = tempDir();
        const before = join(dir, 'before.csv');
        const after = join(dir, 'after.csv');
        writeFileSync(
          before,
          rollText(
            fields.map((f) => ({ ...f, review_year: String(year) })),
            COLUMNS,
          ),
        );
        writeFileSync(
          after,
          rollText(
            fields.map((f) => ({ ...f, review_year: String(year + 1) })),
            COLUMNS,
          ),
        );
        const out = join(dir, 'compare.csv');
        const { code, stderr } = await runCli(['compare', before, after, '--by', 'district,commune', '-o', out]);
        expect(code, stderr).toBe(0);
        const rows = records(readFileSync(out, 'utf8'));
        const districts = new Set(placed.map((h) => h.unit.district_code)).size;
        const communesUsed = new Set(placed.map((h) => h.unit.commune_code)).size;
        expect(rows.map((r) => r.level).sort()).toEqual([...Array(districts).fill('district'), ...Array(communesUsed).fill('commune'), 'total'].sort());
        for (const r of rows) {
          const where = `${r.level} ${r.district} ${r.commune}`;
          // A household without income may be poor (three or more deprivations) or near-poor (fewer): where more than
          // 5 % of an area's households may be of a class (--max-unclassified), its rate, and so its change, is unknown.
          const inArea = placed.filter(
            (h) => r.level === 'total' || (r.level === 'district' ? h.unit.district_code === r.district_code : h.unit.commune_code === r.commune_code),
          );
          const maybe = (poor: boolean) => inArea.filter((h) => h.income === null && h.marks.filter(Boolean).length >= 3 === poor).length;
          const change = (poor: boolean) => (maybe(poor) > 0.05 * inArea.length ? '' : '0.00');
          expect(r.poor_rate_change_pp, where).toBe(change(true));
          expect(r.near_poor_rate_change_pp, where).toBe(change(false));
          expect(r.poor_start, where).not.toBe('');
          expect(r.poor_end, where).toBe(r.poor_start);
          expect(r.near_poor_start, where).not.toBe('');
          expect(r.near_poor_end, where).toBe(r.near_poor_start);
          for (const flow of OTHER_FLOWS) expect(r[flow], `${where} ${flow}`).toBe('0');
        }
      }),
      { numRuns: 30 },
    );
  });
});
