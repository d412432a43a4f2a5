import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INDICATOR_HEADINGS, byDistrictAndCommune, writeDistrictWorkbook } from '../../scripts/messy-roll.js';
import {
  FORMULA_SUMMARY,
  INSTRUCTIONS,
  PERSON_ROWS_EXPECTED,
  asTcvn3,
  asVni,
  legacySheet,
  oneRowPerHouseholdRows,
  personRowsSheet,
  writeText,
  writeWorkbook,
} from '../support/roll-fixtures.js';
import { referenceRate } from '../support/reference.js';
import { areaKey, referenceAreas } from '../support/reference-areas.js';
import { DEMO_2023, DEMO_2024, records, runCli, tempDir } from '../support/run-cli.js';

async function ingest(args: string[], options: { cwd?: string } = {}) {
  const result = await runCli(['ingest', ...args], options);
  return { ...result, households: result.code === 0 ? records(result.stdout) : [] };
}

describe('povroll ingest: layouts', () => {
  it('reads person rows under a merged two-row header, with title, numbering, totals and footer', async () => {
    const dir = tempDir();
    const path = await writeWorkbook(join(dir, 'DS ho ngheo 2024.xlsx'), [INSTRUCTIONS, personRowsSheet('Xã Hoa Thám'), FORMULA_SUMMARY]);
    const { code, households, stderr } = await ingest([path]);
    expect(code).toBe(0);
    expect(households).toHaveLength(3);
    households.forEach((h, i) => {
      expect(h).toMatchObject(PERSON_ROWS_EXPECTED[i]!);
      expect(h).toMatchObject({ province: 'Tỉnh Lạng Sơn', district: 'Huyện Bình Gia', commune: 'Xã Hoa Thám', area: 'rural', review_year: '2024' });
    });
    expect(households[0]!.source).toBe(`${path}#Xã Hoa Thám!8`);
    expect(stderr).toContain('  sheet "Hướng dẫn": no roll here (no recognisable header); 3 rows skipped');
    expect(stderr).toContain(
      '  sheet "Xã Hoa Thám": 17 rows read = 3 households + 3 member rows + 0 rejected + 11 skipped (3 title, 2 header, 1 numbering, 1 total, 4 footer)',
    );
    expect(stderr).toContain('Ingested 3 households from 1 file (3 sheets)');
  });

  it('gives a folder of district workbooks the same households, classes and rates as the clean roll they were made from', async () => {
    const dir = tempDir();
    const clean = records(readFileSync(DEMO_2024, 'utf8'));
    for (const [district, communes] of byDistrictAndCommune(clean)) {
      await writeDistrictWorkbook(join(dir, `${district} 2024.xlsx`), communes, { incomeAsText: district.endsWith('Kim'), pageRows: 25 });
    }
    const { code, households } = await ingest([dir]);
    expect(code).toBe(0);
    const byId = new Map(households.map((h) => [h.household_id, h]));
    expect(byId.size).toBe(clean.length);
    const fields = [
      'head_name',
      'province',
      'district',
      'commune',
      'village',
      'area',
      'review_year',
      'members',
      'income_per_capita',
      'ethnicity',
      'ethnic_minority',
      'merit_policy',
      'female_head',
      'recorded_class',
      ...INDICATOR_HEADINGS.map(([c]) => `d_${c}`),
    ];
    for (const expected of clean) {
      const actual = byId.get(expected.household_id!)!;
      for (const field of fields) expect(actual[field], `${expected.household_id} ${field}`).toBe(expected[field]);
    }
    const ratesOf = async (roll: string) => {
      const out = join(tempDir(), 'c.csv');
      await runCli(['-q', 'classify', roll, '-o', out]);
      return records((await runCli(['-q', 'rates', out, '--by', 'district,commune'])).stdout).map((r) =>
        [r.level, r.district, r.commune, r.households, r.persons, r.poor, r.poor_rate, r.near_poor, r.near_poor_rate, r.average, r.unclassified].join('|'),
      );
    };
    const ingested = join(tempDir(), 'ingested.csv');
    await runCli(['-q', 'ingest', dir, '-o', ingested]);
    const fromWorkbooks = (await ratesOf(ingested)).sort();
    expect(fromWorkbooks).toEqual((await ratesOf(DEMO_2024)).sort());
    // Not only the same as the clean roll through the same commands: the counts of the clean roll's rows, classified by the reference.
    const areas = referenceAreas(DEMO_2024);
    const expected = [...areas].map(([key, a]) => {
      const [level] = key.split(':');
      const place = level === 'total' ? undefined : clean.find((r) => areaKey(level!, r) === key)!;
      return [
        level,
        place?.district ?? '',
        level === 'commune' ? place!.commune : '',
        a.households,
        a.persons,
        a.poor,
        referenceRate(a.poor, a.households),
        a.nearPoor,
        referenceRate(a.nearPoor, a.households),
        a.average,
        a.unclassified,
      ].join('|');
    });
    expect(expected).toHaveLength(1 + 3 + 12);
    expect(fromWorkbooks).toEqual(expected.sort());
  });

  it('reads one row per household from CSV in UTF-8 with BOM and ";", UTF-16 tab text, and Windows-1258', async () => {
    const dir = tempDir();
    const rows = oneRowPerHouseholdRows();
    const asText = (delimiter: string) => rows.map((r) => r.map(String).join(delimiter)).join('\r\n') + '\r\n';
    const files = [
      writeText(dir, 'bom-semicolon.csv', asText(';'), 'utf-8-bom'),
      writeText(dir, 'unicode-text.txt', asText('\t'), 'utf-16le'),
      // Windows-1258 has no ✓: offices that used it marked with x.
      writeText(dir, 'windows.csv', rows.map((r) => r.map((c) => `"${String(c).replace('✓', 'x')}"`).join(',')).join('\r\n'), 'windows-1258'),
    ];
    for (const file of files) {
      const { code, households, stderr } = await ingest([file, '--year', '2024']);
      expect(code, `${file}: ${stderr}`).toBe(0);
      expect(
        households.map((h) => [
          h.household_id,
          h.head_name,
          h.commune,
          h.area,
          h.members,
          h.income_per_capita,
          h.d_health_insurance,
          h.d_telecom,
          h.recorded_class,
        ]),
      ).toEqual([
        ['K-1', 'Sầm Văn Một', 'Phường Đông Kinh', 'urban', '4', '1950000', '1', '0', 'poor'],
        ['K-2', 'Sầm Thị Hai', 'Phường Đông Kinh', 'urban', '2', '2600000', '0', '0', 'average'],
        ['K-3', 'Lương Văn Ba', 'Xã Mai Pha', 'rural', '5', '1100000', '1', '1', 'near_poor'],
      ]);
      if (file.endsWith('.txt')) expect(stderr).toContain('(read as utf-16le)');
      if (file.startsWith(join(dir, 'windows'))) expect(stderr).toContain('(read as windows-1258)');
    }
  });

  it.each([
    ['TCVN3', asTcvn3, 'TCVN3 (ABC)'],
    ['VNI', asVni, 'VNI'],
  ])('converts %s legacy text to Unicode, with a notice', async (_, encode, name) => {
    const dir = tempDir();
    const path = await writeWorkbook(join(dir, 'legacy.xlsx'), [legacySheet(personRowsSheet('Xã Hoa Thám'), encode)]);
    const { code, households, stderr } = await ingest([path]);
    expect(code, stderr).toBe(0);
    expect(households.map((h) => [h.head_name, h.commune, h.ethnicity, h.recorded_class, h.income_per_capita])).toEqual([
      ['Lò Văn Một', 'Xã Hoa Thám', 'Tày', 'poor', '1200000'],
      ['Vi Thị Bốn', 'Xã Hoa Thám', 'Nùng', 'near_poor', '1450000'],
      ['Nông Văn Năm', 'Xã Hoa Thám', 'Kinh', 'average', '2100000'],
    ]);
    expect(stderr).toContain(`text in the legacy ${name} encoding, converted to Unicode`);
  });

  it('reads a header in decomposed Unicode (NFD) and writes composed text', async () => {
    const dir = tempDir();
    const spec = personRowsSheet('Xã Hoa Thám');
    const nfd = { ...spec, rows: spec.rows.map((r) => r.map((c) => (typeof c === 'string' ? c.normalize('NFD') : c))) };
    const { households } = await ingest([await writeWorkbook(join(dir, 'nfd.xlsx'), [nfd])]);
    expect(households[0]!.head_name).toBe('Lò Văn Một'.normalize('NFC'));
    expect(households[0]!.commune).toBe('Xã Hoa Thám');
  });
});

