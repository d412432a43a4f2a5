/**
 * Forms 4–5 and 6–7 give the indicators in the order the standard lists
 * them (its legal order), not in the order of povroll's indicator codes:
 * Decision 59/2015 lists access to health services before health insurance.
 * The expected order is read from the standard file itself.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from '../support/run-cli.js';

interface StandardFile {
  indicators: { code: string; vi: string }[];
}

describe('forms 4–7', () => {
  it('give the indicators of qd59-2015 in the standard file’s order', async () => {
    const standard = JSON.parse(readFileSync(join(ROOT, 'standards/qd59-2015.json'), 'utf8')) as StandardFile;
    const labels = standard.indicators.map((i) => i.vi);
    // The standard's first two are access to health services, then health insurance; the codes run the other way.
    expect(standard.indicators.slice(0, 2).map((i) => i.code)).toEqual(['health_access', 'health_insurance']);
    const lines = ['household_id,province,district,commune,area,review_year,members,standard,deprivation_count,deprived,class'];
    const deprived = 'health_access;health_insurance;water';
    for (let i = 0; i < 10; i += 1) {
      const klass = i < 2 ? 'poor' : i < 4 ? 'near_poor' : 'non_poor';
      const own = klass === 'poor' ? deprived : klass === 'near_poor' ? 'health_insurance' : '';
      lines.push([`H${i}`, 'Tỉnh Thử', 'Huyện Một', 'Xã Một', 'rural', 2019, 4, 'qd59-2015', own === '' ? 0 : own.split(';').length, own, klass].join(','));
    }
    const dir = tempDir();
    const roll = join(dir, 'classified-2019.csv');
    writeFileSync(roll, lines.join('\n') + '\n');
    const out = join(dir, 'summary.xlsx');
    const { code, stderr } = await runCli(['-q', 'report', roll, '-o', out]);
    expect(code, stderr).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    for (const name of ['Biểu 04-05', 'Biểu 06-07']) {
      const sheet = book.getWorksheet(name)!;
      expect(sheet, name).toBeDefined();
      // The indicators' names head their columns, in sheet order (each spans its count and share columns).
      const seen: string[] = [];
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          const text = String(cell.value);
          if (labels.includes(text) && !seen.includes(text)) seen.push(text);
        }),
      );
      expect(seen, name).toEqual(labels);
    }
  });
});
