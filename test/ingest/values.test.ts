import { describe, expect, it } from 'vitest';
import { matchHeading } from '../../src/core/ingest/fields.js';
import { keyWithoutParentheses, matchKey } from '../../src/core/ingest/match-key.js';
import { titleFacts, yearInName } from '../../src/core/ingest/title.js';
import {
  DEFAULT_CLASS_CODES,
  type NumberStyle,
  areaOfUnit,
  areaValue,
  classValue,
  countValue,
  markValue,
  numberValue,
  priorStatusValue,
  textValue,
} from '../../src/core/ingest/values.js';

const fresh = (): NumberStyle => ({ style: null });

describe('matching keys', () => {
  it('ignores case, diacritics (đ included), spacing and punctuation, in NFC or NFD', () => {
    expect(matchKey('Họ và tên  chủ hộ:')).toBe('ho va ten chu ho');
    expect(matchKey('ĐỊA CHỈ')).toBe('dia chi');
    expect(matchKey('Họ và tên chủ hộ'.normalize('NFD'))).toBe('ho va ten chu ho');
    expect(keyWithoutParentheses('Thu nhập bình quân (đồng/người/tháng)')).toBe('thu nhap binh quan');
  });
});

describe('headings', () => {
  it.each([
    [['Họ và tên chủ hộ'], 'head_name'],
    [['Mã HGĐ'], 'household_id'],
    [['Số khẩu'], 'members'],
    [['Thu nhập bình quân (đồng/người/tháng)'], 'income_per_capita'],
    [['TNBQ'], 'income_per_capita'],
    [['Kết luận rà soát'], 'recorded_class'],
    [['Các chỉ số thiếu hụt dịch vụ xã hội cơ bản', 'BHYT'], 'd_health_insurance'],
    [['Các chỉ số thiếu hụt', 'Nhà ở', 'Diện tích'], 'd_housing_area'],
    [['Năm sinh', 'Nữ'], 'birth_year_female'],
    [['Năm sinh', 'Nam'], 'birth_year_male'],
    [['Hộ KCKNLĐ'], 'no_labor_capacity'],
    [['Thôn, bản'], 'village'],
    [['HỌ VÀ TÊN CHỦ HỘ'.normalize('NFD')], 'head_name'],
    [['Thu nhập bình quân đầu người/tháng của hộ (nghìn đồng)'], 'income_per_capita'],
  ])('%j is %s', (parts, field) => {
    expect(matchHeading(parts)?.field).toBe(field);
  });

  it('knows nothing of unrelated headings', () => {
    expect(matchHeading(['Chữ ký'])).toBeUndefined();
  });

  it('lets the user map override the dictionary', () => {
    const overrides = new Map([
      [matchKey('Chữ ký'), 'notes' as const],
      [matchKey('Dân tộc'), null],
    ]);
    expect(matchHeading(['Chữ ký'], overrides)?.field).toBe('notes');
    expect(matchHeading(['Dân tộc'], overrides)?.field).toBeNull();
  });
});

