import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SourceRow } from '../../src/core/ingest/header.js';
import { INGEST_COLUMNS, type SheetContext, createSheetIngester } from '../../src/core/ingest/sheet-ingester.js';
import { DEFAULT_CLASS_CODES, type RawCellValue } from '../../src/core/ingest/values.js';

function context(fields: Partial<SheetContext> = {}): SheetContext {
  return {
    file: 'roll.xlsx',
    sheet: 'Xã Hoa Thám',
    defaults: {},
    fileYear: null,
    overrides: new Map(),
    classCodes: DEFAULT_CLASS_CODES,
    fixText: null,
    ...fields,
  };
}

function rows(...lines: RawCellValue[][]): SourceRow[] {
  return lines.map((cells, i) => ({ row: i + 1, cells }));
}

function ingest(input: SourceRow[], ctx = context()) {
  const ingester = createSheetIngester(ctx);
  const pushed = ingester.push(input);
  const finished = ingester.finish();
  const households = [...pushed.households, ...finished.households].map((h) => Object.fromEntries(INGEST_COLUMNS.map((c, i) => [c, h.cells[i]])));
  return { households, rejects: [...pushed.rejects, ...finished.rejects], result: finished };
}

function total(counts: ReturnType<typeof ingest>['result']['counts']): number {
  return counts.households + counts.memberRows + counts.rejected + Object.values(counts.skipped).reduce((a, b) => a + b, 0);
}

