/**
 * Short, truncated and damaged inputs of every format, through the real
 * command line: whatever the bytes, povroll answers with an exit code of the
 * contract and, on failure, one line naming the file, never an internal
 * error (issue 10, item 7: a 1-byte CSV crashed the format sniffer).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_2024, ROOT, runCli, tempDir } from '../support/run-cli.js';

const DEMO_WORKBOOK = join(ROOT, 'fixtures/demo/raw/Huyện Bắc Kim 2024.xlsx');

type Command = 'classify' | 'ingest' | 'rates' | 'run';
const COMMANDS: readonly Command[] = ['classify', 'ingest', 'rates', 'run'];

/** Every extension povroll reads: the sniffer looks at the bytes first, then at the name. */
const EXTENSIONS = ['.csv', '.tsv', '.txt', '.xlsx', '.xlsm', '.xls', '.ods'] as const;

function argsFor(command: Command, file: string): string[] {
  if (command === 'rates') return ['rates', file, '--by', 'commune'];
  if (command === 'run') return ['run', file, '-o', 'out.xlsx'];
  return [command, file];
}

let dir: string;
let written = 0;

/**
 * Writes the bytes under a fresh name (a year in it, so a readable roll has
 * its review year) and runs the command on it, from the file's folder.
 */
async function runOn(command: Command, bytes: Uint8Array, extension: string) {
  written += 1;
  const file = `roll ${written} 2024${extension}`;
  writeFileSync(join(dir, file), bytes);
  // No PATH: .xls and .ods then stop at "LibreOffice is not installed" instead of starting it.
  const result = await runCli(argsFor(command, file), { cwd: dir, env: {} });
  return { ...result, command, file };
}

/** The contract of the command line for any input: see the file comment. */
function expectContract(result: { command: Command; code: number; stderr: string; file: string }): void {
  expect([0, 1, 2]).toContain(result.code);
  expect(result.stderr).not.toContain('an internal error');
  const lines = result.stderr.split('\n').filter((line) => line.trim() !== '');
  const errors = lines.filter((line) => line.startsWith('error: '));
  if (result.code === 0) {
    expect(errors).toEqual([]);
    return;
  }
  // Info lines may come before a failure; the error is one line, the last, and names the file
  // (or, for run, the summary it could not write: "the rolls hold no household").
  expect(errors).toHaveLength(1);
  expect(lines.at(-1)).toBe(errors[0]);
  const names = errors[0]!.includes(`"${result.file}"`) || (result.command === 'run' && errors[0]!.includes('"out.xlsx"'));
  expect(names, `the error names the file: ${errors[0]}`).toBe(true);
}

/** Checks the contract inside a property, with the input in the message when it fails. */
async function holds(command: Command, bytes: Uint8Array, extension: string): Promise<void> {
  const result = await runOn(command, bytes, extension);
  try {
    expectContract(result);
  } catch (error) {
    const shown = Buffer.from(bytes.subarray(0, 64)).toString('hex');
    throw new Error(
      `${command} ${result.file} (${bytes.length} bytes, starting ${shown}): exit ${result.code}, stderr:\n${result.stderr}\n${(error as Error).message}`,
    );
  }
}

/** A small roll as an office types it: title naming the commune, header with every indicator of 2024, three households. */
const SMALL_ROLL: (string | number | null)[][] = [
  ['UBND XÃ HOA THÁM'],
  ['HUYỆN BÌNH GIA, TỈNH LẠNG SƠN'],
  ['DANH SÁCH HỘ NGHÈO, HỘ CẬN NGHÈO NĂM 2024'],
  [
    'STT',
    'Mã hộ',
    'Họ và tên chủ hộ',
    'Thôn',
    'Số nhân khẩu',
    'Thu nhập bình quân (đồng/người/tháng)',
    'Việc làm',
    'Người phụ thuộc',
    'Dinh dưỡng',
    'Bảo hiểm y tế',
    'Giáo dục người lớn',
    'Trẻ em đi học',
    'Chất lượng nhà ở',
    'Diện tích nhà ở',
    'Nước sinh hoạt',
    'Nhà tiêu HVS',
    'Viễn thông',
    'Tiếp cận thông tin',
    'Phân loại hộ',
  ],
  [1, 'HT-001', 'Lò Văn Một', 'Thôn Nà Pàn', 3, 1200000, 'x', null, null, 'x', null, null, 'x', null, 'x', 'x', null, null, 'Hộ nghèo'],
  [2, 'HT-002', 'Vi Thị Bốn', 'Thôn Khau Ràng', 1, 1450000, null, null, null, 'x', null, null, null, null, null, null, null, 'x', 'Hộ cận nghèo'],
  [3, 'HT-003', 'Nông Văn Năm', 'Thôn Nà Pàn', 2, 2100000, null, null, null, null, null, null, null, null, null, null, null, null, 'Hộ có mức sống trung bình'],
];

