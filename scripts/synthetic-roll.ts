/**
 * Synthetic canonical household rolls for the demo and the benchmark.
 * Every name is drawn from short lists of common syllables: no real person
 * or place is described. The same seed always gives the same roll.
 */
import { ROLL_COLUMNS } from '../src/core/roll.js';
import { INDICATOR_CODES } from '../src/core/indicators.js';

export interface SyntheticOptions {
  households: number;
  reviewYear: number;
  seed: number;
  provinces?: number;
  districtsPerProvince?: number;
  communesPerDistrict?: number;
  villagesPerCommune?: number;
  /** Income multiplier for a later year: the same households, a little richer. */
  incomeGrowth?: number;
}

/** mulberry32: tiny, fast, good enough for synthetic data. */
export function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý', 'Hà', 'Nông', 'Lục'];
const MIDDLE = ['Văn', 'Thị', 'Đức', 'Minh', 'Hữu', 'Ngọc', 'Quang', 'Xuân'];
const GIVEN = [
  'An',
  'Bình',
  'Chiến',
  'Dung',
  'Giang',
  'Hạnh',
  'Khánh',
  'Lan',
  'Mai',
  'Nam',
  'Phúc',
  'Quế',
  'Sơn',
  'Thảo',
  'Tùng',
  'Vân',
  'Yến',
  'Hòa',
  'Lộc',
  'Thủy',
];
const PLACE = [
  'Đông',
  'Tây',
  'Nam',
  'Bắc',
  'Tân',
  'Phú',
  'Hòa',
  'An',
  'Bình',
  'Lâm',
  'Sơn',
  'Thạch',
  'Hưng',
  'Xuân',
  'Vĩnh',
  'Thanh',
  'Kim',
  'Ngọc',
  'Hồng',
  'Minh',
];
const ETHNIC = ['Kinh', 'Tày', 'Nùng', 'Dao', 'Mông', 'Thái'];
const CAUSES = ['Thiếu đất sản xuất', 'Thiếu vốn', 'Thiếu lao động', 'Ốm đau, bệnh nặng', 'Thiếu kỹ năng lao động', ''];

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)]!;
}

function placeName(index: number, salt: number): string {
  const a = PLACE[(index * 7 + salt) % PLACE.length]!;
  const b = PLACE[(index * 3 + salt * 5 + 1) % PLACE.length]!;
  return a === b ? `${a} ${index + 1}` : `${a} ${b}`;
}

interface Unit {
  provinceCode: string;
  province: string;
  districtCode: string;
  district: string;
  communeCode: string;
  commune: string;
  urban: boolean;
  villages: string[];
}

export function syntheticUnits(options: SyntheticOptions): Unit[] {
  const units: Unit[] = [];
  const provinces = options.provinces ?? 1;
  const districts = options.districtsPerProvince ?? 3;
  const communes = options.communesPerDistrict ?? 4;
  const villages = options.villagesPerCommune ?? 4;
  for (let p = 0; p < provinces; p += 1) {
    const provinceCode = String(p + 1).padStart(2, '0');
    for (let d = 0; d < districts; d += 1) {
      const districtCode = String(p * districts + d + 1).padStart(3, '0');
      for (let c = 0; c < communes; c += 1) {
        const index = (p * districts + d) * communes + c;
        // The first commune of each district is a ward or township: urban.
        const urban = c === 0;
        units.push({
          provinceCode,
          province: `Tỉnh ${placeName(p, 11)}`,
          districtCode,
          district: `Huyện ${placeName(d + p, 3)}`,
          communeCode: String(index + 1).padStart(5, '0'),
          // Commune names repeat across districts, as they do in real provinces.
          commune: `${urban ? 'Thị trấn' : 'Xã'} ${placeName(c, 7)}`,
          urban,
          villages: Array.from({ length: villages }, (_, v) => (urban ? `Tổ dân phố ${v + 1}` : `Thôn ${placeName(v, 2)}`)),
        });
      }
    }
  }
  return units;
}

/** Rows of a canonical roll (header first). Household ids are stable across years for the same seed. */
export function* syntheticRoll(options: SyntheticOptions): Generator<string[]> {
  yield [...ROLL_COLUMNS];
  const units = syntheticUnits(options);
  const random = randomSource(options.seed * 7919 + options.reviewYear);
  const growth = options.incomeGrowth ?? 1;
  for (let i = 0; i < options.households; i += 1) {
    // Household-stable facts come from a per-household generator, so the same
    // household keeps its place and much of its profile from year to year.
    const stable = randomSource(options.seed * 104729 + i);
    const unit = units[i % units.length]!;
    const village = pick(stable, unit.villages);
    const poverty = unit.urban ? 2_000_000 : 1_500_000;
    // Log-uniform income: about one household in eight at or below the line.
    const baseIncome = poverty * Math.exp(stable() * 2.5 - 0.3);
    const income = Math.round((baseIncome * growth * (0.85 + random() * 0.3)) / 1000) * 1000;
    const hardship = income <= poverty ? 0.3 : income <= poverty * 1.5 ? 0.15 : 0.05;
    const members = 1 + Math.floor(stable() * 7);
    const ethnicity = stable() < 0.7 ? 'Kinh' : pick(stable, ETHNIC.slice(1));
    const flags = INDICATOR_CODES.map((code) => (code === 'health_access' || code === 'waste' ? '' : random() < hardship ? '1' : '0'));
    const deprivations = flags.filter((f) => f === '1').length;
    let recorded = income <= poverty ? (deprivations >= 3 ? 'poor' : 'near_poor') : income <= poverty * 1.5 ? 'average' : 'non_poor';
    if (random() < 0.02) recorded = pick(random, ['poor', 'near_poor', 'average', 'non_poor']);
    const unknownIncome = random() < 0.005;
    yield [
      `${unit.communeCode}-${String(i + 1).padStart(7, '0')}`,
      `${pick(stable, FAMILY)} ${pick(stable, MIDDLE)} ${pick(stable, GIVEN)}`,
      unit.provinceCode,
      unit.province,
      unit.districtCode,
      unit.district,
      unit.communeCode,
      unit.commune,
      village,
      unit.urban ? 'urban' : 'rural',
      String(options.reviewYear),
      String(members),
      unknownIncome ? '' : String(income),
      '',
      '',
      ...flags,
      ethnicity,
      ethnicity === 'Kinh' ? '0' : '1',
      stable() < 0.03 ? '1' : '0',
      stable() < 0.05 ? '1' : '0',
      stable() < 0.02 ? '1' : '0',
      stable() < 0.3 ? '1' : '0',
      recorded === 'poor' || recorded === 'near_poor' ? pick(random, CAUSES) : '',
      recorded,
      `synthetic#${options.reviewYear}!${i + 2}`,
    ];
  }
}