const TITLE: RawCellValue[][] = [
  ['UBND XÃ HOA THÁM', null, null, null, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'],
  ['HUYỆN BÌNH GIA, TỈNH LẠNG SƠN'],
  [],
  ['DANH SÁCH HỘ NGHÈO, HỘ CẬN NGHÈO NĂM 2024'],
];

describe('a roll of person rows under a two-row merged header', () => {
  const input = rows(
    ...TITLE,
    [null, 'STT', 'Mã hộ', 'Họ và tên', 'Quan hệ với chủ hộ', 'Năm sinh', null, 'Thu nhập BQ đầu người', 'Các chỉ số thiếu hụt', null, null, 'Phân loại hộ'],
    [null, null, null, null, null, 'Nam', 'Nữ', null, 'BHYT', 'Nước SH', 'Nhà tiêu HVS', null],
    [null, 'A', 'B', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    [null, 1, 'H-01', 'Lò Văn Một', 'Chủ hộ', 1970, null, '1.200.000', 'x', 'x', 'x', 'Hộ nghèo'],
    [null, null, null, 'Lò Thị Hai', 'Vợ', null, 1972, null, null, null, null, null],
    [null, null, null, 'Lò Văn Ba', 'Con', 2001, null, null, null, null, null, null],
    [null, 'STT', 'Mã hộ', 'Họ và tên', 'Quan hệ với chủ hộ', 'Năm sinh', null, 'Thu nhập BQ đầu người', 'Các chỉ số thiếu hụt', null, null, 'Phân loại hộ'],
    [null, null, null, null, null, 'Nam', 'Nữ', null, 'BHYT', 'Nước SH', 'Nhà tiêu HVS', null],
    [null, 2, 'H-02', 'Hà Thị Bốn', 'Chủ hộ', null, 1980, 1400000, null, 'x', null, 'Hộ cận nghèo'],
    [],
    [null, null, null, 'Tổng cộng: 2 hộ'],
    [null, null, null, 'Hoa Thám, ngày 20 tháng 12 năm 2024'],
    [null, 'NGƯỜI LẬP BIỂU', null, null, null, null, null, null, 'TM. ỦY BAN NHÂN DÂN'],
    [null, 'Nguyễn Văn Lập', null, null, null, null, null, null, 'Hoàng Văn Tịch'],
  );

  it('writes one household per block with the head’s facts and the block size', () => {
    const { households, rejects } = ingest(input);
    expect(rejects).toEqual([]);
    expect(households).toHaveLength(2);
    expect(households[0]).toMatchObject({
      household_id: 'H-01',
      head_name: 'Lò Văn Một',
      province: 'Tỉnh Lạng Sơn',
      district: 'Huyện Bình Gia',
      commune: 'Xã Hoa Thám',
      area: 'rural',
      review_year: '2024',
      members: '3',
      income_per_capita: '1200000',
      d_health_insurance: '1',
      d_water: '1',
      d_latrine: '1',
      d_employment: '',
      female_head: '0',
      recorded_class: 'poor',
      source: 'roll.xlsx#Xã Hoa Thám!8',
    });
    expect(households[1]).toMatchObject({
      household_id: 'H-02',
      members: '1',
      female_head: '1',
      income_per_capita: '1400000',
      recorded_class: 'near_poor',
      d_water: '1',
      d_latrine: '0',
    });
  });

  it('accounts for every row: titles, header, numbering, repeats, blank, total, footer', () => {
    const { result } = ingest(input);
    expect(result.counts).toEqual({
      rowsRead: 18,
      households: 2,
      memberRows: 2,
      rejected: 0,
      skipped: { title: 4, header: 2, numbering: 1, 'repeated header': 2, section: 0, blank: 1, total: 1, footer: 3 },
    });
    expect(total(result.counts)).toBe(result.counts.rowsRead);
    expect(result.header!.columns[5]!.heading).toBe('Năm sinh / Nam');
    expect(result.header!.columns[6]!.heading).toBe('Năm sinh / Nữ');
    expect(result.header!.columns[9]!.heading).toBe('Các chỉ số thiếu hụt / Nước SH');
  });
});

describe('household blocks', () => {
  const header: RawCellValue[] = ['STT', 'Họ tên chủ hộ/thành viên', 'Quan hệ với chủ hộ', 'Số nhân khẩu', 'Thu nhập bình quân'];

  it('uses the size column when there is one, not the block size', () => {
    const { households } = ingest(rows(header, [1, 'Một', 'Chủ hộ', 5, 900000], [null, 'Hai', 'Con', null, null]));
    expect(households[0]).toMatchObject({ members: '5', head_name: 'Một' });
  });

  it('splits households by code when codes are repeated on member rows', () => {
    const input = rows(['Mã hộ', 'Họ và tên', 'Thôn', 'TNBQ'], ['A1', 'Một', 'Thôn 1', 900000], ['A1', 'Hai', null, null], ['A2', 'Ba', 'Thôn 2', 1000000]);
    const { households } = ingest(input);
    expect(households.map((h) => [h.household_id, h.members, h.village])).toEqual([
      ['A1', '2', 'Thôn 1'],
      ['A2', '1', 'Thôn 2'],
    ]);
  });

  it('reads one row per household when nothing marks members', () => {
    const input = rows(['Mã hộ', 'Chủ hộ', 'Số khẩu', 'Thu nhập bình quân'], ['B1', 'Một', 3, 900000], ['B2', 'Hai', 4, 2000000]);
    expect(ingest(input).households.map((h) => h.household_id)).toEqual(['B1', 'B2']);
  });

  it('rejects a household with a bad value, and its member rows with it, naming the column heading', () => {
    const input = rows(header, [1, 'Một', 'Chủ hộ', null, 'chưa rõ'], [null, 'Hai', 'Con', null, null], [2, 'Ba', 'Chủ hộ', null, 800000]);
    const { households, rejects, result } = ingest(input);
    expect(households.map((h) => h.head_name)).toEqual(['Ba']);
    expect(rejects.map((r) => [r.row, r.column, r.reason])).toEqual([
      [2, 'Thu nhập bình quân', 'expected a number, found "chưa rõ"'],
      [3, undefined, 'member of the household rejected at row 2'],
    ]);
    expect(result.counts).toMatchObject({ households: 1, memberRows: 0, rejected: 2 });
  });
});

describe('location', () => {
  const header: RawCellValue[] = ['STT', 'Chủ hộ', 'Thôn', 'TNBQ'];

  it('takes the commune from the user, then the sheet name, then the title', () => {
    const input = rows(['UBND XÃ TỪ TIÊU ĐỀ'], header, [1, 'Một', 'Thôn 1', 900000]);
    expect(ingest(input, context({ defaults: { commune: 'Xã Người Dùng' } })).households[0]!.commune).toBe('Xã Người Dùng');
    expect(ingest(input, context({ sheet: 'Xã Tên Trang' })).households[0]!.commune).toBe('Xã Tên Trang');
    expect(ingest(input, context({ sheet: 'Sheet1' })).households[0]!.commune).toBe('Xã Từ Tiêu Đề');
  });

  it('rejects a household whose commune nothing names, rather than guess', () => {
    const { households, rejects } = ingest(rows(header, [1, 'Một', 'Thôn 1', 900000]), context({ sheet: 'Sheet1' }));
    expect(households).toEqual([]);
    expect(rejects[0]!.reason).toBe('expected a commune: no commune column, --commune, sheet name or title names it, found ""');
  });

  it('takes the year from the column, the user, the title, then the file name', () => {
    const input = rows(['DANH SÁCH NĂM 2023'], header, [1, 'Một', 'Thôn 1', 900000]);
    expect(ingest(input, context({ defaults: { year: 2025 } })).households[0]!.review_year).toBe('2025');
    expect(ingest(input).households[0]!.review_year).toBe('2023');
    expect(ingest(rows(header, [1, 'Một', 'Thôn 1', 900000]), context({ fileYear: 2022 })).households[0]!.review_year).toBe('2022');
  });

  it('gives a single-class list its class, and reads marks per class', () => {
    const poorList = rows(['DANH SÁCH HỘ NGHÈO NĂM 2024'], header, [1, 'Một', 'Thôn 1', 900000]);
    expect(ingest(poorList).households[0]!.recorded_class).toBe('poor');
    const marked = rows(['STT', 'Chủ hộ', 'Hộ nghèo', 'Hộ cận nghèo', 'TNBQ'], [1, 'Một', null, 'x', 900000], [2, 'Hai', 'x', null, 800000]);
    expect(ingest(marked).households.map((h) => h.recorded_class)).toEqual(['near_poor', 'poor']);
  });
});

describe('sections and merged cells', () => {
  it('takes the village and class from section rows, and skips them', () => {
    const input = rows(
      ['STT', 'Mã hộ', 'Họ tên chủ hộ', 'Thu nhập bình quân'],
      ['I. Hộ nghèo'],
      ['Thôn Nà Pàn'],
      [1, 'S1', 'Một', 900000],
      ['Thôn Khau Ràng'],
      [2, 'S2', 'Hai', 800000],
      ['II. Hộ cận nghèo'],
      [3, 'S3', 'Ba', 1000000],
    );
    const { households, result } = ingest(input);
    expect(households.map((h) => [h.household_id, h.village, h.recorded_class])).toEqual([
      ['S1', 'Thôn Nà Pàn', 'poor'],
      ['S2', 'Thôn Khau Ràng', 'poor'],
      ['S3', 'Thôn Khau Ràng', 'near_poor'],
    ]);
    expect(result.counts.skipped.section).toBe(4);
  });

  it('carries a merged village cell down to the households below it', () => {
    const input = rows(
      ['STT', 'Thôn', 'Chủ hộ', 'TNBQ'],
      [1, 'Thôn 1', 'Một', 900000],
      [2, null, 'Hai', 900000],
      [3, 'Thôn 2', 'Ba', 900000],
      [4, null, 'Bốn', 900000],
    );
    expect(ingest(input).households.map((h) => h.village)).toEqual(['Thôn 1', 'Thôn 1', 'Thôn 2', 'Thôn 2']);
  });

  it('rejects a household code with no data rather than write an empty household', () => {
    const { households, rejects } = ingest(rows(['STT', 'Mã hộ', 'Chủ hộ', 'TNBQ'], [1, 'E1', null, null], [2, 'E2', 'Hai', 900000]));
    expect(households.map((h) => h.household_id)).toEqual(['E2']);
    expect(rejects.map((r) => [r.row, r.reason])).toEqual([[2, 'a household code or number with no data']]);
  });
});

describe('finding the header', () => {
  it('finds a header starting at row 10 and column D, and three merged rows', () => {
    const pad = (cells: RawCellValue[]) => [null, null, null, ...cells];
    const input = rows(
      ...Array.from({ length: 9 }, (_, i) => [i === 0 ? 'UBND XÃ BA HÀNG' : null]),
      pad(['STT', 'Họ tên chủ hộ', 'Các chỉ số thiếu hụt', null, null]),
      pad([null, null, 'Nhà ở', null, 'Nước sạch và vệ sinh']),
      pad([null, null, 'Chất lượng', 'Diện tích', 'Nhà tiêu']),
      pad([1, 'Một', 'x', null, 'x']),
    );
    const { households, result } = ingest(input, context({ sheet: 'Sheet1' }));
    expect(result.header!.first).toBe(9);
    expect(result.header!.columns.slice(3).map((c) => c.field)).toEqual(['stt', 'head_name', 'd_housing_quality', 'd_housing_area', 'd_latrine']);
    expect(households[0]).toMatchObject({ commune: 'Xã Ba Hàng', d_housing_quality: '1', d_housing_area: '0', d_latrine: '1' });
  });

  it('says a sheet without a header holds no roll, and counts its rows as skipped', () => {
    const { result } = ingest(rows(['Hướng dẫn'], ['Điền dấu x vào các cột chỉ số'], ['Tên', 'Tuổi']));
    expect(result.header).toBeNull();
    expect(result.counts.rowsRead).toBe(3);
    expect(total(result.counts)).toBe(3);
    expect(result.closest).toEqual(['Tên', 'Tuổi']);
  });
});

describe('properties', () => {
  it('every row read is a household, a member row, a rejected or a skipped row', () => {
    const row = fc.oneof(
      fc.constant<RawCellValue[]>([]),
      fc
        .tuple(
          fc.integer({ min: 1, max: 99 }),
          fc.constantFrom('Một', 'Hai'),
          fc.constantFrom('Chủ hộ', 'Con'),
          fc.constantFrom<RawCellValue>(900000, 'sai', null),
        )
        .map((t) => [...t]),
      fc.tuple(fc.constant(null), fc.constantFrom('Ba', 'Tổng cộng'), fc.constantFrom('Vợ', 'Con', null)).map((t) => [...t]),
      fc.constant<RawCellValue[]>(['NGƯỜI LẬP BIỂU']),
      fc.constant<RawCellValue[]>(['STT', 'Họ và tên', 'Quan hệ với chủ hộ', 'Thu nhập bình quân']),
    );
    fc.assert(
      fc.property(fc.array(row, { maxLength: 40 }), fc.integer({ min: 1, max: 10 }), (body, chunk) => {
        const input = rows(['UBND XÃ AN'], ['STT', 'Họ và tên', 'Quan hệ với chủ hộ', 'Thu nhập bình quân'], ...body);
        const ingester = createSheetIngester(context());
        let households = 0;
        for (let i = 0; i < input.length; i += chunk) households += ingester.push(input.slice(i, i + chunk)).households.length;
        const result = ingester.finish();
        households += result.households.length;
        expect(total(result.counts)).toBe(input.length);
        expect(result.counts.households).toBe(households);
      }),
    );
  });
});
