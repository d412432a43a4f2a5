import { describe, expect, it } from 'vitest';
import { StandardDefinitionError, parseStandard } from '../../src/core/standard.js';
import { selectByReviewYear } from '../../src/core/standard-choice.js';
import { FieldError } from '../../src/core/roll.js';
import { household, standardFile } from '../support/households.js';

function definition(): Record<string, unknown> {
  return {
    id: 'local-2024',
    lines: { poverty: { rural: 2_000_000, urban: 2_500_000 } },
    classes: [
      { class: 'poor', when: [['income <= poverty', 'deprivations >= 3']] },
      { class: 'near_poor', when: [['income <= poverty', 'deprivations < 3']] },
    ],
    indicators: [{ code: 'water' }, { code: 'latrine' }, { code: 'telecom' }],
  };
}

/** The message the definition is refused with; fails the test when it is accepted. */
function errorOf(json: unknown): string {
  let message = '';
  expect(() => {
    try {
      parseStandard(json);
    } catch (error) {
      message = (error as Error).message;
      throw error;
    }
  }).toThrow(StandardDefinitionError);
  return message;
}

describe('standard definition files', () => {
  it('reads the built-in standards with their lines, rules and indicators', () => {
    const nd07 = standardFile('nd07-2021');
    expect(nd07.lines.poverty!.values).toEqual({ rural: 1_500_000, urban: 2_000_000 });
    expect(nd07.lines.average!.values).toEqual({ rural: 2_250_000, urban: 3_000_000 });
    expect(nd07.indicators).toHaveLength(12);
    expect(nd07.reviewYears).toEqual({ from: 2022, to: 2026 });
    expect(nd07.score?.b1Cutoffs.poverty).toEqual({ rural: 140, urban: 175 });
    expect(nd07.classes.map((r) => r.class)).toEqual(['poor', 'near_poor', 'average']);
    expect(standardFile('qd59-2015').indicators).toHaveLength(10);
    expect(standardFile('nd351-2025').lines.average).toBeUndefined();
  });

  it('accepts a local standard of the same format', () => {
    const local = parseStandard(definition());
    expect(local.id).toBe('local-2024');
    expect(local.otherwise).toBe('non_poor');
    expect(local.reviewYears).toBeNull();
    expect(local.classes[0]!.when[0]![1]).toMatchObject({ subject: 'deprivations', op: '>=', value: 3 });
  });

  it('refuses a line without an urban value', () => {
    const json = definition();
    json.lines = { poverty: { rural: 2_000_000 } };
    expect(errorOf(json)).toBe('lines.poverty.urban: is missing: every line needs a rural and an urban value');
  });

  it('refuses a standard without a poverty line', () => {
    const json = definition();
    json.lines = { low: { rural: 1, urban: 2 } };
    expect(errorOf(json)).toBe('lines.poverty: is missing: every standard needs a poverty line');
  });

  it('refuses a bad operator, naming the rule', () => {
    const json = definition();
    json.classes = [{ class: 'poor', when: [['income =< poverty']] }];
    expect(errorOf(json)).toBe('classes[0].when[0][0]: "income =< poverty": unknown operator "=<"; expected one of <=, <, >=, >');
  });

  it('refuses a rule naming a line that does not exist', () => {
    const json = definition();
    json.classes = [{ class: 'poor', when: [['income <= near_poverty']] }];
    expect(errorOf(json)).toBe('classes[0].when[0][0]: "income <= near_poverty": no line named "near_poverty"; lines are poverty');
  });

  it('refuses unknown indicators and classes', () => {
    const json = definition();
    json.indicators = [{ code: 'electricity' }];
    expect(errorOf(json)).toBe('indicators[0].code: unknown indicator "electricity"');
    const other = definition();
    other.classes = [{ class: 'rich', when: [['income > poverty']] }];
    expect(errorOf(other)).toBe('classes[0].class: unknown class "rich"; expected poor, near_poor, average or non_poor');
  });
});

describe('choosing the standard by review year', () => {
  const select = selectByReviewYear(['qd59-2015', 'nd07-2021', 'nd351-2025'].map(standardFile));

  it.each([
    [2016, 'qd59-2015'],
    [2021, 'qd59-2015'],
    [2022, 'nd07-2021'],
    [2026, 'nd07-2021'],
    [2027, 'nd351-2025'],
    [2030, 'nd351-2025'],
  ])('review year %d uses %s', (year, id) => {
    expect(select(household({ reviewYear: year }))?.id).toBe(id);
  });

  it('has no standard for a year outside them, and says which years have one', () => {
    expect(() => select(household({ reviewYear: 2015 }))).toThrow(FieldError);
    expect(() => select(household({ reviewYear: 2031 }))).toThrow('a review year with a standard (2016–2030; or pass --standard), found "2031"');
  });

  it('leaves a household without a year to be unclassified', () => {
    expect(select(household({ reviewYear: null }))).toBeNull();
  });
});
