/**
 * Issue 11, item 4: the terminal in Vietnamese. Every line povroll prints on
 * stderr (summaries, warnings, errors, usage errors) and its help exist in
 * Vietnamese and English, chosen by --lang (or the settings file), else by
 * the environment (POVROLL_LANG, else a Vietnamese locale), English
 * otherwise. The report labels stay Vietnamese unless --lang says otherwise.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { phrasebookEntries, toVietnamese } from '../../src/io/phrasebook-vi.js';
import { languageOfEnvironment } from '../../src/io/terminal-language.js';
import { DEMO_2023, DEMO_2024, HEADER, ROOT, row, runCli, tempDir } from '../support/run-cli.js';

const TRAPS = join(ROOT, 'fixtures/traps');
const RAW = join(ROOT, 'fixtures/demo/raw/Huyện Bắc Kim 2024.xlsx');
const TARGETS = join(ROOT, 'examples/targets-lang-son-2021-2025.json');
const VI = { POVROLL_LANG: 'vi' };
const EN = { POVROLL_LANG: 'en' };

type Env = Record<string, string>;
const povroll = (argv: string[], env: Env = {}, cwd?: string, stdin?: string) =>
  runCli(argv, { env, ...(cwd !== undefined && { cwd }), ...(stdin !== undefined && { stdin }) });
const lines = (text: string) => text.split('\n').filter((l) => l !== '');

// ---------------------------------------------------------------------------
// Words left in the other language
// ---------------------------------------------------------------------------

/** What the user wrote or a name stands for, which no language check looks at. */
function withoutNames(line: string): string {
  return (
    line
      // Paths into JSON files: columns."Thu nhập", classes[0].when[0][0].
      .replace(/\b\w+\.(?=")/g, ' ')
      // Quoted text, and '…' as a quote (not the apostrophe of "column's").
      .replace(/"[^"]*"|“[^”]*”/g, ' ')
      .replace(/(?<![\p{L}\p{N}'])'[^']*'(?![\p{L}\p{N}])/gu, ' ')
      // Paths and file names.
      .replace(/\S*[/\\]\S*/g, ' ')
      .replace(/\S+\.(?:csv|tsv|txt|xlsx|xlsm|xls|ods|json|parquet|duckdb)\b\S*/g, ' ')
      .replace(/\b\w+(?:\[\d+\]|\.\w+)*\[\d+\]\S*/g, ' ')
      // Option names, argument names, field names after an arrow (--explain), lists of codes or keys.
      .replace(/--?[a-zA-Z][\w-]*(?:=\S*)?/g, ' ')
      .replace(/<[^>]*>|\[[\w.|]+\]/g, ' ')
      .replace(/→ \S+/g, ' ')
      .replace(/\b[a-z_]+(?=: (?:cần|expected)\b)/g, ' ')
      .replace(/^ {2}[a-z.]+(?= {2,})/, ' ')
      .replace(/\b[a-z_]+(?:, [a-z_]+){2,}\b/g, ' ')
      // Sheet names: the sheets a summary was written with, and those check reports on.
      .replace(/\(\d+ (?:sheets?|trang tính): .*\)$/, ' ')
      .replace(/^.*?: (?=(?:[\d,]+ rows? checked|đã kiểm tra))/, ' ')
      .replace(/^(?:not in a form layout, not checked|không theo mẫu biểu, không kiểm tra): .*$/, (l) => l.replace(/: .*$/, ''))
  );
}

/** Words of English sentences (the brief's stop words and their like): none may be left in Vietnamese output. */
const ENGLISH = new Set(
  (
    'the of and is are no not cannot rows row households household expected found file files column columns warning error sheet sheets ' +
    'roll rolls with from for was were has have this that used rejected skipped unknown missing give pass see list classified areas area ' +
    'year years income total only empty invalid usage options commands arguments examples default choices output write print does it its ' +
    'than more less each every any all none their there which when where what how be been would should could will must may into out on at ' +
    'but if else nor read wrote standard'
  ).split(' '),
);

function englishWords(line: string): string[] {
  if (/^\s*\$ /.test(line)) return []; // an example command line
  const words = withoutNames(line).match(/[\p{L}_][\p{L}\p{N}_'’-]*/gu) ?? [];
  return words.filter((w) => !/[_\d]/.test(w) && w !== w.toUpperCase() && ENGLISH.has(w.toLowerCase()));
}

/**
 * Vietnamese words of the phrasebook (with a Vietnamese letter) that no
 * English message carries itself: "xã", "hộ nghèo" or "tái nghèo" stand in
 * some English messages as glosses, so they do not count.
 */
const VIETNAMESE = (() => {
  const words = (text: string) => (text.toLowerCase().match(/\p{L}+/gu) ?? []).filter((w) => /[^\p{ASCII}]/u.test(w));
  const english = new Set(phrasebookEntries().flatMap((e) => words(e.english)));
  return new Set(
    phrasebookEntries()
      .flatMap((e) => words(e.vietnamese))
      .filter((w) => !english.has(w)),
  );
})();

function vietnameseWords(line: string): string[] {
  if (/^\s*\$ /.test(line)) return [];
  const words =
    withoutNames(line)
      .toLowerCase()
      .match(/\p{L}+/gu) ?? [];
  return words.filter((w) => VIETNAMESE.has(w));
}

/** The lines of an output that hold words of the wrong language, with those words. */
function wrongLanguage(text: string, lang: 'vi' | 'en'): string[] {
  return lines(text).flatMap((line) => {
    const found = lang === 'vi' ? englishWords(line) : vietnameseWords(line);
    return found.length > 0 ? [`[${found.join(', ')}] ${line}`] : [];
  });
}

// ---------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------

/** A folder of inputs for the scenarios, written once. */
function makeInputs(): string {
  const dir = tempDir();
  const at = (name: string) => join(dir, name);
  const canonical = (rows: string[]) => `${[HEADER, ...rows].join('\n')}\n`;
  writeFileSync(at('bad.csv'), canonical([row({ household_id: 'H1' }), row({ household_id: 'H2', members: 'four' }), row({ household_id: 'H3' })]));
  writeFileSync(
    at('one-bad.csv'),
    canonical([...Array.from({ length: 120 }, (_, i) => row({ household_id: `W${i}` })), row({ household_id: 'X1', income_per_capita: 'n/a' })]),
  );
  writeFileSync(
    at('dup.csv'),
    canonical([row({ household_id: 'H1' }), row({ household_id: 'H1' }), ...Array.from({ length: 200 }, (_, i) => row({ household_id: `K${i}` }))]),
  );
  writeFileSync(
    at('unknown.csv'),
    canonical([
      row({ household_id: 'U1', income_per_capita: '' }),
      row({ household_id: 'U2', income_per_capita: '' }),
      row({ household_id: 'U3', income_per_capita: '', members: '' }),
      row({ household_id: 'U4' }),
    ]),
  );
  const demo = readFileSync(DEMO_2024, 'utf8');
  writeFileSync(at('roll-2025.csv'), demo.replace(/,2024,/g, ',2025,'));
  writeFileSync(at('roll-2021.csv'), demo.replace(/,2024,/g, ',2021,'));
  copyFileSync(DEMO_2024, at('copy-2024.csv'));
  const header = demo.split('\n')[0]!.split(',');
  const area = header.indexOf('area');
  writeFileSync(
    at('no-area.csv'),
    demo
      .split('\n')
      .map((l) =>
        l
          .split(',')
          .filter((_, i) => i !== area)
          .join(','),
      )
      .join('\n'),
  );
  writeFileSync(at('junk.csv'), 'a,b\n1,2\n');
  writeFileSync(at('notes.txt'), 'hello');
  writeFileSync(at('empty.xlsx'), '');
  mkdirSync(at('empty-folder'));
  writeFileSync(at('map.json'), JSON.stringify({ columns: { 'Thu nhậpp': 'incomee' } }));
  writeFileSync(at('standard.json'), JSON.stringify({ id: 'x', classes: [{ class: 'poor', when: [['income =< poverty']] }] }));
  writeFileSync(at('targets.json'), JSON.stringify({ poor_rate_reduction: [{ min_points_per_year: -1 }] }));
  for (const [folder, settings] of [
    ['bad-key', { unitt: 'x' }],
    ['bad-by', { by: 'hamlet' }],
    ['lang-vi', { lang: 'vi' }],
    ['lang-en', { lang: 'en' }],
  ] as const) {
    mkdirSync(at(folder));
    writeFileSync(join(at(folder), 'povroll.json'), JSON.stringify(settings));
  }
  return dir;
}

interface Scenario {
  name: string;
  argv: string[];
  cwd?: string;
  stdin?: string;
  /** Runs before, in each language: files the scenario reads. */
  before?: () => Promise<void>;
}

/**
 * The traps as test/traps runs them, the demo rolls through every command,
 * and errors of every kind: a broad run of what povroll says.
 */
function scenarios(dir: string, out: string): Scenario[] {
  const at = (name: string) => join(dir, name);
  const o = (name: string) => join(out, name);
  const S: Scenario[] = [];
  const add = (name: string, argv: string[], more: Partial<Scenario> = {}) => S.push({ name, argv, ...more });
  const trap = { cwd: TRAPS };
  // The traps.
  add('classify typo-income', ['classify', 'typo-income.xlsx', '-o', o('c.csv')], trap);
  add('run typo-income', ['run', 'typo-income.xlsx', '-o', o('s.xlsx')], trap);
  add('ingest typo-income --explain', ['ingest', 'typo-income.xlsx', '--explain', '-o', o('i.csv')], trap);
  add('classify bao-hiem-yt', ['classify', 'bao-hiem-yt.xlsx', '-o', o('c1.csv')], trap);
  add('classify thieu-hut-headings', ['classify', 'thieu-hut-headings.xlsx', '-o', o('c2.csv'), '--verbose'], trap);
  add('compare no codes', ['compare', 'district-2023.csv', 'no-codes-later-roll.csv', '--by', 'district,commune', '-o', o('cmp.csv')], trap);
  add('run no codes', ['run', 'district-2023.csv', 'no-codes-later-roll.csv', '-o', o('s2.xlsx')], trap);
  add('classify poor list', ['classify', 'poor-list.csv', '-o', o('pl.csv')], trap);
  add('rates poor list', ['rates', o('pl.csv'), '--by', 'district,commune'], trap);
  add('rates poor list with totals', ['rates', o('pl.csv'), '--by', 'district,commune', '--totals', 'poor-list-totals.csv'], trap);
  add('run poor list', ['run', 'poor-list.csv', '-o', o('s3.xlsx')], trap);
  add('run poor list with totals', ['run', 'poor-list.csv', '--totals', 'poor-list-totals.csv', '-o', o('s4.xlsx')], trap);
  add('run stray years', ['run', 'stray-year-rows.csv', '-o', o('s5.xlsx'), '--rejects', o('r5.csv')], trap);
  add('run stray years beside 2023', ['run', 'district-2023.csv', 'stray-year-rows.csv', '-o', o('s6.xlsx')], trap);
  for (const command of ['classify', 'ingest', 'run'])
    add(`${command} year in name and title`, [command, 'year-name-vs-title-2023.xlsx', '-o', o(`y-${command}.out`)], trap);
  add('ingest year in name and title, with --year', ['ingest', 'year-name-vs-title-2023.xlsx', '--year', '2024', '-o', o('y.csv')], trap);
  add('classify count only', ['classify', 'deprivation-count-only.csv', '-o', o('dc.csv')], trap);
  add('rates count only', ['rates', o('dc.csv'), '--by', 'district,commune'], trap);
  add('compare count only with targets', ['compare', 'district-2023.csv', 'deprivation-count-only.csv', '--by', 'district', '--targets', TARGETS], trap);
  add('run count only', ['run', 'deprivation-count-only.csv', '-o', o('s7.xlsx')], trap);
  add('classify negative income', ['classify', 'negative-income.csv', '-o', o('n.csv')], trap);
  add('classify negative income, listed', ['classify', 'negative-income.csv', '-o', o('n2.csv'), '--rejects', o('nr.csv')], trap);
  add('classify members out of range', ['classify', 'members-out-of-range.csv', '-o', o('m.csv'), '--rejects', o('mr.csv')], trap);
  add('classify members, --max-members 300', ['classify', 'members-out-of-range.csv', '-o', o('m2.csv'), '--max-members', '300'], trap);
  add('classify year without standard', ['classify', 'year-without-standard.csv', '-o', o('ys.csv'), '--rejects', o('ysr.csv')], trap);
  add('run year without standard', ['run', 'year-without-standard.csv', '-o', o('s8.xlsx')], trap);
  add('classify class code 4', ['classify', 'class-code-4.csv', '-o', o('c4.csv'), '--rejects', o('c4r.csv')], trap);
  add('run class code 4', ['run', 'class-code-4.csv', '-o', o('c4.xlsx'), '--rejects', o('c4r2.csv')], trap);
  // The demo rolls.
  add('ingest the raw workbook', ['ingest', RAW, '-o', o('raw.csv'), '--rejects', o('rawr.csv'), '--explain', '--verbose']);
  add('classify the raw workbook', ['classify', RAW, '-o', o('rawc.csv')]);
  add('classify 2024', ['classify', DEMO_2024, '-o', o('c24.csv')]);
  add('classify 2023', ['classify', DEMO_2023, '-o', o('c23.csv'), '--verbose']);
  add('classify 2025', ['classify', at('roll-2025.csv'), '-o', o('c25.csv')]);
  add('rates 2024', ['rates', o('c24.csv'), '--by', 'district,commune']);
  add('compare classified', ['compare', o('c23.csv'), o('c24.csv'), '--by', 'district', '--span', '-o', o('cmp2.csv')]);
  add('compare with targets and moves', ['compare', DEMO_2023, DEMO_2024, '--by', 'commune', '--targets', TARGETS, '--moves', o('mv.csv')]);
  add('compare a roll repeated', ['compare', o('c24.csv'), o('c25.csv'), '--by', 'district']);
  add('run', ['run', DEMO_2023, DEMO_2024, '-o', o('sum.xlsx'), '--verbose']);
  add('report --only', ['report', o('c23.csv'), o('c24.csv'), '-o', o('rep.xlsx'), '--only', 'district=Huyện Bắc Kim']);
  add('rates --only, one unit not found', ['rates', o('c24.csv'), '--by', 'district', '--only', 'district=Huyện Bắc Kim', '--only', 'district=Nowhere']);
  add('check', ['check', o('sum.xlsx')]);
  add('check, cells planted', ['check', o('planted.xlsx')], {
    before: async () => {
      await povroll(['-q', 'run', DEMO_2023, DEMO_2024, '-o', o('clean.xlsx'), '--values-only']);
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(o('clean.xlsx'));
      book.getWorksheet('Biểu 01 2024')!.getCell('E11').value = 50;
      await book.xlsx.writeFile(o('planted.xlsx'));
    },
  });
  add('classify stdin', ['classify', '-'], { stdin: readFileSync(DEMO_2024, 'utf8').split('\n').slice(0, 30).join('\n') + '\n' });
  add('classify unclassified households', ['classify', at('unknown.csv'), '-o', o('cu.csv')]);
  add('rates unclassified households', ['rates', o('cu.csv'), '--by', 'commune']);
  add('classify a rejected row', ['classify', at('one-bad.csv'), '-o', o('w1.csv')]);
  add('ingest duplicates, first', ['ingest', at('dup.csv'), '-o', o('d4.csv'), '--on-duplicate', 'first']);
  add('ingest duplicates, last', ['ingest', at('dup.csv'), '-o', o('d5.csv'), '--on-duplicate', 'last']);
  add('ingest duplicates, kept', ['ingest', at('dup.csv'), '-o', o('d6.csv')]);
  // Errors.
  add('error: duplicates', ['ingest', at('dup.csv'), '-o', o('d7.csv'), '--on-duplicate', 'error']);
  add('error: no such file', ['classify', 'missing.csv']);
  add('error: --strict', ['classify', at('bad.csv'), '--strict']);
  add('error: --max-rejected', ['classify', at('bad.csv'), '-o', o('bad.csv')]);
  add('error: indicators of another standard', ['classify', at('roll-2021.csv'), '-o', o('c21.csv')]);
  add('error: --only matches nothing', ['run', DEMO_2024, '-o', o('o.xlsx'), '--only', 'district=Huyện Không Có']);
  add('error: a year not in the roll', ['rates', o('c24.csv'), '--by', 'district', '--year', '2020']);
  add('error: two years in one roll', ['rates', o('c2324.csv'), '--by', 'district'], {
    before: async () => writeFileSync(o('c2324.csv'), readFileSync(o('c23.csv'), 'utf8') + readFileSync(o('c24.csv'), 'utf8').split('\n').slice(1).join('\n')),
  });
  add('error: rates of an unclassified roll', ['rates', DEMO_2024, '--by', 'district']);
  add('error: rates of a survey roll', ['rates', RAW, '--by', 'district']);
  add('error: totals without an area', ['run', DEMO_2024, '-o', o('tm.xlsx'), '--totals', join(TRAPS, 'poor-list-totals.csv')]);
  add('error: totals of several years', ['report', o('c23.csv'), o('c24.csv'), '-o', o('x.xlsx'), '--totals', join(TRAPS, 'poor-list-totals.csv')]);
  add('error: no area column', ['classify', at('no-area.csv')]);
  add('error: no roll header', ['classify', at('junk.csv')]);
  add('error: not a spreadsheet', ['classify', at('notes.txt')]);
  add('error: empty workbook', ['classify', at('empty.xlsx')]);
  add('error: a folder', ['classify', at('empty-folder')]);
  add('error: the same roll twice', ['run', DEMO_2024, at('copy-2024.csv'), '-o', o('sf.xlsx')]);
  add('error: one review year', ['compare', DEMO_2024, DEMO_2024, '--by', 'district']);
  add('error: check a CSV', ['check', DEMO_2024]);
  add('error: no output folder', ['classify', DEMO_2024, '-o', o('no-folder/x.csv')]);
  add('error: settings key', ['classify', DEMO_2024], { cwd: at('bad-key') });
  add('error: settings value', ['rates', o('c24.csv')], { cwd: at('bad-by') });
  add('error: --map', ['classify', 'typo-income.xlsx', '--map', at('map.json')], trap);
  add('error: standard file', ['classify', DEMO_2024, '--standard', at('standard.json')]);
  add('error: targets file', ['compare', DEMO_2023, DEMO_2024, '--by', 'district', '--targets', at('targets.json')]);
  add('error: unknown standard', ['standards', 'nosuch']);
  add('error: unknown standard id', ['classify', DEMO_2024, '--standard', 'nosuch']);
  // Usage errors.
  add('usage: unknown option', ['classify', 'r.csv', '--frobnicate']);
  add('usage: missing argument', ['classify']);
  add('usage: unknown command', ['clasify', 'r.csv']);
  add('usage: a choice', ['--lang', 'fr', 'standards']);
  add('usage: a percentage', ['classify', 'r.csv', '--max-rejected', '101']);
  add('usage: --by missing', ['rates', 'c.csv']);
  add('usage: -o missing', ['run', 'a.csv']);
  add('usage: a level', ['rates', 'c.csv', '--by', 'hamlet']);
  add('usage: a year', ['rates', 'c.csv', '--by', 'commune', '--year', '24']);
  add('usage: --only', ['rates', 'c.csv', '--by', 'district', '--only', 'hamlet=x']);
  add('usage: no command', []);
  // Help, on stdout.
  add('help', ['--help']);
  for (const command of ['ingest', 'classify', 'rates', 'compare', 'report', 'run', 'check', 'standards']) add(`help ${command}`, [command, '--help']);
  return S;
}

/** Runs every scenario in one language: what each printed on stderr (and, for help, on stdout). */
async function runAll(lang: 'vi' | 'en'): Promise<Map<string, string>> {
  const dir = makeInputs();
  const out = tempDir();
  const said = new Map<string, string>();
  for (const scenario of scenarios(dir, out)) {
    await scenario.before?.();
    const { stderr, stdout } = await povroll(scenario.argv, lang === 'vi' ? VI : EN, scenario.cwd, scenario.stdin);
    said.set(scenario.name, scenario.name.startsWith('help') ? stderr + stdout : stderr);
  }
  return said;
}

// ---------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------

describe('the terminal language', () => {
  const missing = ['classify', 'missing.csv'];
  const vietnamese = 'lỗi: Không đọc được "missing.csv": không có tệp này\n';
  const english = 'error: Cannot read "missing.csv": no such file\n';

  it.each([
    ['POVROLL_LANG=vi', missing, { POVROLL_LANG: 'vi' }, vietnamese],
    ['LANG=vi_VN.UTF-8', missing, { LANG: 'vi_VN.UTF-8' }, vietnamese],
    ['LC_ALL=vi_VN.UTF-8', missing, { LC_ALL: 'vi_VN.UTF-8', LANG: 'en_US.UTF-8' }, vietnamese],
    ['LC_MESSAGES=vi_VN', missing, { LC_MESSAGES: 'vi_VN' }, vietnamese],
    ['LANG=en_US.UTF-8', missing, { LANG: 'en_US.UTF-8' }, english],
    ['nothing set', missing, {}, english],
    ['LC_ALL=C over LANG=vi_VN', missing, { LC_ALL: 'C.UTF-8', LANG: 'vi_VN.UTF-8' }, english],
    ['POVROLL_LANG=en over LANG=vi_VN', missing, { POVROLL_LANG: 'en', LANG: 'vi_VN.UTF-8' }, english],
    ['--lang en over POVROLL_LANG=vi', ['--lang', 'en', ...missing], { POVROLL_LANG: 'vi' }, english],
    ['--lang=en after the command, over LANG=vi_VN', [...missing, '--lang=en'], { LANG: 'vi_VN.UTF-8' }, english],
    ['--lang vi with no environment', ['--lang', 'vi', ...missing], {}, vietnamese],
    ['--lang vi over POVROLL_LANG=en', [...missing, '--lang', 'vi'], { POVROLL_LANG: 'en' }, vietnamese],
  ])('%s', async (_, argv, env, expected) => {
    const { code, stderr } = await povroll(argv, env);
    expect(code).toBe(1);
    expect(stderr).toBe(expected);
  });

  it('takes lang from the settings file as --lang, for the terminal too', async () => {
    const dir = makeInputs();
    expect((await povroll(missing, {}, join(dir, 'lang-vi'))).stderr).toBe(vietnamese);
    expect((await povroll(missing, VI, join(dir, 'lang-en'))).stderr).toBe(english);
    // The command line wins over the settings file.
    expect((await povroll(['--lang', 'en', ...missing], {}, join(dir, 'lang-vi'))).stderr).toBe(english);
    // Usage errors and help, said before the command runs, follow it as well.
    expect((await povroll(['classify'], {}, join(dir, 'lang-vi'))).stderr).toBe("lỗi: thiếu tham số bắt buộc 'roll'\n");
    expect((await povroll(['rates', '--help'], {}, join(dir, 'lang-vi'))).stdout).toContain('Cách dùng: povroll rates [tùy chọn] <classified>');
  });

  it('leaves the report labels Vietnamese without --lang, whatever the terminal speaks', async () => {
    const out = tempDir();
    const english = await povroll(['run', DEMO_2024, '-o', join(out, 'a.xlsx')], EN);
    expect(english.stderr).toMatch(/^Wrote .*a\.xlsx \(13 sheets: Cơ sở số liệu, Biểu 01, /m);
    const labelsInEnglish = await povroll(['--lang', 'en', 'run', DEMO_2024, '-o', join(out, 'b.xlsx')], VI);
    expect(labelsInEnglish.stderr).toMatch(/^Wrote .*b\.xlsx \(13 sheets: Basis, Form 01, /m);
    const vietnamese = await povroll(['run', DEMO_2024, '-o', join(out, 'c.xlsx')], VI);
    expect(vietnamese.stderr).toMatch(/^Đã ghi .*c\.xlsx \(13 trang tính: Cơ sở số liệu, Biểu 01, /m);
  });

  it('knows the environment variables', () => {
    expect(languageOfEnvironment({ POVROLL_LANG: 'VI' })).toBe('vi');
    expect(languageOfEnvironment({ POVROLL_LANG: 'fr', LANG: 'vi_VN' })).toBe('vi');
    expect(languageOfEnvironment({ LANG: 'vi' })).toBe('vi');
    expect(languageOfEnvironment({ LANG: '', LC_ALL: '' })).toBe('en');
  });
});

describe('Vietnamese on the terminal, word for word', () => {
  let dir: string;
  beforeAll(() => {
    dir = makeInputs();
  });
  const vi = (argv: string[], cwd?: string) => povroll(argv, VI, cwd);

  it('a missing file', async () => {
    expect((await vi(['classify', 'missing.csv'])).stderr).toBe('lỗi: Không đọc được "missing.csv": không có tệp này\n');
  });

  it('a rejected row: under --strict, as a warning, and past --max-rejected', async () => {
    expect((await vi(['classify', 'bad.csv', '--strict'], dir)).stderr).toBe(
      'lỗi: Không phân loại được danh sách "bad.csv": dòng 3, cột "members": cần một số nguyên, gặp "four"\n',
    );
    const warned = await vi(['classify', 'one-bad.csv', '-o', join(tempDir(), 'x.csv')], dir);
    expect(lines(warned.stderr)).toContain(
      'cảnh báo: 1 dòng bị loại (dòng đầu tiên: "one-bad.csv" dòng 122, cột "income_per_capita": cần một số viết liền, không có dấu phân cách hàng nghìn, gặp "n/a"); xem tất cả bằng --rejects FILE',
    );
    expect(lines(warned.stderr)).toContain(
      'one-bad.csv: dùng 120 hộ; 1 dòng bị loại (income_per_capita: cần một số viết liền, không có dấu phân cách hàng nghìn (1))',
    );
    expect((await vi(['classify', 'bad.csv', '-o', join(tempDir(), 'x.csv')], dir)).stderr).toBe(
      'lỗi: Không phân loại được danh sách: 1 trong 3 dòng (33.3 %) bị loại, vượt mức --max-rejected 1 % (dòng đầu tiên: "bad.csv" dòng 3, cột "members": cần một số nguyên, gặp "four"); hãy xem các dòng đó bằng --rejects FILE, sửa danh sách, hoặc nâng mức --max-rejected\n',
    );
  });

  it('a needed column missing, with its near miss', async () => {
    expect((await vi(['classify', 'typo-income.xlsx'], TRAPS)).stderr).toBe(
      'lỗi: Không phân loại được danh sách "typo-income.xlsx" trang tính "Thị trấn An Kim": không có cột thu nhập bình quân đầu người (hoặc cột điểm B1); \'Thu nhậpp bình quân đầu người\' không phải tiêu đề cột đã biết; có phải là \'Thu nhập bình quân đầu người\' (income_per_capita)? Hãy khai báo cột đó bằng --map FILE\n',
    );
  });

  it('a list of poor households, and the classification summary', async () => {
    const out = tempDir();
    const classified = await vi(['classify', 'poor-list.csv', '-o', join(out, 'pl.csv')], TRAPS);
    expect(lines(classified.stderr).slice(-2)).toEqual([
      'Đã phân loại 80 hộ (2024: nd07-2021)',
      '  hộ nghèo 78 · hộ cận nghèo 0 · hộ có mức sống trung bình 0 · hộ không nghèo 2 · chưa phân loại được 0',
    ]);
    const rates = await vi(['rates', 'pl.csv', '--by', 'district,commune'], out);
    expect(lines(rates.stderr)).toEqual([
      'pl.csv: dùng 80 hộ',
      'cảnh báo: "pl.csv" có vẻ chỉ là danh sách một số hộ (97.5 % số hộ là hộ nghèo hoặc cận nghèo, nhiều hơn bất kỳ xã thực tế nào (--max-poor-share 60 %)): tính tỷ lệ cần toàn bộ hộ dân cư nên các tỷ lệ để trống; hãy cung cấp số hộ dân cư của từng đơn vị bằng --totals FILE',
      'Tỷ lệ của 15 đơn vị và dòng tổng cộng (năm rà soát 2024)',
    ]);
    const run = await vi(['run', 'poor-list.csv', '-o', join(out, 's.xlsx')], TRAPS);
    expect(lines(run.stderr)).toContain(
      'cảnh báo: danh sách năm 2024 có vẻ chỉ là danh sách một số hộ ("poor-list.csv" có tiêu đề là danh sách hộ nghèo): tính tỷ lệ cần toàn bộ hộ dân cư nên các tỷ lệ để trống; hãy cung cấp số hộ dân cư của từng đơn vị bằng --totals FILE',
    );
  });

  it('the accounting of ingest', async () => {
    const { code, stderr } = await vi(['ingest', 'raw/Huyện Bắc Kim 2024.xlsx', '-o', join(tempDir(), 'roll.csv')], join(ROOT, 'fixtures/demo'));
    expect(code).toBe(0);
    expect(lines(stderr)).toEqual([
      'raw/Huyện Bắc Kim 2024.xlsx',
      '  trang tính "Hướng dẫn": không có danh sách (không nhận ra dòng đầu bảng); bỏ qua 2 dòng',
      '  trang tính "Thị trấn An Kim": đọc 420 dòng = 100 hộ + 281 dòng thành viên + 0 dòng bị loại + 39 dòng bỏ qua (4 dòng tiêu đề biểu, 2 dòng đầu bảng, 10 dòng đánh số cột, 18 dòng đầu bảng lặp lại, 1 dòng tổng, 4 dòng chân trang)',
      '  trang tính "Xã Vĩnh Minh": đọc 457 dòng = 100 hộ + 315 dòng thành viên + 0 dòng bị loại + 42 dòng bỏ qua (4 dòng tiêu đề biểu, 2 dòng đầu bảng, 11 dòng đánh số cột, 20 dòng đầu bảng lặp lại, 1 dòng tổng, 4 dòng chân trang)',
      '  trang tính "Xã Tây Nam": đọc 429 dòng = 100 hộ + 290 dòng thành viên + 0 dòng bị loại + 39 dòng bỏ qua (4 dòng tiêu đề biểu, 2 dòng đầu bảng, 10 dòng đánh số cột, 18 dòng đầu bảng lặp lại, 1 dòng tổng, 4 dòng chân trang)',
      '  trang tính "Xã Bình Phú": đọc 433 dòng = 100 hộ + 294 dòng thành viên + 0 dòng bị loại + 39 dòng bỏ qua (4 dòng tiêu đề biểu, 2 dòng đầu bảng, 10 dòng đánh số cột, 18 dòng đầu bảng lặp lại, 1 dòng tổng, 4 dòng chân trang)',
      '  trang tính "Tổng hợp": không có danh sách (không nhận ra dòng đầu bảng); bỏ qua 6 dòng',
      'raw/Huyện Bắc Kim 2024.xlsx: dùng 400 hộ; giả định: tên xã lấy từ tên trang tính (400); khu vực suy từ tên đơn vị (xã: nông thôn; phường, thị trấn: thành thị) (400); năm rà soát lấy từ tiêu đề (400); hộ làm nông, lâm, ngư, diêm nghiệp (điều kiện của hộ có mức sống trung bình) suy từ phân loại trong danh sách: hộ có mức sống trung bình là có, phân loại khác là không (400)',
      'Đã nhập 400 hộ từ 1 tệp (6 trang tính)',
    ]);
  });

  it('the classification summary and the reduction between years', async () => {
    const classified = await vi(['classify', DEMO_2024, '-o', join(tempDir(), 'c.csv')]);
    expect(lines(classified.stderr).slice(1)).toEqual([
      'Đã phân loại 1,200 hộ (2024: nd07-2021)',
      '  hộ nghèo 78 · hộ cận nghèo 24 · hộ có mức sống trung bình 154 · hộ không nghèo 936 · chưa phân loại được 8',
      '  chưa phân loại được: không rõ thu nhập và điểm B1 (8)',
      '  11 hộ có phân loại trong danh sách khác với kết quả theo chuẩn nghèo (class_mismatch = 1)',
    ]);
    const compared = await vi(['compare', DEMO_2023, DEMO_2024, '--by', 'district']);
    expect(lines(compared.stderr).at(-1)).toBe(
      '2023→2024, cấp huyện: tỷ lệ hộ nghèo giảm bình quân 2.50 điểm %/năm ở 1/5 số đơn vị giảm nhiều nhất (trong 3 đơn vị), 1.25 điểm ở 1/5 giảm ít nhất (chênh lệch 1.25)',
    );
  });

  it.each([
    [['classify', 'r.csv', '--frobnicate'], "lỗi: không có tùy chọn '--frobnicate'\n"],
    [['classify'], "lỗi: thiếu tham số bắt buộc 'roll'\n"],
    [['clasify', 'r.csv'], "lỗi: không có lệnh 'clasify'\n(Có phải ý bạn là classify?)\n"],
    [['rates', 'c.csv'], "lỗi: thiếu tùy chọn bắt buộc '--by <levels>'\n"],
    [['--lang', 'fr', 'standards'], "lỗi: giá trị 'fr' của tùy chọn '--lang <lang>' không hợp lệ. Các giá trị được phép: vi, en.\n"],
    [
      ['rates', 'c.csv', '--by', 'commune', '--year', '24'],
      "lỗi: giá trị '24' của tùy chọn '--year <year>' không hợp lệ: \"24\" không phải năm gồm bốn chữ số\n",
    ],
  ])('the usage error of %j', async (argv, expected) => {
    const { code, stderr } = await vi(argv);
    expect(code).toBe(2);
    expect(stderr).toBe(expected);
  });

  it('the help: commands, options and examples', async () => {
    const program = await vi(['--help']);
    expect(program.code).toBe(0);
    expect(lines(program.stdout)).toEqual(
      expect.arrayContaining([
        'Cách dùng: povroll [tùy chọn] [lệnh]',
        'Lệnh:',
        expect.stringMatching(/^ {2}classify \[tùy chọn\] <roll> +phân loại từng hộ trong danh sách theo/),
        expect.stringMatching(/^ {2}run \[tùy chọn\] \[rolls\.\.\.\] +toàn bộ quy trình: đưa danh sách vào, ra/),
        expect.stringMatching(/^ {2}-h, --help +xem hướng dẫn của lệnh$/),
        'Mã thoát: 0 thành công, 1 dữ liệu sai hoặc lỗi đọc ghi tệp, 2 dùng lệnh sai.',
        'Ví dụ:',
      ]),
    );
    const rates = await vi(['rates', '--help']);
    expect(rates.stdout).toContain('Cách dùng: povroll rates [tùy chọn] <classified>');
    expect(rates.stdout).toMatch(/^ {2}-o, --output <file> +tệp CSV tỷ lệ \(mặc định: stdout\)$/m);
    expect(rates.stdout).toMatch(/^ {2}--max-rejected <percent> +dừng lại \(mã thoát 1, sau khi ghi --rejects\) khi/m);
    expect(rates.stdout).toContain('$ povroll rates classified.csv --by district,commune -o rates.csv');
    // The English help is as it was.
    const english = await povroll(['rates', '--help']);
    expect(english.stdout).toContain('Usage: povroll rates [options] <classified>');
    expect(english.stdout).toMatch(/^ {2}-o, --output <file> +rates CSV \(default: stdout\)$/m);
  });
});

describe('no sentence left in the other language', () => {
  let vi: Map<string, string>;
  let en: Map<string, string>;
  beforeAll(async () => {
    vi = await runAll('vi');
    en = await runAll('en');
  }, 120_000);

  it('says every scenario in Vietnamese with POVROLL_LANG=vi', () => {
    const left = [...vi].flatMap(([name, text]) => wrongLanguage(text, 'vi').map((line) => `${name}: ${line}`));
    expect(left).toEqual([]);
    // The scenarios did say something: the check looked at real output.
    expect([...vi.values()].join('').length).toBeGreaterThan(20_000);
  });

  it('says every scenario in English with POVROLL_LANG=en', () => {
    expect(VIETNAMESE.size).toBeGreaterThan(100);
    const left = [...en].flatMap(([name, text]) => wrongLanguage(text, 'en').map((line) => `${name}: ${line}`));
    expect(left).toEqual([]);
    expect(en.get('error: no such file')).toBe('error: Cannot read "missing.csv": no such file\n');
  });

  it('said each scenario in both languages', () => {
    expect([...vi.keys()]).toEqual([...en.keys()]);
    // Help is wrapped to the width of the terminal, so its lines differ in number.
    for (const [name, text] of vi)
      if (!name.startsWith('help') && name !== 'usage: no command') expect(lines(text).length, name).toBe(lines(en.get(name)!).length);
  });
});

/**
 * Messages no scenario above reaches (damaged workbooks, LibreOffice,
 * crosswalks, faulty definition files …), as the code composes them: each
 * comes out of the phrasebook without an English sentence.
 */
describe('the phrasebook, on messages the scenarios do not reach', () => {
  it.each([
    'Cannot read "x.xls": the legacy Excel (.xls) format is read through LibreOffice, which is not installed; install it (Debian/Ubuntu: apt-get install libreoffice-calc-nogui) or open the file in Excel and save it as .xlsx',
    'Cannot read "book.xlsx": it would unpack to more than 2 GB; povroll stops rather than fill the disk or memory',
    'Cannot read "book.xlsx": "xl/worksheets/sheet1.xml" would unpack 1500 times its packed size (a zip bomb?); povroll stops rather than fill the disk or memory',
    'Cannot read "book.xlsx": "xl/worksheets/sheet1.xml" unpacks to more than the 1000 bytes it declares (a zip bomb?); povroll stops rather than fill the disk or memory',
    'Cannot read "book.xlsx": the archive holds no xl/workbook.xml; it is a zip file but not an Excel workbook',
    'Cannot read "book.xlsx": the workbook is damaged ("xl/styles.xml" is encrypted)',
    'Cannot read "book.xlsx": sheet "Xã An": the sheet is damaged (a row of sheet "Xã An" runs past 64 MB)',
    'Cannot read "book.xlsx": it is a password-protected (encrypted) workbook or a legacy .xls file; remove the password in Excel (File › Info › Protect Workbook) and save it as .xlsx',
    'Cannot read "book.xlsx": it is not a .xlsx workbook (the file is damaged or of another kind)',
    'Cannot read "notes.pdf": it is not a spreadsheet; povroll reads .xlsx, .xlsm, .csv, .tsv, .xls and .ods rolls',
    'Cannot read folder "rolls": it holds no .xlsx, .xlsm, .csv, .tsv, .xls or .ods file',
    'Cannot read "rolls/*.csv": no file matches the pattern',
    'Cannot read "roll.csv": permission denied',
    'Cannot read "roll.csv": row 12: a quoted cell is never closed',
    'Cannot read "roll.csv": the file is empty (no header row)',
    'Cannot read "book.xlsx": the workbook is empty',
    'Cannot read roll "roll.csv": the first row is empty (no header row)',
    'Cannot read roll "x.csv": no column of the canonical household roll was found (found "a", "b"); raw survey spreadsheets go through "povroll ingest" first',
    'Cannot read roll "x.csv": missing any of the columns "income_per_capita", "score_b1" (the income per person, or the B1 score that stands for it); found "a", "b"; did you mean "income" or "score"?',
    'Cannot read roll "x.csv": missing column "review_year" (it picks the standard; or pass --standard); found "a", "b" and 30 more',
    '"x.csv" row 5: expected 38 cells as in the header, found 12',
    'Cannot write "out.csv": it is also an input; choose another output path',
    'Cannot write "out": it is a folder',
    'Cannot write "a/b.csv": "a" is not a folder',
    'Cannot read settings "my.json": no such file',
    'Invalid settings "povroll.json": expected an object of settings, such as {"unit": "UBND HUYỆN BÌNH GIA", "by": "district,commune"}; found [1,2]',
    'Invalid settings "povroll.json": "lang": expected "vi" or "en", found "fr"',
    'Invalid settings "povroll.json": "map": expected the path of a file (relative to the settings file), found 3',
    'Invalid settings "povroll.json": "unit": expected a text, found 3',
    'Invalid settings "povroll.json": "standard": expected auto, a standard id or the path of a .json definition file, found 3',
    'Invalid settings "povroll.json": "max_rejected": expected a percentage from 0 to 100, found 300',
    'Invalid settings "povroll.json": "max_members": expected a whole number of members above 0, found 0',
    'Invalid settings "povroll.json": "only": expected LEVEL=NAME (e.g. "district=Huyện Bắc Kim"), or a list of them, found 3',
    'Invalid settings "povroll.json": "unitt": unknown key; the keys are unit, place, map',
    'Invalid map "map.json": expected an object with "columns" and/or "class_codes"',
    'Invalid map "map.json": unknown entry "colums"; expected "columns" and "class_codes"',
    'Invalid map "map.json": class_codes."4": expected poor, near_poor, average or non_poor, found "rich"',
    'Invalid standard "s.json": classes: at least one class rule is needed',
    'Invalid standard "s.json": lines.poverty.rural: is missing: every line needs a rural and an urban value',
    'Invalid standard "s.json": lines.poverty: is missing: every standard needs a poverty line',
    'Invalid standard "s.json": classes[0].when: needs at least one group of at least one condition',
    'Invalid standard "s.json": classes[0].when[0][0]: "income =< poverty": unknown operator "=<"; expected one of <=, <, >=, >',
    'Invalid standard "s.json": classes[0].when[0][0]: "income <= povertyy": no line named "povertyy"; lines are poverty, near_poverty',
    'Invalid standard "s.json": classes[0].when[0][0]: "deprivations >= x": "x" is not a whole number of indicators',
    'Invalid standard "s.json": classes[0].when[0][0]: "wealth <= poverty": unknown subject "wealth"; expected "income" or "deprivations"',
    'Invalid standard "s.json": classes[0].when[0][0]: "income" is not of the form "income <= LINE", "deprivations >= N" or "farm household"',
    'Invalid standard "s.json": indicators[2].code: unknown indicator "wifi"',
    'Invalid standard "s.json": indicators[3].code: indicator "water" is listed twice',
    'Invalid standard "s.json": indicators: at least one indicator is needed',
    'Invalid standard "s.json": score.b1_cutoffs.x: no line named "x"',
    'Invalid standard "s.json": score.b2_points_per_indicator: expected a whole number above 0, found -1',
    'Invalid standard "s.json": review_years: expected [first, last] years, found [2020]',
    'Invalid standard "s.json": classes[1].class: unknown class "rich"; expected poor, near_poor, average or non_poor',
    'Invalid standard "s.json": lines.poverty.confidence: expected "C", "P" or "U", found "X"',
    'Invalid standard "s.json": the file: expected an object, found [1]',
    'Invalid standard "s.json": title.vi: expected text, found nothing',
    'Invalid standard "s.json": lines.poverty.rural: expected a number of 0 or more, found "x"',
    'Invalid standard "s.json": indicators: expected a list, found {}',
    'Cannot read standard "s.json": no such file',
    'Cannot read targets "t.json": the file must hold one JSON object',
    'Cannot read targets "t.json": unknown entry "x" (expected poor_rate_reduction, poor_households_not_deprived)',
    'Cannot read targets "t.json": no target: give "poor_rate_reduction" or "poor_households_not_deprived"',
    'Cannot read targets "t.json": poor_rate_reduction[0] must be an object',
    'Cannot read targets "t.json": poor_rate_reduction[0].areas must be a list of {"level", "unit"}',
    'Cannot read targets "t.json": poor_rate_reduction: only one entry may leave out "areas" (the default target)',
    'Cannot read targets "t.json": poor_households_not_deprived[0].indicators must be a list of indicator codes',
    'Cannot read targets "t.json": poor_households_not_deprived[0].indicators: unknown indicator "wifi" (known: employment, water)',
    'Cannot read targets "t.json": poor_households_not_deprived[0].min_percent must be a percentage from 0 to 100',
    'Cannot read targets "t.json": poor_rate_reduction[0].areas[0] must be {"level": "district", "unit": "Huyện …"}',
    'Cannot read targets "t.json": poor_rate_reduction[0].areas[0].level must be one of province, district, commune, village',
    'Cannot read targets "t.json": poor_rate_reduction[0].areas[0].unit must name the unit or give its code',
    'Cannot read targets "t.json": "poor_rate_reduction" must be a list',
    'Cannot read crosswalk "c.csv": it needs the columns old_district and old_commune (or old_commune_code), and new_commune (or new_commune_code); found "a", "b"',
    'Cannot read crosswalk "c.csv": row 3, column "share": expected a share from 0 to 1 (or a percentage), found "abc"',
    'Cannot use crosswalk "c.csv": row 4: give the old commune (old_commune or old_commune_code)',
    'Cannot use crosswalk "c.csv": row 4: give the new commune (new_commune or new_commune_code)',
    'Cannot use crosswalk "c.csv": row 4: Huyện Đông / Xã An has one new unit, so its share must be 1 (found 0.5)',
    'Cannot use crosswalk "c.csv": Huyện Đông / Xã An splits into 2 new units: give each a share (rows 3, 4 have none), summing to 1',
    'Cannot use crosswalk "c.csv": Huyện Đông / Xã An splits into 2 new units whose shares sum to 0.9, not 1 (rows 3, 4)',
    'Crosswalk "c.csv": 1,200 households placed on the new units for the change sheets',
    '12 households in 2 old units have no crosswalk entry and keep their old units: commune "Xã An" in district "Huyện Đông", province "Tỉnh Tây" (10 households); commune "Xã Bình" (code 00012) in district "Huyện Đông", province "Tỉnh Tây" (2 households)',
    'Cannot read totals "t.csv": missing column "households"; found "a", "b"',
    'Cannot read totals "t.csv": row 3, column "households": expected a whole number, found "x"',
    'Cannot read totals "t.csv": the totals name the same area twice',
    'Cannot use totals "t.csv": commune "Xã An" in district "Huyện Đông", province "Tỉnh Tây": the total gives 10 households but the roll lists 12',
    'Cannot use totals "t.csv": the total: no total is given for this area',
    'Cannot compare: the rolls hold one review year (2024); compare needs two or more review years',
    'Cannot compare: the rolls hold no household (none); compare needs two or more review years',
    'Cannot compare "a.csv": a.csv!12 has no review year; give the year a column, or ingest the roll with --year',
    'Cannot compare: household code "H1" appears twice in review year 2024: a.csv!2 and a.csv!5; households are matched by code, so each code may appear once a year (povroll ingest --on-duplicate first|last picks one)',
    'Cannot write "s.xlsx": the flows do not add up for the total, 2023→2024: poor_end 3 ≠ 4; this is a bug in povroll, please report it',
    '2021 was classified under qd59-2015 and 2022 under nd07-2021: changes across standards are not shown as reductions; pass --allow-standard-change to show them',
    '2021 was classified under qd59-2015 and 2022 under nd07-2021: changes across standards are shown as asked (--allow-standard-change)',
    '2021 was classified under qd59-2015 and 2022 under nd07-2021: the change sheets say so and show no reductions (--allow-standard-change shows them)',
    '2021 was classified under no standard and 2022 under nd07-2021: the change sheets say so',
    "the 2025 roll lists only poor and near-poor households: 12 households of 2024's poor and near-poor are missing from it without an exit record; they count as other decreases, not escapes (per area: poor_missing_after, near_poor_missing_after)",
    'the 2025 roll has districts and the 2026 roll has none (the July 2025 reform): without --crosswalk FILE their units do not correspond, and households seem to have moved',
    'no sheets on change between years: household code "H1" appears twice in review year 2024: a.csv!2 and a.csv!5; households are matched by code',
    'targets are evaluated on change between review years, and the rolls hold one year: no targets sheet',
    'Cannot write "s.xlsx": the rolls hold no household',
    'the roll of 2024: in 3 areas and the total more than 5 % of the households are unclassified and may be poor or near-poor (commune "Xã A" (code 00012) in district "Huyện B", province "Tỉnh C": 3 of 40; commune "Xã D" in district "Huyện B", province "Tỉnh C": 5 of 50): their counts and rates are left empty; unclassified_reason says what is missing (--max-unclassified)',
    'the roll of an unknown year: in 1 area more than 5 % of the households are unclassified and may be poor or near-poor (the total): their counts and rates are left empty; unclassified_reason says what is missing (--max-unclassified)',
    'the roll of an unknown year looks like a list of some households only ("a.csv" is titled as a list of poor and near-poor households): rates are over the households of --totals; counts of the classes the list does not hold are left empty',
    '"x.csv" looks like a list of some households only (3 areas have more poor and near-poor households than any real commune (--max-poor-share 60 %): Xã A (Huyện B): 90.0 %; Xã C (Huyện B): 85.0 %; Xã D: 80.0 % and 2 more): rates need every resident household, so they are left empty; give the households of each area with --totals FILE',
    '"x.csv" looks like a list of some households only (an area has more poor and near-poor households than any real commune (--max-poor-share 60 %): Xã A (Huyện B): 90.0 %): rates need every resident household, so they are left empty; give the households of each area with --totals FILE',
    '"x.csv" looks like a list of some households only ("x.csv" is titled as a list of households that escaped poverty): rates need every resident household, so they are left empty; give the households of each area with --totals FILE',
    '2024: 3 households have no member count: the persons figures of their areas are left empty (column members_unknown)',
    'unknown year: 1 household has no member count: the persons figures of their areas are left empty (column members_unknown)',
    'x.csv: text in the legacy TCVN3 (ABC) encoding, converted to Unicode',
    'x.xlsx sheet "A": text in the legacy VNI encoding, converted to Unicode',
    'x.csv (read as windows-1258)',
    '  sheet "Ẩn": hidden, not read',
    '    D   "Ghi chú 2" → unused (no known heading)',
    '    E   "X" → left out (--map)',
    '    F   "Thu nhập" → unused (column G is a closer match for income_per_capita)',
    '    G   "Thu nhập 2" → unused (column F is already income_per_capita)',
    '    H   "Hộ nghèo" → mark_poor (gives recorded_class)',
    '    I   "Thời gian rà soát" → review_details (facts of the review itself, not written)',
    '    J   "Giới tính" → sex (tells a female head)',
    '    K   "CCCD" → citizen_id (personal data, not written)',
    'x.csv: 3 cells hold formulas saved without their values; open the workbook in Excel or LibreOffice and save it again, so that the values are stored',
    'Cannot classify roll "x.xlsx": 3 cells hold formulas saved without their values; open the workbook in Excel or LibreOffice and save it again, so that the values are stored; no household has an income per person or a B1 score ("income_per_capita", "score_b1"), so none can be classified; if the source roll has it under another heading, ingest it again with --map FILE',
    'Cannot classify roll "x.csv": no household has a review year ("review_year"), so no standard can be chosen; give the year, or pass --standard',
    'Cannot classify roll "x.csv": no household has a value for 2 indicators of qd59-2015: "A" (d_a), "B" (d_b), nor a B2 score or deprivation count; if the source roll has it under another heading, ingest it again with --map FILE',
    'Cannot classify roll "x.csv" sheet "S": no column for 12 indicators of nd07-2021: "Việc làm" (d_employment), "Người phụ thuộc" (d_dependents), "Dinh dưỡng" (d_nutrition) and 9 more (nor a B2 score or deprivation count); headings not understood: \'Ghi chú 2\', \'X\' and 3 more; name the column with --map FILE',
    'Cannot classify roll "x.csv": no column for the indicator "Việc làm" (d_employment) (nor a B2 score or deprivation count); name the column with --map FILE',
    'Cannot classify roll "x.csv": no review year (no year column, and none in the title or the file name); pass --year',
    'Cannot classify roll "x.csv": no column of income per person (or of the B1 score); no review year (no year column, and none in the title or the file name); name the column with --map FILE, or pass --year',
    'Cannot classify roll "x.csv": no column of income per person (or of the B1 score); add the column to the roll (a roll written by ingest lacks it when ingest did not recognise it: ingest the source again with --map FILE)',
    'x.csv: no household code column ("Sheet1"): households cannot be matched between years, so their flows are left empty',
    'x.csv: 3 of 400 households have no household code: flows in their areas are left empty',
    'x.csv: 400 households used; 3 rows rejected (members: expected a whole number (2); area: expected "rural" or "urban" (1)); assumed: class code "1" read as poor (400); income in thousands of đồng, from its heading (400); "Thoát nghèo" read as non-poor (the household left its former class) (3); recorded class from the title (near-poor) (4); commune from the title (2); review year from the file name (2); income per year, divided by 12, from its heading (1)',
    '"x.xlsx" sheet "A" row 5, column "Nghèo": expected a mark (x, 1, ✓, có) or blank, found "y"',
    '"x.xlsx" row 5, column "Thu nhập": expected a number in the column\'s own style (it mixes 1.500,5 and 1,500.5), found "1,500.5"',
    'area: expected thành thị or nông thôn; review_year: expected a year; members: expected a number; prior_status: expected cũ, tái nghèo or mới (continuing, re-entered or new)',
    'd_water: expected 1, 0 or empty; recorded_class: expected poor, near_poor, average or non_poor; prior_status: expected continuing, re_entered or new; review_year: expected a four-digit year',
    'deprived: expected indicator codes separated by ";"; standard: expected a built-in standard id (or a standard_indicators column); possible_classes: expected classes separated by ";"; class: expected poor, near_poor, average, non_poor or unclassified',
    'income_per_capita: expected an income in đồng a month, 0 or at least 1,000 (if the column is in thousands or millions, say so in its heading, e.g. "(nghìn đồng)"), found "2,2"',
    'score_b1: expected a score of 0 or more; deprivation_total: expected at most 14 deprivations; deprivation_total: expected at most 12 deprivations, the indicators of nd07-2021; score_b2: expected a B2 score of at most 120 (12 indicators of nd07-2021 at 10 points)',
    'commune: expected a commune: no commune column, --commune, sheet name or title names it, found ""',
    'mark_near_poor: expected one mark: the household is marked both poor and near-poor, found "x"',
    '"x.xlsx" sheet "A" row 9: a member row before any household (no household code, STT or head)',
    '"x.xlsx" sheet "A" row 10: member of the household rejected at row 9',
    '"x.xlsx" sheet "A" row 11: a household code or number with no data',
    "review year 2023 differs from the 40 other households of this sheet (2024); correct the year, or give that year's households a roll of their own",
    '  unclassified: deprivations unknown (3), 2 of 12 indicators unknown (1), score B1 cannot tell the line "near_poverty" (give income) (2), farm household unknown (no farm_household, no recorded class) (4), review year unknown (1), area (rural or urban) unknown (1), income unknown (1)',
    '  12 classified by review score B1 (no income in the roll)',
    'Classified 3 households (unknown year: no standard)',
    'Invalid --only: "x" does not say which level it names; write LEVEL=NAME, e.g. district=Huyện Bắc Kim or commune_code=00012',
    'Invalid --only: "commune_code=" names no commune; write commune_code=CODE',
    'Invalid --only: no unit is selected',
    'Cannot read roll "x.csv": no household is in commune code "00012" or district "Huyện A" (--only); the rolls name commune codes "00001", "00002"; no district; 3 rows were rejected (first: "x.csv" row 4, column "members": expected a whole number, found "x")',
    'Cannot check "x.xlsx": no sheet is in a known layout (a row of column numbers — A, B, 1, 2, 3, 4=3/1*100 … — under the headings, as the official forms have); sheets: "Sheet1"',
    'not in a form layout, not checked: Sheet1, Sheet2',
    'Cannot check "x.xlsx": the workbook is damaged (bad zip)',
    // The registry of review years (a DuckDB database).
    'Cannot read "reg.duckdb" as a roll: it is a registry (a DuckDB database); give it with --db',
    'Cannot add "a.csv" to the registry: sheet "S", row 12 has no review year; give the year a column, or ingest the roll with --year',
    'Cannot add review year 2024 to registry "reg.duckdb": it is already there (from a.csv, added 2025-01-02); pass --replace to swap it for the rolls given now',
    'Cannot add review year 2024 to the registry: household code "H1" appears twice (a.csv row 2, a.csv row 5); households are matched by code, so each code may appear once a year (povroll ingest --on-duplicate first|last picks one)',
    'Cannot add "b.csv" to the registry: it is the same file as "a.csv", stored for review year 2024 (SHA-256 ab12cd34ef56…); its households would count twice',
    'Cannot add to registry "a.csv": it is also one of the rolls',
    'Cannot add roll "a.csv": registry add needs households classified by povroll',
    '--memory "lots": expected an amount such as 1GB or 512MB',
    'Cannot use "x.duckdb" as a registry: it is a DuckDB database povroll did not create (tables: a, b)',
    'Cannot use registry "reg.duckdb": it has schema version 3, and this povroll reads version 2',
    'Cannot read registry "reg.duckdb": there is no such file; create one with "povroll registry add ROLL... --db reg.duckdb"',
    'Cannot read registry "reg.duckdb": it holds no review year yet; add rolls with "povroll registry add ROLL... --db reg.duckdb"',
    'Cannot read "reg.duckdb#2023": registry "reg.duckdb" holds no review year 2023',
    'Cannot read "a.csv": review year 2024 is already in registry "reg.duckdb", and its households would count twice; store the roll with "povroll registry add --replace", or leave out --db',
    'Stored review year 2024: 1,200 households in reg.duckdb (replacing the year stored before)',
    'Wrote out.parquet: 2,400 households (parquet)',
    '--margin 120: expected a percent from 0 to 100',
    'registry "reg.duckdb" holds one review year (2024): escapes and where the poor come from need two or more',
    'boom (an internal error: please report it)',
    "error: option '--years <n>' argument missing",
    "error: too many arguments for 'check'. Expected 1 argument but got 2.",
    "error: unknown option '--fro'\n(Did you mean one of --from, --for?)",
  ])('%s', (english) => {
    const vietnamese = toVietnamese(english);
    expect(wrongLanguage(vietnamese, 'vi')).toEqual([]);
    // What the user wrote is kept as it was.
    for (const quoted of english.match(/"[^"]*"/g) ?? []) expect(vietnamese).toContain(quoted);
  });

  it('keeps file names, even those made of English words', () => {
    expect(toVietnamese('Cannot read "households.csv": no such file')).toBe('Không đọc được "households.csv": không có tệp này');
    expect(toVietnamese('rows rejected.csv: 3 households used')).toBe('rows rejected.csv: dùng 3 hộ');
    expect(toVietnamese('1 row rejected, see rows/rejected rows.csv')).toBe('1 dòng bị loại, xem rows/rejected rows.csv');
  });
});