describe('povroll ingest: columns', () => {
  it('explains which column became which field, and which were unused', async () => {
    const dir = tempDir();
    const spec = personRowsSheet('Xã Hoa Thám');
    spec.rows[4]!.push('Chữ ký');
    const { stderr } = await ingest([await writeWorkbook(join(dir, 'r.xlsx'), [spec]), '--explain']);
    expect(stderr).toContain('    A   "STT" → stt (list number: marks household rows)');
    expect(stderr).toContain('    E   "Năm sinh / Nam" → birth_year_male (personal data; tells a male head)');
    expect(stderr).toContain('    J   "Các chỉ số thiếu hụt dịch vụ xã hội cơ bản / BHYT" → d_health_insurance');
    expect(stderr).toContain('    O   "Chữ ký" → unused (no known heading)');
  });

  it('takes headings the dictionary does not know from --map, and class codes too', async () => {
    const dir = tempDir();
    const csv = writeText(dir, 'r.csv', 'Số hiệu hộ,Người đại diện,Xã,Thu nhập,Loại\nX1,Tô Văn Một,Xã Mai Pha,1000000,A\nX2,Tô Văn Hai,Xã Mai Pha,3000000,C\n');
    const map = join(dir, 'map.json');
    writeFileSync(
      map,
      JSON.stringify({
        columns: { 'Số hiệu hộ': 'household_id', 'Người đại diện': 'head_name', 'Thu nhập': 'income_per_capita', Loại: 'recorded_class' },
        class_codes: { A: 'poor', C: 'non_poor' },
      }),
    );
    const { code, households } = await ingest([csv, '--map', map]);
    expect(code).toBe(0);
    expect(households.map((h) => [h.household_id, h.head_name, h.income_per_capita, h.recorded_class])).toEqual([
      ['X1', 'Tô Văn Một', '1000000', 'poor'],
      ['X2', 'Tô Văn Hai', '3000000', 'non_poor'],
    ]);
  });

  it('refuses a map naming an unknown field', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'map.json'), JSON.stringify({ columns: { 'Người đại diện': 'representative' } }));
    const { code, stderr } = await ingest([DEMO_2024, '--map', join(dir, 'map.json')]);
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /^error: Invalid map ".*map.json": columns."Người đại diện": unknown field "representative"; expected null or one of stt, household_id/,
    );
  });

  it('passes a canonical roll through in canonical column order', async () => {
    const { code, households } = await ingest([DEMO_2023]);
    expect(code).toBe(0);
    const clean = records(readFileSync(DEMO_2023, 'utf8'));
    expect(households).toHaveLength(clean.length);
    expect(households[5]).toEqual({ ...clean[5], deprivation_total: '', prior_status: '', farm_household: '' });
  });
});