async function smallWorkbook(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Xã Hoa Thám');
  SMALL_ROLL.forEach((cells, r) => {
    cells.forEach((value, c) => {
      if (value !== null) sheet.getCell(r + 1, c + 1).value = value;
    });
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** Excel's "Unicode text": UTF-16LE with a byte-order mark, tab-separated. */
function smallUtf16Text(): Buffer {
  const text = SMALL_ROLL.map((cells) => cells.map((c) => (c === null ? '' : String(c))).join('\t')).join('\r\n') + '\r\n';
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
}

/**
 * The workbook with the packed data of one entry damaged: 0xff opens a
 * deflate block of the reserved type, so zlib stops with "invalid block type".
 */
function withDamagedEntry(zip: Buffer, name: string): Buffer {
  const copy = Buffer.from(zip);
  for (let at = copy.indexOf('PK\x03\x04'); at >= 0; at = copy.indexOf('PK\x03\x04', at + 4)) {
    const nameLength = copy.readUInt16LE(at + 26);
    if (copy.toString('latin1', at + 30, at + 30 + nameLength) !== name) continue;
    copy[at + 30 + nameLength + copy.readUInt16LE(at + 28)] = 0xff;
    return copy;
  }
  throw new Error(`the workbook has no entry "${name}"`);
}

interface Source {
  name: string;
  bytes: Buffer;
  extension: string;
}

let sources: Source[];

beforeAll(async () => {
  dir = tempDir();
  sources = [
    { name: 'demo roll (CSV)', bytes: readFileSync(DEMO_2024), extension: '.csv' },
    { name: 'demo raw workbook', bytes: readFileSync(DEMO_WORKBOOK), extension: '.xlsx' },
    { name: 'small UTF-16 text', bytes: smallUtf16Text(), extension: '.txt' },
    { name: 'small workbook', bytes: await smallWorkbook(), extension: '.xlsx' },
  ];
});

describe('tiny files', () => {
  it('a CSV holding just "4" is a roll without a header, not an internal error', async () => {
    const result = await runOn('classify', Buffer.from('4'), '.csv');
    expect(result.code).toBe(1);
    expect(result.stderr).not.toContain('internal error');
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]!.startsWith(`error: Cannot read "${result.file}": `), lines[0]).toBe(true);
    expect(result.stderr).toContain('recognisable roll header');
  });

  it('reads 1-, 2- and 3-byte text files as text', async () => {
    for (const text of ['4', 'ab', 'ab\n', 'x;y', '"']) {
      for (const command of COMMANDS) {
        const result = await runOn(command, Buffer.from(text), '.csv');
        expectContract(result);
        expect(result.code).toBe(1);
        expect(result.stderr).not.toContain('not a spreadsheet');
      }
    }
  });

  it('says a 1-, 2- or 3-byte .xlsx file is not a workbook', async () => {
    for (const bytes of [[0x34], [0x50, 0x4b], [0x50, 0x4b, 0x03], [0xd0, 0xcf, 0x11]]) {
      const result = await runOn('classify', Buffer.from(bytes), '.xlsx');
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(`error: Cannot read "${result.file}": it is not a .xlsx workbook (the file is damaged or of another kind)\n`);
    }
  });

  it('says a 0-byte .csv file is empty', async () => {
    const result = await runOn('classify', Buffer.alloc(0), '.csv');
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`error: Cannot read "${result.file}": the file is empty (no header row)\n`);
  });

  it('says a workbook whose XML does not unpack is damaged, not that reading it failed', async () => {
    const book = sources.find((s) => s.name === 'small workbook')!.bytes;
    const result = await runOn('classify', withDamagedEntry(book, 'xl/workbook.xml'), '.xlsx');
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`error: Cannot read "${result.file}": the workbook is damaged (invalid block type)\n`);
  });

  it('names the sheet whose XML does not unpack', async () => {
    const book = sources.find((s) => s.name === 'small workbook')!.bytes;
    const result = await runOn('ingest', withDamagedEntry(book, 'xl/worksheets/sheet1.xml'), '.xlsx');
    expectContract(result);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n').at(-1)).toBe(`error: Cannot read "${result.file}": sheet "Xã Hoa Thám": the sheet is damaged (invalid block type)`);
  });

  it('keeps the contract for every cut of 0 to 8 bytes of every source, with every command', async () => {
    for (const source of sources) {
      for (let length = 0; length <= 8; length += 1) {
        for (const command of COMMANDS) await holds(command, source.bytes.subarray(0, length), source.extension);
      }
    }
  }, 60_000);
});

