import { editDistance } from '../edit-distance.js';
import { EXTRA_ROLL_COLUMNS, ROLL_COLUMNS, type RollColumn } from '../roll.js';
import { keyWithoutParentheses, matchKey } from './match-key.js';

/**
 * What a source column can be: a canonical field, a deprivation indicator,
 * or something ingest uses without writing it (list number, a member's name
 * or birth year, the relationship to the head, marks per class).
 */
export const INGEST_FIELDS = [
  'stt',
  // Every canonical column but the source, which ingest writes itself.
  ...ROLL_COLUMNS.filter((column): column is Exclude<RollColumn, 'source'> => column !== 'source'),
  ...EXTRA_ROLL_COLUMNS,
  'person_name',
  'relationship',
  'birth_year_male',
  'birth_year_female',
  'birth_date',
  'sex',
  'citizen_id',
  'mark_poor',
  'mark_near_poor',
  'notes',
  'review_details',
] as const;
export type IngestField = (typeof INGEST_FIELDS)[number];

export function isIngestField(value: string): value is IngestField {
  return (INGEST_FIELDS as readonly string[]).includes(value);
}

/** Headings seen in real rolls (summarised in docs/roll.md), in Vietnamese and English. Matched by matchKey. */
const HEADINGS: Record<IngestField, readonly string[]> = {
  stt: ['STT', 'TT', 'Số TT', 'Số thứ tự', 'No', 'No.'],
  household_id: ['Mã hộ', 'Mã số hộ', 'Mã HGĐ', 'Mã hộ gia đình', 'Mã số hộ gia đình', 'Household code', 'Household ID', 'household_id'],
  head_name: ['Họ và tên chủ hộ', 'Chủ hộ', 'Tên chủ hộ', 'Họ tên chủ hộ', 'Họ và tên chủ hộ gia đình', 'Head of household', 'Household head', 'head_name'],
  person_name: [
    'Họ và tên',
    'Họ tên',
    'Họ tên chủ hộ/thành viên',
    'Họ và tên chủ hộ và thành viên',
    'Họ tên chủ hộ và các thành viên',
    'Họ và tên thành viên',
    'Họ tên thành viên',
    'Full name',
    'Name',
  ],
  relationship: ['Quan hệ với chủ hộ', 'Quan hệ', 'Mối quan hệ với chủ hộ', 'QH với chủ hộ', 'Relationship to head', 'Relationship'],
  birth_year_male: ['Năm sinh Nam', 'Ngày tháng năm sinh Nam', 'Year of birth Male'],
  birth_year_female: ['Năm sinh Nữ', 'Ngày tháng năm sinh Nữ', 'Year of birth Female'],
  birth_date: ['Năm sinh', 'Ngày sinh', 'Ngày tháng năm sinh', 'Ngày, tháng, năm sinh', 'Date of birth', 'Year of birth'],
  sex: ['Giới tính', 'Giới', 'Sex', 'Gender'],
  citizen_id: ['Số CCCD', 'CCCD', 'Số CMND', 'CMND', 'Số CMND/CCCD', 'Số định danh cá nhân', 'Số định danh', 'Citizen ID'],
  province_code: ['Mã tỉnh', 'Mã tỉnh/thành phố', 'Province code', 'province_code'],
  province: ['Tỉnh', 'Tỉnh/thành phố', 'Tỉnh, thành phố', 'Tên tỉnh', 'Province', 'province'],
  district_code: ['Mã huyện', 'Mã quận/huyện', 'District code', 'district_code'],
  district: ['Huyện', 'Quận/huyện', 'Quận, huyện', 'Huyện/thị xã/thành phố', 'Tên huyện', 'District', 'district'],
  commune_code: ['Mã xã', 'Mã xã/phường/thị trấn', 'Mã xã, phường, thị trấn', 'Commune code', 'commune_code'],
  commune: ['Xã', 'Xã/phường/thị trấn', 'Xã, phường, thị trấn', 'Xã/phường', 'Tên xã', 'Đơn vị', 'Commune', 'commune'],
  village: [
    'Thôn',
    'Bản',
    'Thôn, bản',
    'Thôn/bản',
    'Thôn, bản, tổ dân phố',
    'Thôn/tổ dân phố',
    'Tổ dân phố',
    'Tổ',
    'Ấp',
    'Khóm',
    'Thôn/xóm',
    'Xóm',
    'Village',
    'village',
  ],
  area: ['Khu vực', 'Khu vực (thành thị/nông thôn)', 'Thành thị/nông thôn', 'Area', 'area'],
  review_year: ['Năm rà soát', 'Năm', 'Review year', 'review_year'],
  members: [
    'Số nhân khẩu',
    'Số khẩu',
    'Nhân khẩu',
    'Số thành viên',
    'Số người',
    'Số nhân khẩu trong hộ',
    'Tổng số nhân khẩu',
    'Household size',
    'Members',
    'members',
  ],
  income_per_capita: [
    'Thu nhập bình quân',
    'Thu nhập BQ đầu người',
    'TNBQ',
    'Thu nhập bình quân đầu người',
    'Thu nhập bình quân người/tháng',
    'Thu nhập bình quân đầu người/tháng',
    'Thu nhập BQ',
    'TNBQ đầu người',
    'Income per capita',
    'income_per_capita',
  ],
  // Circular 07/2021 calls the income score "điểm A" on some forms and the deprivation score "điểm B".
  score_b1: ['Điểm B1', 'B1', 'Tổng điểm B1', 'Điểm phiếu B1', 'Điểm A', 'Tổng điểm A', 'Score B1', 'score_b1'],
  score_b2: ['Điểm B2', 'B2', 'Tổng điểm B2', 'Điểm phiếu B2', 'Điểm B', 'Tổng điểm B', 'Score B2', 'score_b2'],
  deprivation_total: [
    'Tổng số chỉ số thiếu hụt',
    'Số chỉ số thiếu hụt',
    'Tổng chỉ số thiếu hụt',
    'Số chỉ số thiếu hụt dịch vụ xã hội cơ bản',
    'Deprivations',
    'deprivation_total',
  ],
  d_employment: ['Việc làm', 'Employment'],
  d_dependents: ['Người phụ thuộc trong hộ gia đình', 'Người phụ thuộc', 'Người phụ thuộc trong hộ', 'Dependants', 'Dependents'],
  d_nutrition: ['Dinh dưỡng', 'Nutrition'],
  d_health_insurance: ['Bảo hiểm y tế', 'BHYT', 'Bảo hiểm YT', 'BH y tế', 'Health insurance'],
  d_health_access: ['Tiếp cận các dịch vụ y tế', 'Tiếp cận dịch vụ y tế', 'Health access', 'Access to health services'],
  d_adult_education: ['Trình độ giáo dục của người lớn', 'Trình độ giáo dục người lớn', 'Giáo dục người lớn', 'Adult education'],
  d_child_schooling: ['Tình trạng đi học của trẻ em', 'Tình trạng đi học của trẻ', 'Trẻ em đi học', 'Child schooling', 'Child school attendance'],
  d_housing_quality: ['Chất lượng nhà ở', 'Chất lượng', 'Nhà ở', 'Housing quality'],
  d_housing_area: [
    'Diện tích nhà ở bình quân đầu người',
    'Diện tích nhà ở',
    'DT nhà ở BQ',
    'Diện tích nhà ở BQ',
    'Diện tích nhà ở bình quân',
    'Diện tích',
    'Diện tích bình quân',
    'Floor area per person',
    'Housing area',
  ],
  d_water: [
    'Nguồn nước sinh hoạt',
    'Nước SH',
    'Nước sinh hoạt',
    'Nguồn nước sinh hoạt hợp vệ sinh',
    'Nguồn nước',
    'Nước sạch',
    'NS hợp vệ sinh',
    'Nước SH hợp vệ sinh',
    'Nước SHHVS',
    'Domestic water',
    'Water',
  ],
  d_latrine: [
    'Nhà tiêu hợp vệ sinh',
    'Nhà tiêu HVS',
    'Hố xí/nhà tiêu hợp vệ sinh',
    'Hố xí hợp vệ sinh',
    'Nhà tiêu',
    'NT hợp vệ sinh',
    'Hygienic latrine',
    'Latrine',
  ],
  d_telecom: [
    'Sử dụng dịch vụ viễn thông',
    'Dịch vụ viễn thông',
    'Viễn thông',
    'Sử dụng dịch vụ số, dịch vụ internet',
    'Dịch vụ số',
    'Telecom',
    'Use of telecommunication services',
  ],
  d_information: [
    'Phương tiện phục vụ tiếp cận thông tin',
    'Phương tiện tiếp cận TT',
    'Phương tiện tiếp cận thông tin',
    'Tài sản phục vụ tiếp cận thông tin',
    'Tiếp cận thông tin',
    'Means of information access',
    'Information',
  ],
  d_waste: ['Xử lý rác thải sinh hoạt', 'Rác thải', 'Xử lý rác thải', 'Waste', 'Household waste treatment'],
  ethnicity: ['Dân tộc', 'Thành phần dân tộc', 'Ethnicity', 'ethnicity'],
  ethnic_minority: ['Hộ DTTS', 'Hộ dân tộc thiểu số', 'DTTS', 'Dân tộc thiểu số', 'Ethnic minority', 'ethnic_minority'],
  merit_policy: ['Hộ có người có công', 'Hộ CSCC', 'Người có công', 'Hộ chính sách người có công', 'Có người có công', 'Merit policy', 'merit_policy'],
  social_protection: ['Hộ BTXH', 'Hộ bảo trợ xã hội', 'Bảo trợ xã hội', 'Thuộc chính sách bảo trợ xã hội', 'Social protection', 'social_protection'],
  no_labor_capacity: ['Hộ không có khả năng lao động', 'KCKNLĐ', 'Hộ KCKNLĐ', 'Không có khả năng lao động', 'No labour capacity', 'no_labor_capacity'],
  female_head: ['Chủ hộ là nữ', 'Chủ hộ nữ', 'Female head', 'female_head'],
  poverty_cause: ['Nguyên nhân nghèo', 'Nguyên nhân', 'Nguyên nhân nghèo, cận nghèo', 'Cause of poverty', 'poverty_cause'],
  recorded_class: ['Phân loại hộ', 'Kết quả rà soát', 'Kết luận rà soát', 'Phân loại', 'Kết quả phân loại', 'Loại hộ', 'Recorded class', 'recorded_class'],
  // Decree 07/2021 Art. 3(3): the average living standard is for farming, forestry, fishery and salt-making households.
  farm_household: [
    'Hộ làm nông, lâm, ngư, diêm nghiệp',
    'Hộ nông, lâm, ngư, diêm nghiệp',
    'Hộ NLNDN',
    'NLNDN',
    'Hộ làm nông nghiệp',
    'Hộ nông nghiệp',
    'Farm household',
    'farm_household',
  ],
  prior_status: [
    'Hộ nghèo cũ, mới, tái nghèo',
    'Cũ, mới, tái',
    'Phân loại cũ mới',
    'Tình trạng nghèo',
    'Diễn biến',
    'Hộ cũ/mới',
    'Prior status',
    'prior_status',
  ],
  mark_poor: ['Hộ nghèo', 'Nghèo'],
  mark_near_poor: ['Hộ cận nghèo', 'Cận nghèo'],
  notes: ['Ghi chú', 'Notes', 'Note'],
  // Facts of the review itself: known, so they are not reported as headings povroll did not understand, and not written.
  review_details: [
    'Kết quả phiếu rà soát nhanh',
    'Kết quả rà soát nhanh',
    'Phiếu A',
    'Người rà soát',
    'Cán bộ rà soát',
    'Điều tra viên',
    'Thời gian rà soát',
    'Ngày rà soát',
  ],
};