describe('povroll ingest: location', () => {
  const rows = 'Mã hộ,Chủ hộ,Thôn,TNBQ\nL1,Mạc Văn Một,Thôn 1,900000\n';

  it('sets the units from options where the file has no such column', async () => {
    const dir = tempDir();
    const { households } = await ingest([
      writeText(dir, 'r.csv', rows),
      '--province',
      'Tỉnh Lạng Sơn',
      '--district',
      'Huyện Cao Lộc',
      '--commune',
      'Thị trấn Cao Lộc',
      '--year',
      '2024',
    ]);
    expect(households[0]).toMatchObject({
      province: 'Tỉnh Lạng Sơn',
      district: 'Huyện Cao Lộc',
      commune: 'Thị trấn Cao Lộc',
      area: 'urban',
      review_year: '2024',
    });
  });

  it('rejects rows whose commune nothing names, and says so', async () => {
    const dir = tempDir();
    const rejects = join(dir, 'rejects.csv');
    const { code, households, stderr } = await ingest([writeText(dir, 'r.csv', rows), '--rejects', rejects]);
    // Nothing survives: the run fails, but the reject list says why.
    expect(code).toBe(1);
    expect(households).toEqual([]);
    expect(stderr).toContain('no household was read; all 1 rows were rejected');
    expect(records(readFileSync(rejects, 'utf8'))).toMatchObject([
      {
        file: join(dir, 'r.csv'),
        sheet: '',
        row: '2',
        column: 'commune',
        reason: 'expected a commune: no commune column, --commune, sheet name or title names it, found ""',
      },
    ]);
    expect(stderr).toContain('  2 rows read = 0 households + 0 member rows + 1 rejected + 1 skipped (1 header)');
  });
});

