import type { Level } from './areas.js';

export type Lang = 'vi' | 'en';

/** Report labels: Vietnamese by default (the forms of Circular 07/2021), English with `--lang en`. */
const LABELS = {
  province: { vi: 'Tỉnh', en: 'Province' },
  district: { vi: 'Huyện', en: 'District' },
  commune: { vi: 'Xã', en: 'Commune' },
  village: { vi: 'Thôn', en: 'Village' },
  provinceCode: { vi: 'Mã tỉnh', en: 'Province code' },
  districtCode: { vi: 'Mã huyện', en: 'District code' },
  communeCode: { vi: 'Mã xã', en: 'Commune code' },
  total: { vi: 'Tổng cộng', en: 'Total' },
  households: { vi: 'Tổng số hộ', en: 'Households' },
  persons: { vi: 'Tổng số nhân khẩu', en: 'Persons' },
  poor: { vi: 'Số hộ nghèo', en: 'Poor households' },
  poorRate: { vi: 'Tỷ lệ hộ nghèo (%)', en: 'Poor rate (%)' },
  nearPoor: { vi: 'Số hộ cận nghèo', en: 'Near-poor households' },
  nearPoorRate: { vi: 'Tỷ lệ hộ cận nghèo (%)', en: 'Near-poor rate (%)' },
  multidim: { vi: 'Hộ nghèo và cận nghèo', en: 'Poor and near-poor' },
  multidimRate: { vi: 'Tỷ lệ nghèo đa chiều (%)', en: 'Multidimensional poverty rate (%)' },
  average: { vi: 'Hộ có mức sống trung bình', en: 'Average living standard' },
  averageRate: { vi: 'Tỷ lệ hộ có mức sống trung bình (%)', en: 'Average living standard rate (%)' },
  unclassified: { vi: 'Chưa phân loại được', en: 'Unclassified' },
  poorPersons: { vi: 'Số khẩu nghèo', en: 'Poor persons' },
  poorPersonsRate: { vi: 'Tỷ lệ khẩu nghèo (%)', en: 'Poor persons rate (%)' },
  nearPoorPersons: { vi: 'Số khẩu cận nghèo', en: 'Near-poor persons' },
  nearPoorPersonsRate: { vi: 'Tỷ lệ khẩu cận nghèo (%)', en: 'Near-poor persons rate (%)' },
  poorHouseholds: { vi: 'Số hộ nghèo', en: 'Poor households' },
  totalDeprivations: { vi: 'Tổng số lượt thiếu hụt', en: 'Total deprivations' },
  count: { vi: 'Số hộ', en: 'Households' },
  share: { vi: 'Tỷ lệ (%)', en: 'Share (%)' },
  resultTitle: { vi: 'TỔNG HỢP KẾT QUẢ RÀ SOÁT HỘ NGHÈO, HỘ CẬN NGHÈO NĂM {year}', en: 'RESULT OF THE {year} REVIEW OF POOR AND NEAR-POOR HOUSEHOLDS' },
  byLevel: { vi: 'Theo đơn vị cấp {level}', en: 'By {level}' },
  deprivationTitle: {
    vi: 'TÌNH TRẠNG THIẾU HỤT CÁC DỊCH VỤ XÃ HỘI CƠ BẢN CỦA HỘ NGHÈO NĂM {year}',
    en: 'DEPRIVATIONS OF POOR HOUSEHOLDS IN BASIC SOCIAL SERVICES, {year}',
  },
  standardApplied: { vi: 'Chuẩn nghèo áp dụng', en: 'Standard applied' },
  deprivationSheet: { vi: 'Thiếu hụt', en: 'Deprivations' },
  infoSheet: { vi: 'Thông tin', en: 'Information' },
  infoTitle: { vi: 'THÔNG TIN VỀ BẢNG TỔNG HỢP', en: 'ABOUT THIS SUMMARY' },
  tool: { vi: 'Công cụ', en: 'Tool' },
  input: { vi: 'Tệp đầu vào', en: 'Input file' },
  sha256: { vi: 'SHA-256', en: 'SHA-256' },
  bytes: { vi: 'Dung lượng (byte)', en: 'Size (bytes)' },
  rowsHouseholds: { vi: 'Số hộ đọc được', en: 'Households read' },
  rowsRejected: { vi: 'Số dòng bị loại', en: 'Rows rejected' },
  memberRows: { vi: 'Số dòng thành viên gộp vào hộ', en: 'Member rows folded into households' },
  rowsSkipped: { vi: 'Số dòng bỏ qua', en: 'Rows skipped' },
  reviewYear: { vi: 'Năm rà soát', en: 'Review year' },
  legalBasis: { vi: 'Căn cứ pháp lý', en: 'Legal basis' },
  levels: { vi: 'Cấp tổng hợp', en: 'Levels' },
  totalsFile: { vi: 'Tệp tổng số hộ', en: 'Totals file' },
  standardOption: { vi: 'Chuẩn nghèo (tùy chọn)', en: 'Standard option' },
  item: { vi: 'Mục', en: 'Item' },
  value: { vi: 'Giá trị', en: 'Value' },
  unknownYear: { vi: 'không rõ năm', en: 'unknown year' },
  noName: { vi: '(không rõ)', en: '(unknown)' },
} as const satisfies Record<string, Record<Lang, string>>;

export type LabelKey = keyof typeof LABELS;

/** A label in the report language, with `{name}` placeholders filled in. */
export function label(key: LabelKey, lang: Lang, values: Record<string, string | number> = {}): string {
  return LABELS[key][lang].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
}

export function levelLabel(level: Level, lang: Lang): string {
  return label(level, lang);
}
