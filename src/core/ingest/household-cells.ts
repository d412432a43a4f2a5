import type { Area, HouseholdClass } from '../household.js';
import { INDICATOR_CODES } from '../indicators.js';
import { FieldError } from '../roll.js';
import type { IngestField } from './fields.js';
import type { SourceRow } from './header.js';
import { type Assume, INGEST_COLUMNS, type SheetContext } from './ingest-types.js';
import { matchKey } from './match-key.js';
import type { SectionState } from './row-kinds.js';
import { type SheetReading, lastValue } from './sheet-reading.js';
import { type TitleFacts, isGenericSheetName, listClass } from './title.js';
import {
  type RawCellValue,
  type NumberStyle,
  areaOfUnit,
  areaValue,
  classValue,
  countValue,
  markValue,
  numberValue,
  priorStatusValue,
  textValue,
  yearValue,
} from './values.js';

const INDICATOR_FIELDS = INDICATOR_CODES.map((code) => `d_${code}` as IngestField);
/** Position of each canonical column in a household's cells. */
export const OUT = Object.fromEntries(INGEST_COLUMNS.map((c, i) => [c, i])) as Record<(typeof INGEST_COLUMNS)[number], number>;

/** What the sheet as a whole says, for the households whose own row does not. */
interface SheetFacts {
  context: SheetContext;
  title: TitleFacts;
  /** The class the title or sheet name gives every household of the list. */
  sheetClass: HouseholdClass | null;
  /** Village and class named by the last section row. */
  section: SectionState;
  /** Notes that a household was read on an assumption. */
  assume: Assume;
}

/** The canonical cells of a household from its first row; throws FieldError for a value that does not fit. */
export type HouseholdCells = (row: SourceRow) => string[];