describe('povroll ingest: duplicates', () => {
  const roll = 'Mã hộ,Chủ hộ,Xã,TNBQ,Năm rà soát\nD1,Một,Xã An,900000,2024\nD2,Hai,Xã An,900000,2024\nD1,Ba,Xã An,800000,2024\nD1,Bốn,Xã An,800000,2023\n';

  it.each([
    ['keep', ['Một', 'Hai', 'Ba', 'Bốn']],
    ['first', ['Một', 'Hai', 'Bốn']],
    ['last', ['Hai', 'Ba', 'Bốn']],
  ])('--on-duplicate %s', async (policy, heads) => {
    const dir = tempDir();
    const { code, households, stderr } = await ingest([writeText(dir, 'r.csv', roll), '--on-duplicate', policy, '--max-rejected', '50']);
    expect(code).toBe(0);
    expect(households.map((h) => h.head_name)).toEqual(heads);
    expect(stderr).toContain(
      `1 household code repeats within a review year (first: household code "D1" of review year 2024 appears at ${join(dir, 'r.csv')}!2 and ${join(dir, 'r.csv')}!4)`,
    );
  });

  it('--on-duplicate error stops with exit 1 and no output', async () => {
    const dir = tempDir();
    const out = join(dir, 'out.csv');
    const { code, stderr } = await ingest([writeText(dir, 'r.csv', roll), '--on-duplicate', 'error', '-o', out]);
    expect(code).toBe(1);
    expect(stderr).toContain('household code "D1" of review year 2024 appears at');
    expect(existsSync(out)).toBe(false);
  });
});