describe('values', () => {
  it.each([
    ['x', true],
    ['X', true],
    ['1', true],
    ['✓', true],
    ['có', true],
    ['Có', true],
    ['', false],
    ['0', false],
    ['không', false],
    ['-', false],
    [' ', false],
  ])('mark %j is %s', (text, value) => {
    expect(markValue(text, 'd_water')).toBe(value);
  });

  it('refuses a mark it cannot read, punctuation included', () => {
    expect(() => markValue('maybe', 'd_water')).toThrow('expected a mark (x, 1, ✓, có) or blank, found "maybe"');
    expect(() => markValue('?', 'd_water')).toThrow('found "?"');
  });

  it.each([
    ['1.500.000', 1_500_000],
    ['1.500.000 đ', 1_500_000],
    ['1.500.000đ', 1_500_000],
    ['25,95%', 25.95],
    ['123.0', 123],
    ['(1.234)', -1234],
    ['1,500,000', 1_500_000],
    ['1 500 000', 1_500_000],
    ['1.500', 1500],
  ])('number %j is %d', (text, value) => {
    expect(numberValue(text, 'income_per_capita', fresh())).toBe(value);
  });

  it('reads "1.500" in the style the column has shown', () => {
    const english = fresh();
    expect(numberValue('2,500.5', 'x', english)).toBe(2500.5);
    expect(numberValue('1.500', 'x', english)).toBe(1.5);
    const vietnamese = fresh();
    expect(numberValue('2.500,5', 'x', vietnamese)).toBe(2500.5);
    expect(numberValue('1.500', 'x', vietnamese)).toBe(1500);
  });

  it('reports a column that mixes number styles instead of guessing', () => {
    const style = fresh();
    expect(numberValue('1.500.000', 'income_per_capita', style)).toBe(1_500_000);
    expect(() => numberValue('1,500,000', 'income_per_capita', style)).toThrow('it mixes 1.500,5 and 1,500.5');
  });

  it('refuses text that is not a number', () => {
    expect(() => numberValue('một triệu', 'income_per_capita', fresh())).toThrow('expected a number, found "một triệu"');
    expect(() => countValue('3,5', 'members', fresh())).toThrow('expected a whole number, found "3,5"');
    expect(countValue('5 người', 'members', fresh())).toBe(5);
  });

  it.each([
    ['Hộ nghèo', 'poor'],
    ['NGHÈO', 'poor'],
    ['Hộ cận nghèo', 'near_poor'],
    ['Cận nghèo', 'near_poor'],
    ['Hộ có mức sống trung bình', 'average'],
    ['Hộ không nghèo', 'non_poor'],
    ['Thoát nghèo', 'non_poor'],
    ['Thoát nghèo, chuyển sang hộ cận nghèo', 'near_poor'],
    ['1', 'poor'],
    ['2', 'near_poor'],
    ['3', 'average'],
  ])('class %j is %s, matched whole, never as a substring', (text, value) => {
    expect(classValue(text, 'recorded_class', DEFAULT_CLASS_CODES)).toBe(value);
  });

  it('refuses an unknown class label', () => {
    expect(() => classValue('Hộ khá giả', 'recorded_class', DEFAULT_CLASS_CODES)).toThrow('found "Hộ khá giả"');
  });

  it('reads the area from a column or from the unit', () => {
    expect(areaValue('Thành thị', 'area')).toBe('urban');
    expect(areaValue('Nông thôn', 'area')).toBe('rural');
    expect(areaOfUnit('Phường Đông Kinh')).toBe('urban');
    expect(areaOfUnit('Thị trấn Na Sầm')).toBe('urban');
    expect(areaOfUnit('Xã Hoa Thám')).toBe('rural');
    expect(areaOfUnit('Hoa Thám')).toBeNull();
  });

  it('reads empty markers as empty text', () => {
    for (const text of ['--', '-', 'không có', ' ']) expect(textValue(text)).toBe('');
    expect(textValue('Thôn Nà Pàn')).toBe('Thôn Nà Pàn');
  });
});

describe('title block', () => {
  it('finds the units, the year and the list it is', () => {
    const facts = titleFacts(['UBND XÃ HOA THÁM', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'HUYỆN BÌNH GIA, TỈNH LẠNG SƠN', 'DANH SÁCH HỘ CẬN NGHÈO NĂM 2024']);
    expect(facts).toEqual({
      province: 'Tỉnh Lạng Sơn',
      district: 'Huyện Bình Gia',
      commune: 'Xã Hoa Thám',
      area: 'rural',
      year: 2024,
      listClass: 'near_poor',
      list: 'near_poor',
    });
  });

  it('reads "XÃ HOA THÁM, HUYỆN BÌNH GIA" on one line, and a ward as urban', () => {
    expect(titleFacts(['DANH SÁCH HỘ NGHÈO XÃ HOA THÁM, HUYỆN BÌNH GIA NĂM 2023'])).toMatchObject({
      commune: 'Xã Hoa Thám',
      district: 'Huyện Bình Gia',
      year: 2023,
      listClass: 'poor',
    });
    expect(titleFacts(['UBND PHƯỜNG ĐÔNG KINH', 'THÀNH PHỐ LẠNG SƠN'])).toMatchObject({
      commune: 'Phường Đông Kinh',
      district: 'Thành Phố Lạng Sơn',
      area: 'urban',
    });
    expect(titleFacts(['UBND THỊ XÃ A']).commune).toBe('');
  });

  it('takes a year from a file name only when there is one', () => {
    expect(yearInName('DS ho ngheo 2024.xlsx')).toBe(2024);
    expect(yearInName('rà soát 2023-2024.xlsx')).toBeNull();
    expect(yearInName('danh sach.xlsx')).toBeNull();
  });
});

describe('priorStatusValue', () => {
  it('reads the words lists use for a household against earlier years', () => {
    const cases: [string, string | null][] = [
      ['Nghèo cũ', 'continuing'],
      ['Hộ cận nghèo cũ', 'continuing'],
      ['Tái nghèo', 're_entered'],
      ['TÁI CẬN NGHÈO', 're_entered'],
      ['Nghèo mới', 'new'],
      ['Phát sinh mới', 'new'],
      ['', null],
      ['re_entered', 're_entered'],
    ];
    for (const [text, status] of cases) expect(priorStatusValue(text, 'prior_status'), text).toBe(status);
    expect(() => priorStatusValue('Nghèo', 'prior_status')).toThrow(/cũ, tái nghèo or mới/);
  });
});