export function createHouseholdCells(reading: SheetReading, facts: SheetFacts): HouseholdCells {
  const { column, get, text } = reading;
  const { context, title, sheetClass, section, assume } = facts;
  const sourceName = context.sheet === null ? context.file : `${context.file}#${context.sheet}`;
  /** The last value seen in each location column, carried down over merged cells. */
  const above = new Map<IngestField, string>();
  const styles = new Map<IngestField, NumberStyle>();
  const style = (field: IngestField) => {
    let s = styles.get(field);
    if (s === undefined) styles.set(field, (s = { style: null }));
    return s;
  };
  let incomeScale = 1;
  // The law counts income a month; a heading "…/năm" (or "12 tháng") gives it a year.
  let incomePerYear = false;
  if (column.has('income_per_capita')) {
    const unit = matchKey(reading.heading('income_per_capita'));
    incomeScale = /\b(nghin|ngan)\b|\b1000 ?d\b/.test(unit) ? 1000 : /\btrieu\b/.test(unit) ? 1_000_000 : 1;
    incomePerYear = /\bnam\b|\b12 thang\b/.test(unit) && !/\bthang\b/.test(unit.replace(/\b12 thang\b/, ''));
  }

  // Rolls are sorted by place and class: consecutive households repeat these values, so each keeps its last answer.
  const areaOf = lastValue((value: RawCellValue) => areaValue(value, 'area'));
  const unitArea = lastValue(areaOfUnit);
  const minorityOf = lastValue((ethnicity: string) => (matchKey(ethnicity).replace(/^dan toc /, '') === 'kinh' ? '0' : '1'));
  const classOf = lastValue((value: RawCellValue) => classValue(value, 'recorded_class', context.classCodes));

  /** A location cell, or the value above it when the cell is empty (a merged range keeps its value in its first cell). */
  function location(row: SourceRow, field: IngestField): string {
    if (!column.has(field)) return '';
    const value = text(row, field);
    if (value !== '') {
      above.set(field, value);
      return value;
    }
    return above.get(field) ?? '';
  }

  function householdCells(row: SourceRow): string[] {
    const cells = new Array<string>(INGEST_COLUMNS.length).fill('');
    cells[OUT.household_id] = text(row, 'household_id');
    cells[OUT.head_name] = text(row, 'head_name') || text(row, 'person_name');
    const commune = location(row, 'commune') || communeFromElsewhere();
    const communeCode = location(row, 'commune_code');
    if (commune === '' && communeCode === '') {
      throw new FieldError('commune', '', 'a commune: no commune column, --commune, sheet name or title names it');
    }
    cells[OUT.province_code] = location(row, 'province_code');
    cells[OUT.province] = location(row, 'province') || context.defaults.province || title.province;
    cells[OUT.district_code] = location(row, 'district_code');
    cells[OUT.district] = location(row, 'district') || context.defaults.district || title.district;
    cells[OUT.commune_code] = communeCode;
    cells[OUT.commune] = commune;
    cells[OUT.village] = location(row, 'village') || section.village;
    const area: Area | null = areaOf(get(row, 'area')) ?? areaFromElsewhere(commune);
    cells[OUT.area] = area ?? '';
    const year = yearValue(get(row, 'review_year'), 'review_year') ?? yearFromElsewhere();
    cells[OUT.review_year] = year === null ? '' : String(year);
    cells[OUT.members] = numberText(countValue(get(row, 'members'), 'members', style('members')));
    cells[OUT.income_per_capita] = numberText(income(row));
    cells[OUT.score_b1] = numberText(numberValue(get(row, 'score_b1'), 'score_b1', style('score_b1')));
    cells[OUT.score_b2] = numberText(numberValue(get(row, 'score_b2'), 'score_b2', style('score_b2')));
    cells[OUT.deprivation_total] = numberText(countValue(get(row, 'deprivation_total'), 'deprivation_total', style('deprivation_total')));
    for (const field of INDICATOR_FIELDS) {
      if (column.has(field)) cells[OUT[field as (typeof INGEST_COLUMNS)[number]]] = markValue(get(row, field), field) ? '1' : '0';
    }
    const ethnicity = text(row, 'ethnicity');
    cells[OUT.ethnicity] = ethnicity;
    cells[OUT.ethnic_minority] = column.has('ethnic_minority') ? flag(row, 'ethnic_minority') : ethnicity === '' ? '' : minorityOf(ethnicity);
    cells[OUT.merit_policy] = flag(row, 'merit_policy');
    cells[OUT.social_protection] = flag(row, 'social_protection');
    cells[OUT.no_labor_capacity] = flag(row, 'no_labor_capacity');
    cells[OUT.female_head] = femaleHead(row);
    cells[OUT.poverty_cause] = text(row, 'poverty_cause');
    cells[OUT.recorded_class] = recordedClass(row) ?? '';
    cells[OUT.prior_status] = priorStatusValue(get(row, 'prior_status'), 'prior_status') ?? '';
    cells[OUT.farm_household] = farmHousehold(row, cells[OUT.recorded_class]!);
    cells[OUT.source] = `${sourceName}!${row.row}`;
    return cells;
  }

  function communeFromElsewhere(): string {
    if (context.defaults.commune) return context.defaults.commune;
    const fromSheet = sheetCommune(context.sheet);
    if (fromSheet !== '') {
      assume('assumeCommuneFromSheet');
      return fromSheet;
    }
    if (title.commune !== '') assume('assumeCommuneFromTitle');
    return title.commune;
  }

  function areaFromElsewhere(commune: string): Area | null {
    const fromUnit = unitArea(commune);
    if (fromUnit !== null) {
      assume('assumeAreaFromUnit');
      return fromUnit;
    }
    if (title.area !== null) {
      assume('assumeAreaFromTitle');
      return title.area;
    }
    return context.defaults.area ?? null;
  }

  function yearFromElsewhere(): number | null {
    if (context.defaults.year !== undefined) return context.defaults.year;
    if (title.year !== null) {
      assume('assumeYearFromTitle');
      return title.year;
    }
    if (context.fileYear !== null) assume('assumeYearFromFileName');
    return context.fileYear;
  }

  /** Income in VND a month; a heading in thousands ("nghìn đồng") or millions scales it, one per year divides it by 12. */
  function income(row: SourceRow): number | null {
    const value = numberValue(get(row, 'income_per_capita'), 'income_per_capita', style('income_per_capita'));
    if (value === null) return null;
    if (incomeScale === 1 && !incomePerYear) return value;
    if (incomeScale !== 1) assume(incomeScale === 1000 ? 'assumeIncomeThousands' : 'assumeIncomeMillions');
    if (incomePerYear) assume('assumeIncomePerYear');
    return Math.round((value * incomeScale) / (incomePerYear ? 12 : 1));
  }

  function flag(row: SourceRow, field: IngestField): string {
    if (!column.has(field)) return '';
    return markValue(get(row, field), field) ? '1' : '0';
  }

  /**
   * Whether the household farms (nông, lâm, ngư, diêm nghiệp), as a mark.
   * Without the column the cell stays empty, and classification takes the
   * fact from the recorded class (average: a farm household; any other
   * class: not one): noted, since the average class then rests on it.
   */
  function farmHousehold(row: SourceRow, recorded: string): string {
    if (column.has('farm_household')) return flag(row, 'farm_household');
    if (recorded !== '') assume('assumeFarmFromClass');
    return '';
  }

  function femaleHead(row: SourceRow): string {
    if (column.has('female_head')) return flag(row, 'female_head');
    if (column.has('birth_year_female') || column.has('birth_year_male')) {
      if (text(row, 'birth_year_female') !== '') return '1';
      if (text(row, 'birth_year_male') !== '') return '0';
      return '';
    }
    if (column.has('sex')) {
      const key = matchKey(text(row, 'sex'));
      if (key === 'nu' || key === 'female' || key === 'f') return '1';
      if (key === 'nam' || key === 'male' || key === 'm') return '0';
    }
    return '';
  }

  function recordedClass(row: SourceRow): HouseholdClass | null {
    if (column.has('recorded_class')) {
      const value = classOf(get(row, 'recorded_class'));
      if (value !== null) {
        const code = textValue(get(row, 'recorded_class'));
        if (/^\d+$/.test(code)) assume('assumeClassCode', { code, class: value });
        // "Thoát nghèo" says where the household came from as much as where it is: noted, since it is read as its class now.
        else if (/\bthoat\b/.test(matchKey(code))) assume('assumeEscapedClass', { label: code, class: value });
        return value;
      }
    }
    const poor = column.has('mark_poor') && markValue(get(row, 'mark_poor'), 'mark_poor');
    const nearPoor = column.has('mark_near_poor') && markValue(get(row, 'mark_near_poor'), 'mark_near_poor');
    if (poor && nearPoor) throw new FieldError('mark_near_poor', 'x', 'one mark: the household is marked both poor and near-poor');
    if (poor) return 'poor';
    if (nearPoor) return 'near_poor';
    if (section.householdClass !== null) return section.householdClass;
    if (sheetClass !== null) assume(title.listClass !== null ? 'assumeClassFromTitle' : 'assumeClassFromSheet', { class: sheetClass });
    return sheetClass;
  }

  return householdCells;
}

/** The commune a sheet's name gives: a name that is neither generic ("Sheet1") nor a list's class ("Hộ nghèo"). */
export function sheetCommune(sheet: string | null): string {
  return sheet !== null && !isGenericSheetName(sheet) && listClass(sheet) === null ? sheet : '';
}

function numberText(value: number | null): string {
  return value === null ? '' : String(value);
}
