/**
 * Benchmark inputs, generated once into bench-data/ and reused: a canonical
 * roll of N households, and a raw roll of N person rows both as one messy
 * workbook (title block, merged header, household blocks, repeated headers,
 * footers; many commune sheets) and as a raw CSV export of the same layout.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { ROLL_COLUMNS } from '../src/core/roll.js';
import { formatCsv } from '../src/io/csv-format.js';
import { type CanonicalRecord, personRows, writeDistrictWorkbook } from '../scripts/messy-roll.js';
import { syntheticRoll } from '../scripts/synthetic-roll.js';
import { writeSyntheticRoll } from '../scripts/write-synthetic-roll.js';

const FOLDER = 'bench-data';

export async function canonicalRoll(households: number): Promise<string> {
  mkdirSync(FOLDER, { recursive: true });
  const file = join(FOLDER, `roll-${households}.csv`);
  if (!existsSync(file)) {
    process.stderr.write(`generating ${file}…\n`);
    await writeSyntheticRoll(file, households, 2024);
  }
  return file;
}

/** Households whose person rows add up to about `personRows`, grouped by commune. */
function householdsForPersonRows(personRows: number): Map<string, CanonicalRecord[]> {
  const communes = new Map<string, CanonicalRecord[]>();
  let rows = 0;
  const generator = syntheticRoll({ households: Math.ceil(personRows / 2), reviewYear: 2024, seed: 3, provinces: 1, districtsPerProvince: 8, communesPerDistrict: 5, villagesPerCommune: 5 });
  generator.next();
  for (const cells of generator) {
    const record = Object.fromEntries(ROLL_COLUMNS.map((c, i) => [c, cells[i]!])) as CanonicalRecord;
    // Commune names repeat across districts: the sheet name carries both to stay unique.
    const key = `${record.commune} ${record.district_code}`;
    let list = communes.get(key);
    if (!list) communes.set(key, (list = []));
    list.push(record);
    rows += Number(record.members);
    if (rows >= personRows) break;
  }
  return communes;
}

export async function messyWorkbook(personRowCount: number): Promise<string> {
  mkdirSync(FOLDER, { recursive: true });
  const file = join(FOLDER, `messy-${personRowCount}.xlsx`);
  if (!existsSync(file)) {
    process.stderr.write(`generating ${file} (takes a few minutes)…\n`);
    await writeDistrictWorkbook(file, householdsForPersonRows(personRowCount), { pageRows: 50, incomeAsText: false });
  }
  return file;
}

export async function messyCsv(personRowCount: number): Promise<string> {
  mkdirSync(FOLDER, { recursive: true });
  const file = join(FOLDER, `messy-${personRowCount}.csv`);
  if (existsSync(file)) return file;
  process.stderr.write(`generating ${file}…\n`);
  const out = createWriteStream(file);
  const write = async (rows: (string | number | null)[][]) => {
    if (!out.write(formatCsv(rows.map((r) => r.map((c) => (c === null ? '' : String(c))))))) await once(out, 'drain');
  };
  await write([['UBND XÃ MẪU'], ['DANH SÁCH HỘ NGHÈO, HỘ CẬN NGHÈO NĂM 2024'], []]);
  await write([['', 'STT', 'Mã hộ', 'Họ và tên', 'Quan hệ với chủ hộ', 'Năm sinh Nam', 'Năm sinh Nữ', 'Thôn', 'Thu nhập bình quân (đồng/người/tháng)', 'Việc làm', 'Người phụ thuộc', 'Dinh dưỡng', 'BHYT', 'Giáo dục người lớn', 'Trẻ em đi học', 'Chất lượng nhà ở', 'DT nhà ở BQ', 'Nước SH', 'Nhà tiêu HVS', 'Dịch vụ viễn thông', 'Phương tiện tiếp cận TT', 'Dân tộc', 'Hộ có người có công', 'Phân loại hộ', 'Xã', 'Ghi chú']]);
  let stt = 0;
  let batch: (string | number | null)[][] = [];
  for (const [commune, households] of householdsForPersonRows(personRowCount)) {
    for (const household of households) {
      for (const row of personRows(household, ++stt, { incomeAsText: true }, stt)) batch.push([...row.slice(0, 24), commune, null]);
      if (batch.length >= 5000) {
        await write(batch);
        batch = [];
      }
    }
  }
  await write(batch);
  out.end();
  await once(out, 'finish');
  return file;
}