/** "Thiếu hụt việc làm", "Chỉ số thiếu hụt BHYT": an indicator named after the word for deprivation. */
const DEPRIVATION_PREFIX = /^(?:chi so )?(?:thieu hut|thieu) (.+)$/;

const BY_KEY = new Map<string, IngestField>();
for (const [field, headings] of Object.entries(HEADINGS) as [IngestField, readonly string[]][]) {
  for (const heading of headings) BY_KEY.set(matchKey(heading), field);
}
/** Keys of three words or more may also match the start of a longer heading. */
const PREFIXES = [...BY_KEY.keys()].filter((key) => key.split(' ').length >= 3).sort((a, b) => b.length - a.length);

/** A user's `--map` entries: heading (any spelling) → field, or null to leave the column out. */
export type HeadingOverrides = Map<string, IngestField | null>;

/** The field a heading names (null: left out on purpose), and whether the column's own heading said so or a group heading above it. */
interface HeadingMatch {
  field: IngestField | null;
  specificity: number;
}

/**
 * The field a column is, from its heading parts (group headings first, the
 * column's own heading last). The user's map wins; then the whole heading,
 * then each part from the most specific, each also without parenthesised
 * units; then the start of a long heading.
 */
export function matchHeading(parts: readonly string[], overrides: HeadingOverrides = new Map()): HeadingMatch | undefined {
  const texts = parts.filter((p) => p.trim() !== '');
  if (texts.length === 0) return undefined;
  // Specificity: the whole heading and the column's own heading rank above the groups above it.
  const candidates: [string, number][] = [[texts.join(' '), texts.length + 1], ...texts.map((t, i): [string, number] => [t, i + 1]).reverse()];
  for (const [text, specificity] of candidates) {
    const key = matchKey(text);
    if (overrides.has(key)) return { field: overrides.get(key)!, specificity };
  }
  for (const [text, specificity] of candidates) {
    for (const key of [matchKey(text), keyWithoutParentheses(text)]) {
      const field = BY_KEY.get(key) ?? indicatorAfterPrefix(key);
      if (field !== undefined) return { field, specificity };
    }
  }
  for (const [text, specificity] of candidates) {
    const key = keyWithoutParentheses(text);
    const prefix = PREFIXES.find((p) => key.startsWith(p + ' '));
    if (prefix !== undefined) return { field: BY_KEY.get(prefix)!, specificity };
  }
  return undefined;
}