describe('properties', () => {
  // Random bytes rarely start like a zip or an OLE file: put those signatures in front of some.
  const signature = fc.constantFrom<number[]>(
    [],
    [],
    [0x50, 0x4b, 0x03, 0x04],
    [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
    [0xff, 0xfe],
    [0xef, 0xbb, 0xbf],
  );
  const shortBytes = fc.tuple(signature, fc.uint8Array({ maxLength: 64 })).map(([head, tail]) => Uint8Array.from([...head, ...tail]).subarray(0, 64));

  it('short random files of every extension keep the contract', async () => {
    await fc.assert(
      fc.asyncProperty(shortBytes, fc.constantFrom(...EXTENSIONS), fc.constantFrom(...COMMANDS), async (bytes, extension, command) => {
        await holds(command, bytes, extension);
      }),
      { numRuns: 80 },
    );
  }, 60_000);

  it('truncated real inputs keep the contract', async () => {
    // Sources by index, so that a counterexample names one instead of printing its bytes.
    const source = fc.nat(sources.length - 1);
    // A byte count near the start (signatures, BOMs, the first header), or a cut anywhere in the file.
    const cut = fc.oneof(
      fc.integer({ min: 0, max: 8 }).map((bytes) => ({ bytes })),
      fc.integer({ min: 0, max: 512 }).map((bytes) => ({ bytes })),
      fc.integer({ min: 0, max: 10_000 }).map((tenThousandths) => ({ tenThousandths })),
    );
    await fc.assert(
      fc.asyncProperty(source, cut, fc.constantFrom(...COMMANDS), async (which, at, command) => {
        const input = sources[which]!;
        const size = input.bytes.length;
        const length = 'bytes' in at ? Math.min(at.bytes, size) : Math.floor((at.tenThousandths * size) / 10_000);
        await holds(command, input.bytes.subarray(0, length), input.extension);
      }),
      { numRuns: 60 },
    );
  }, 60_000);

  it('workbooks with bytes flipped (and sometimes cut) keep the contract', async () => {
    const workbooks = () => sources.filter((s) => s.extension === '.xlsx');
    // The local headers at the start and the central directory at the end are where damage bites first.
    const flip = fc.record({ region: fc.constantFrom('start', 'anywhere', 'end'), offset: fc.nat(), xor: fc.integer({ min: 1, max: 255 }) });
    await fc.assert(
      fc.asyncProperty(
        fc.nat(1),
        fc.array(flip, { minLength: 1, maxLength: 8 }),
        fc.option(fc.integer({ min: 5_000, max: 10_000 })),
        fc.constantFrom(...COMMANDS),
        async (which, flips, keep, command) => {
          const original = workbooks()[which]!.bytes;
          const bytes = Buffer.from(original);
          for (const { region, offset, xor } of flips) {
            const span = region === 'anywhere' ? bytes.length : Math.min(bytes.length, 256);
            const at = region === 'end' ? bytes.length - 1 - (offset % span) : offset % span;
            bytes[at] = bytes[at]! ^ xor;
          }
          const length = keep === null ? bytes.length : Math.floor((keep * bytes.length) / 10_000);
          await holds(command, bytes.subarray(0, length), '.xlsx');
        },
      ),
      { numRuns: 60 },
    );
  }, 60_000);

  it('the intact sources are readable, so the cuts above start from real rolls', async () => {
    for (const source of sources) {
      const result = await runOn('classify', source.bytes, source.extension);
      expect(result.stderr, source.name).not.toContain('error');
      expect(result.code, source.name).toBe(0);
    }
  });
});
