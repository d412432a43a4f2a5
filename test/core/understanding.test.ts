import { describe, expect, it } from 'vitest';
import { matchHeading, nearestHeadings } from '../../src/core/ingest/fields.js';
import { listKind } from '../../src/core/ingest/title.js';
import { classifyShortfalls, codesShortfall, describeShortfalls, yearShortfall } from '../../src/core/needs.js';
import { StrayYearGuard } from '../../src/core/stray-years.js';
import { DEFAULT_VALUE_LIMITS, implausibleValue } from '../../src/core/value-checks.js';
import { builtInStandards } from '../../src/io/standard-files.js';
import { household } from '../support/households.js';

const nd07 = builtInStandards().find((s) => s.id === 'nd07-2021')!;

describe('headings seen in the field', () => {
  it.each([
    [['Thiếu hụt việc làm'], 'd_employment'],
    [['Thiếu hụt BHYT'], 'd_health_insurance'],
    [['Chỉ số thiếu hụt nước sinh hoạt'], 'd_water'],
    [['Bảo hiểm YT'], 'd_health_insurance'],
    [['NS hợp vệ sinh'], 'd_water'],
    [['Điểm A'], 'score_b1'],
    [['Điểm B'], 'score_b2'],
    [['Điểm phiếu B1'], 'score_b1'],
    [['Điểm phiếu B2'], 'score_b2'],
    [['Tổng điểm B1'], 'score_b1'],
    [['Kết quả phiếu rà soát nhanh'], 'review_details'],
    [['Người rà soát'], 'review_details'],
    [['Thời gian rà soát'], 'review_details'],
  ])('%j is %s', (parts, field) => {
    expect(matchHeading(parts)?.field).toBe(field);
  });

  it('reads "Thiếu hụt" only before an indicator', () => {
    expect(matchHeading(['Thiếu hụt thu nhập'])).toBeUndefined();
    expect(matchHeading(['Thiếu hụt'])).toBeUndefined();
  });

  it('suggests a near miss and never accepts it', () => {
    expect(matchHeading(['Thu nhậpp bình quân đầu người'])).toBeUndefined();
    expect(nearestHeadings('Thu nhậpp bình quân đầu người', 1)).toEqual([{ heading: 'Thu nhập bình quân đầu người', field: 'income_per_capita', distance: 1 }]);
    // A heading povroll knows needs no suggestion.
    expect(nearestHeadings('Thu nhập bình quân đầu người')).toEqual([]);
  });
});

describe('what a work needs', () => {
  const found = (fields: string[], unknownHeadings: string[] = []) => ({ fields: new Set(fields), unknownHeadings });
  const indicators = nd07.indicators.map((i) => `d_${i.code}`);

  it('names the missing income, with the heading the user may have meant', () => {
    const shortfalls = classifyShortfalls(found(['household_id', ...indicators], ['Thu nhậpp bình quân đầu người']), nd07);
    expect(shortfalls.map((s) => s.field)).toEqual(['income_per_capita']);
    expect(describeShortfalls(shortfalls, ['Thu nhậpp bình quân đầu người', 'Ghi chú 2'])).toBe(
      "no column of income per person (or of the B1 score); headings not understood: 'Ghi chú 2'; 'Thu nhậpp bình quân đầu người' is not a known heading; did you mean 'Thu nhập bình quân đầu người' (income_per_capita)? Add it with --map FILE",
    );
  });

  it('lists the headings not understood when none is a near miss', () => {
    const shortfalls = classifyShortfalls(found(['household_id']), null);
    expect(describeShortfalls(shortfalls, ['Cột lạ'])).toBe(
      "no column of income per person (or of the B1 score); headings not understood: 'Cột lạ'; name the column with --map FILE",
    );
  });

  it('needs every indicator of the standard, unless B2 or a count stands for them', () => {
    const withoutWater = indicators.filter((c) => c !== 'd_water');
    expect(classifyShortfalls(found(['income_per_capita', ...withoutWater]), nd07).map((s) => s.field)).toEqual(['d_water']);
    expect(classifyShortfalls(found(['income_per_capita', 'score_b2']), nd07)).toEqual([]);
    expect(classifyShortfalls(found(['score_b1', 'deprivation_total']), nd07)).toEqual([]);
    // Before the standard is known, only income is asked for.
    expect(classifyShortfalls(found(['income_per_capita']), null)).toEqual([]);
  });

  it('needs a review year and, to match years, household codes', () => {
    expect(yearShortfall(found(['income_per_capita']))?.fix).toBe('pass --year');
    expect(yearShortfall(found(['review_year']))).toBeNull();
    expect(codesShortfall(found(['income_per_capita']))?.field).toBe('household_id');
    expect(codesShortfall(found(['household_id']))).toBeNull();
  });
});