/** The indicator a "Thiếu hụt …" heading names, when the rest is an indicator's heading. */
function indicatorAfterPrefix(key: string): IngestField | undefined {
  const rest = DEPRIVATION_PREFIX.exec(key)?.[1];
  if (rest === undefined) return undefined;
  const field = BY_KEY.get(rest);
  return field?.startsWith('d_') ? field : undefined;
}

/** A dictionary heading close to one povroll did not know. */
interface NearHeading {
  heading: string;
  field: IngestField;
  distance: number;
}

/**
 * The dictionary headings closest to a heading povroll did not know: a
 * near miss ("Thu nhậpp bình quân đầu người") is suggested to the user,
 * never accepted silently, since a wrong guess would fill a column with
 * another column's values.
 */
export function nearestHeadings(heading: string, count = 2): NearHeading[] {
  const key = keyWithoutParentheses(heading) || matchKey(heading);
  if (key === '' || BY_KEY.has(key) || BY_KEY.has(matchKey(heading))) return [];
  const scored: NearHeading[] = [];
  for (const [field, headings] of Object.entries(HEADINGS) as [IngestField, readonly string[]][]) {
    for (const candidate of headings) {
      const distance = editDistance(key, matchKey(candidate));
      // An exact match is already known: only near misses help the user.
      if (distance > 0 && distance <= Math.max(2, Math.floor(key.length / 4))) scored.push({ heading: candidate, field, distance });
    }
  }
  return scored.sort((a, b) => a.distance - b.distance).slice(0, count);
}