describe('povroll ingest: bad input', () => {
  async function fails(file: string, message: RegExp | string) {
    const out = join(tempDir(), 'out.csv');
    const { code, stderr, stdout } = await ingest([file, '-o', out]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    if (typeof message === 'string') expect(stderr).toContain(message);
    else expect(stderr).toMatch(message);
    expect(existsSync(out)).toBe(false);
  }

  it('a file that is not a spreadsheet', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'photo.csv'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
    await fails(join(dir, 'photo.csv'), 'it is not a spreadsheet; povroll reads .xlsx, .xlsm, .csv, .tsv, .xls and .ods rolls');
  });

  it('a corrupt workbook', async () => {
    const dir = tempDir();
    const path = await writeWorkbook(join(dir, 'whole.xlsx'), [personRowsSheet('Xã Hoa Thám')]);
    const bytes = readFileSync(path);
    writeFileSync(join(dir, 'broken.xlsx'), bytes.subarray(0, Math.floor(bytes.length / 2)));
    await fails(join(dir, 'broken.xlsx'), /Cannot read ".*broken.xlsx": the workbook is damaged \(/);
  });

  it('a password-protected workbook', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'locked.xlsx'), Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]));
    await fails(join(dir, 'locked.xlsx'), 'it is a password-protected (encrypted) workbook or a legacy .xls file; remove the password in Excel');
  });

  it('a zip bomb, refused from the sizes it declares before anything is unpacked', async () => {
    const dir = tempDir();
    const bytes = readFileSync(await writeWorkbook(join(dir, 'small.xlsx'), [personRowsSheet('Xã Hoa Thám')]));
    // Claim 4 GB for every entry in the central directory (signature 50 4B 01 02, uncompressed size at offset 24).
    for (let at = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); at >= 0; at = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), at + 4)) {
      bytes.writeUInt32LE(0xfffffff0, at + 24);
    }
    writeFileSync(join(dir, 'bomb.xlsx'), bytes);
    await fails(join(dir, 'bomb.xlsx'), /would unpack \d+ times its packed size \(a zip bomb\?\); povroll stops rather than fill the disk or memory/);
  });

  it('a sheet with no recognisable header names what it saw and the nearest headings', async () => {
    const dir = tempDir();
    const path = await writeWorkbook(join(dir, 'odd.xlsx'), [{ name: 'Sheet1', rows: [['Danh sách'], ['Số TT', 'Họ và tn chủ hộ', 'Đia chỉ', 'Ghi chu']] }]);
    await fails(
      path,
      'no sheet has a recognisable roll header (household code, head, name or STT with two more known columns); sheet "Sheet1" has "Số TT", "Họ và tn chủ hộ", "Đia chỉ", "Ghi chu" (nearest known headings: "Họ và tn chủ hộ" ≈ Họ và tên chủ hộ (head_name)); name the columns with --map FILE',
    );
  });

  it('an empty workbook', async () => {
    const dir = tempDir();
    await fails(await writeWorkbook(join(dir, 'empty.xlsx'), [{ name: 'Sheet1', rows: [] }]), 'the workbook is empty');
  });

  it('a legacy .xls without LibreOffice says what to do', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'old.xls'), Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]));
    const { code, stderr } = await runCli(['ingest', join(dir, 'old.xls')], { env: { PATH: '' } });
    expect(code).toBe(1);
    expect(stderr).toContain(
      'the legacy Excel (.xls) format is read through LibreOffice, which is not installed; install it (Debian/Ubuntu: apt-get install libreoffice-calc-nogui) or open the file in Excel and save it as .xlsx',
    );
  });

  it('--strict turns the first rejected row into exit 1', async () => {
    const dir = tempDir();
    const spec = personRowsSheet('Xã Hoa Thám');
    spec.rows[7]![7] = 'chưa điều tra';
    const { code, stderr } = await runCli(['ingest', await writeWorkbook(join(dir, 'r.xlsx'), [spec]), '--strict']);
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /^error: Cannot ingest roll ".*r.xlsx": sheet "Xã Hoa Thám" row 8, column "Thu nhập bình quân \(đồng\/người\/tháng\)": expected a number, found "chưa điều tra"\n$/,
    );
  });
});

describe('povroll ingest: legacy formats through LibreOffice', () => {
  it('converts .xls and .ods with the soffice it finds, and reads the result', async () => {
    const dir = tempDir();
    const converted = await writeWorkbook(join(dir, 'converted.xlsx'), [personRowsSheet('Xã Hoa Thám')]);
    // A stand-in soffice: writes the prepared workbook where LibreOffice would.
    const fake = join(dir, 'soffice');
    writeFileSync(
      fake,
      `#!/bin/sh\nfor last; do :; done\nout=""\nwhile [ $# -gt 0 ]; do [ "$1" = "--outdir" ] && out="$2"; shift; done\ncp "${converted}" "$out/$(basename "$last" | sed 's/\\.[^.]*$//').xlsx"\n`,
    );
    chmodSync(fake, 0o755);
    writeFileSync(join(dir, 'old.xls'), Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]));
    mkdirSync(join(dir, 'ods'));
    copyFileSync(converted, join(dir, 'ods', 'roll.ods'));
    for (const file of [join(dir, 'old.xls'), join(dir, 'ods', 'roll.ods')]) {
      const { code, stdout, stderr } = await runCli(['ingest', file], { env: { POVROLL_SOFFICE: fake } });
      expect(code, stderr).toBe(0);
      expect(records(stdout).map((h) => h.household_id)).toEqual(['HT-001', 'HT-002', 'HT-003']);
    }
    expect(readdirSync(dir).filter((n) => n.startsWith('povroll-convert'))).toEqual([]);
  });
});