describe('values no household has', () => {
  it.each([
    [{ income: -500000 }, 'income_per_capita'],
    [{ members: 0 }, 'members'],
    [{ members: 51 }, 'members'],
    [{ scoreB2: -10 }, 'score_b2'],
    [{ deprivationTotal: 15 }, 'deprivation_total'],
  ])('%j is rejected in column %s', (facts, column) => {
    expect(implausibleValue(household(facts), DEFAULT_VALUE_LIMITS)?.column).toBe(column);
  });

  it('accepts the bounds themselves', () => {
    expect(implausibleValue(household({ income: 0, members: 1 }), DEFAULT_VALUE_LIMITS)).toBeNull();
    expect(implausibleValue(household({ members: 50 }), DEFAULT_VALUE_LIMITS)).toBeNull();
    expect(implausibleValue(household({ members: 60 }), { minMembers: 1, maxMembers: 60 })).toBeNull();
  });
});

describe('stray review years', () => {
  const run = (years: (number | null)[], limits = { holdLimit: 1000, strayShare: 0.05 }) => {
    const guard = new StrayYearGuard<number>(limits);
    const out: number[] = [];
    years.forEach((year, i) => guard.take(year, i, out));
    const { release, strays } = guard.finish();
    return { kept: [...out, ...release], strays: strays.map((s) => [s.item, s.year, s.mainYear, s.mainCount]) };
  };

  it('rejects a few rows of another year, wherever they sit', () => {
    const years = Array.from({ length: 100 }, () => 2024);
    years[0] = 2023;
    years[50] = 2023;
    const { kept, strays } = run(years);
    expect(kept).toHaveLength(98);
    expect(strays).toEqual([
      [0, 2023, 2024, 98],
      [50, 2023, 2024, 98],
    ]);
  });

  it('keeps a roll of two real years, in the order read, and rows of unknown year', () => {
    const { kept, strays } = run([2023, 2024, 2023, 2024, null]);
    expect(strays).toEqual([]);
    expect(kept.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4]);
  });

  it('lets a year go on once it is clearly part of the roll, so memory stays bounded', () => {
    const guard = new StrayYearGuard<number>({ holdLimit: 3, strayShare: 0.05 });
    const out: number[] = [];
    for (let i = 0; i < 4; i += 1) guard.take(2024, i, out);
    expect(out).toEqual([0, 1, 2, 3]);
  });
});

describe('lists of some households', () => {
  it.each([
    ['DANH SÁCH HỘ NGHÈO NĂM 2024', 'poor'],
    ['DANH SÁCH HỘ CẬN NGHÈO', 'near_poor'],
    ['DANH SÁCH HỘ NGHÈO, HỘ CẬN NGHÈO NĂM 2024', 'poor_and_near_poor'],
    ['DANH SÁCH HỘ THOÁT NGHÈO NĂM 2024', 'escaped'],
    ['Hộ nghèo', 'poor'],
    ['Thoát nghèo', 'escaped'],
    ['DANH SÁCH KẾT QUẢ RÀ SOÁT HỘ NGHÈO, HỘ CẬN NGHÈO NĂM 2024', null],
    ['Xã Hoa Thám', null],
    ['Hộ không nghèo', null],
  ])('%s is %s', (title, kind) => {
    expect(listKind(title)).toBe(kind);
  });
});
