import { type LabelKey, label } from '../core/labels.js';

/**
 * Vietnamese for the terminal. Messages are composed in English all over the
 * code, from fragments (`Cannot classify roll "x" sheet "y": ` + what is
 * missing + the fix); this phrasebook puts them into Vietnamese at the
 * boundary, fragment by fragment: an ordered list of rules, each an English
 * phrase with holes and its Vietnamese, applied in turn to every line — the
 * specific phrases first, the words that recur everywhere (sheet, row,
 * column, N households) last.
 *
 * What the user wrote stays as it is: quoted text ("…", and '…' where it
 * stands as a quote), file paths, column names, codes, numbers and option
 * names. Quoted text and paths are set aside before the rules run and put
 * back after, so that a file called "poor households.csv" is never
 * translated.
 *
 * Phrases are written with holes:
 *   {q} a quoted text or a path    {n} a number (1,200  97.5  -1.00)
 *   {y} a year                     {w} a word or code (nd07-2021, income_per_capita, 2016–2030)
 *   {x} any text, as short as can be   {X} any text, as long as can be
 *   {s} an optional plural "s" (no hole of its own)
 * and the Vietnamese names the holes {1}, {2} … in order. A phrase that
 * begins with ^ or ends with $ is anchored to the line.
 */

const OPEN = '\uE000';
const CLOSE = '\uE001';
const QUOTED = `${OPEN}\\d+${CLOSE}`;

type Translate = (...groups: string[]) => string;

interface Rule {
  pattern: RegExp;
  replacement: string | ((match: string, ...rest: unknown[]) => string);
}

const HOLES: Record<string, string> = {
  q: `(${QUOTED})`,
  n: '(-?\\d(?:[\\d,.]*\\d)?)',
  y: '(\\d{4})',
  w: '([^\\s,;:()\\[\\]]+)',
  x: '(.+?)',
  X: '(.+)',
  s: 's?',
};

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The regular expression of a phrase with holes. */
function compile(english: string): RegExp {
  let text = english;
  const start = text.startsWith('^');
  const end = text.endsWith('$');
  if (start) text = text.slice(1);
  if (end) text = text.slice(0, -1);
  const parts = text.split(/\{([qnywxXs])\}|\{~([^}]*)\}/);
  let source = '';
  // split() gives the text, then the hole's letter, then the raw fragment (one of the two undefined).
  for (let i = 0; i < parts.length; i += 3) {
    source += escapeRegExp(parts[i]!);
    if (parts[i + 1] !== undefined) source += HOLES[parts[i + 1]!]!;
    if (parts[i + 2] !== undefined) source += parts[i + 2];
  }
  // A phrase that begins or ends with a word does not match inside another word.
  if (!start && /^\w/.test(text)) source = `\\b${source}`;
  if (!end && /\w$/.test(text)) source = `${source}\\b`;
  return new RegExp(`${start ? '^' : ''}${source}${end ? '$' : ''}`, 'g');
}

function groupCount(pattern: RegExp): number {
  return new RegExp(`${pattern.source}|`).exec('')!.length - 1;
}

/** One rule: an English phrase (or a regular expression) and its Vietnamese, a template with {1}, {2} … or a function of the holes. */
function say(english: string | RegExp, vietnamese: string | Translate): Rule {
  const pattern =
    typeof english === 'string' ? compile(english) : new RegExp(english.source, english.flags.includes('g') ? english.flags : `${english.flags}g`);
  if (typeof vietnamese === 'string') return { pattern, replacement: vietnamese.replace(/\{(\d+)\}/g, '$$$1') };
  const count = groupCount(pattern);
  return { pattern, replacement: (_match, ...rest) => vietnamese(...(rest.slice(0, count) as (string | undefined)[]).map((g) => g ?? '')) };
}

// ---------------------------------------------------------------------------
// Words that recur inside the phrases
// ---------------------------------------------------------------------------

const CLASS_VI: Record<string, string> = {
  poor: 'hộ nghèo',
  'near-poor': 'hộ cận nghèo',
  near_poor: 'hộ cận nghèo',
  average: 'hộ có mức sống trung bình',
  'non-poor': 'hộ không nghèo',
  non_poor: 'hộ không nghèo',
};

const LEVEL_VI: Record<string, string> = { province: 'tỉnh', district: 'huyện', commune: 'xã', village: 'thôn' };
const LEVELS_VI: Record<string, string> = { provinces: 'tỉnh', districts: 'huyện', communes: 'xã', villages: 'thôn' };

/** The kinds of JSON and CSV files the messages name: `Cannot read targets "t.json"`. */
const FILE_KIND_VI: Record<string, string> = {
  settings: 'tệp cấu hình',
  map: 'tệp --map',
  targets: 'tệp chỉ tiêu',
  crosswalk: 'bảng chuyển đổi đơn vị',
  totals: 'tệp tổng số hộ',
  standard: 'chuẩn nghèo',
  roll: 'danh sách',
  folder: 'thư mục',
};

/** Rows skipped in reading a sheet, by kind: `(4 title, 2 header, 1 numbering …)`. */
const SKIPPED_VI: Record<string, string> = {
  title: 'dòng tiêu đề biểu',
  header: 'dòng đầu bảng',
  numbering: 'dòng đánh số cột',
  'repeated header': 'dòng đầu bảng lặp lại',
  section: 'dòng tên nhóm',
  blank: 'dòng trống',
  total: 'dòng tổng',
  footer: 'dòng chân trang',
};

/** What a list holds: `"x.csv" is titled as a list of poor households`. */
const LIST_VI: Record<string, string> = {
  'poor households': 'hộ nghèo',
  'near-poor households': 'hộ cận nghèo',
  'poor and near-poor households': 'hộ nghèo, hộ cận nghèo',
  'households that escaped poverty': 'hộ thoát nghèo',
};

/** The notes on reading a file (labels.ts), each turned into a rule from its English and Vietnamese wording. */
const NOTE_KEYS: readonly LabelKey[] = [
  'assumeCommuneFromSheet',
  'assumeCommuneFromTitle',
  'assumeAreaFromUnit',
  'assumeAreaFromTitle',
  'assumeYearFromTitle',
  'assumeYearFromFileName',
  'assumeIncomeThousands',
  'assumeIncomeMillions',
  'assumeIncomePerYear',
  'assumeEscapedClass',
  'assumeClassCode',
  'assumeClassFromTitle',
  'assumeClassFromSheet',
  'assumeFarmFromClass',
  'missingCodes',
  'missingSomeCodes',
];

/** A rule from a label's two wordings: `{name}` holes in the English become the same values in the Vietnamese. */
function noteRule(key: LabelKey): Rule {
  // A quoted value ("{label}") is set aside with its quotes, as one token.
  const english = label(key, 'en').replace(/"\{(\w+)\}"/g, '{$1:quoted}');
  const vietnamese = label(key, 'vi').replace(/"\{(\w+)\}"/g, '{$1}');
  const names: string[] = [];
  const source = english
    .split(/\{(\w+(?::quoted)?)\}/)
    .map((part, i) => {
      if (i % 2 === 0) return escapeRegExp(part);
      const [name, quoted] = part.split(':');
      names.push(name!);
      if (quoted) return `(${QUOTED})`;
      return name === 'class' ? '(poor|near-poor|average|non-poor)' : '(.*?)';
    })
    .join('');
  const pattern = new RegExp(source, 'g');
  return {
    pattern,
    replacement: (_match, ...rest) => {
      const values: Record<string, string> = {};
      names.forEach((name, i) => {
        const value = String(rest[i] ?? '');
        values[name] = name === 'class' ? (CLASS_VI[value] ?? value) : value;
      });
      return vietnamese.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? '');
    },
  };
}

/** `the rolls name districts "A", "B"; no commune`: what the rolls hold at the levels of --only. */
function rollsName(parts: string): string {
  const named = parts.split('; ').map((part) => {
    const none = /^no (province|district|commune|village)( code)?$/.exec(part);
    if (none) return `không có ${none[2] ? 'mã ' : ''}${LEVEL_VI[none[1]!]} nào`;
    const some = /^(province|district|commune|village)( code)?s (.*)$/.exec(part);
    if (some) return `${some[2] ? 'mã ' : ''}${LEVEL_VI[some[1]!]} ${some[3]}`;
    return part;
  });
  return `các danh sách ghi ${named.join('; ')}`;
}

function skippedKinds(list: string): string {
  return list
    .split(', ')
    .map((part) => {
      const match = /^([\d,]+) (.+)$/.exec(part);
      return match && SKIPPED_VI[match[2]!] ? `${match[1]} ${SKIPPED_VI[match[2]!]}` : part;
    })
    .join(', ');
}

// ---------------------------------------------------------------------------
// The rules, in the order they apply
// ---------------------------------------------------------------------------

const RULES: readonly Rule[] = [
  // --- Commander: usage errors -------------------------------------------------
  say('^error: unknown option {q}', 'lỗi: không có tùy chọn {1}'),
  say('^error: unknown command {q}', 'lỗi: không có lệnh {1}'),
  say('^(Did you mean one of {x}?)$', '(Có phải ý bạn là một trong các mục: {1}?)'),
  say('^(Did you mean {x}?)$', '(Có phải ý bạn là {1}?)'),
  say('^error: missing required argument {q}', 'lỗi: thiếu tham số bắt buộc {1}'),
  say('^error: option {q} argument missing', 'lỗi: tùy chọn {1} thiếu giá trị'),
  say('^error: required option {q} not specified', 'lỗi: thiếu tùy chọn bắt buộc {1}'),
  say('^error: option {q} argument {q} is invalid. Allowed choices are {x}.$', 'lỗi: giá trị {2} của tùy chọn {1} không hợp lệ. Các giá trị được phép: {3}.'),
  say('^error: option {q} argument {q} is invalid.', 'lỗi: giá trị {2} của tùy chọn {1} không hợp lệ:'),
  say('^error: command-argument value {q} is invalid for argument {q}.', 'lỗi: giá trị {1} của tham số {2} không hợp lệ:'),
  say(
    /^error: too many arguments for ('[^']*'|\uE000\d+\uE001)\. Expected (\d+) arguments? but got (\d+)\.$/,
    'lỗi: quá nhiều tham số cho lệnh {1}: cần {2}, nhận được {3}.',
  ),
  say(/^error: too many arguments\. Expected (\d+) arguments? but got (\d+)\.$/, 'lỗi: quá nhiều tham số: cần {1}, nhận được {2}.'),
  say('^error: option {q} cannot be used with option {q}', 'lỗi: không dùng được tùy chọn {1} cùng với tùy chọn {2}'),
  // Values the options' own parsers refuse.
  say('{q} is not a percentage from 0 to 100', '{1} không phải tỷ lệ phần trăm từ 0 đến 100'),
  say('{q} is not a whole number of members above 0', '{1} không phải số nhân khẩu nguyên lớn hơn 0'),
  say('{q} is not a level; use {X}', '{1} không phải một cấp đơn vị; hãy dùng {2}'),
  say('give at least one of {X}', 'cần ít nhất một trong các cấp {1}'),
  say('{q} is not a positive number of years', '{1} không phải số năm dương'),
  say('{q} is not a four-digit year', '{1} không phải năm gồm bốn chữ số'),
  say('{q} does not say which level it names; write LEVEL=NAME, e.g. ', '{1} không nói rõ thuộc cấp nào; hãy viết LEVEL=NAME, ví dụ '),
  say(' or commune_code=00012', ' hoặc commune_code=00012'),
  say('{q} names no {w}; write {w}', (quoted, level, example) => `${quoted} không nêu ${LEVEL_VI[level] ?? level} nào; hãy viết ${example}`),
  say('no unit is selected', 'không có đơn vị nào được chọn'),
  say('^Invalid --only: ', '--only không hợp lệ: '),

  // --- The registry (a DuckDB database of review years) -----------------------------
  say(
    '^Cannot read {q} as a roll: it is a registry (a DuckDB database); give it with --db',
    'Không đọc được {1} như một danh sách: đây là kho dữ liệu (cơ sở dữ liệu DuckDB); hãy đưa vào bằng --db',
  ),
  say('^Cannot add {q} to the registry: ', 'Không thêm được {1} vào kho dữ liệu: '),
  say(
    '^Cannot add review year {y} to registry {q}: it is already there (from {x}, added {x}); pass --replace to swap it for the rolls given now',
    'Không thêm được năm rà soát {1} vào kho dữ liệu {2}: năm này đã có (từ {3}, thêm ngày {4}); dùng --replace để thay bằng các danh sách đưa vào lần này',
  ),
  say(
    '^Cannot add review year {y} to the registry: household code {q} appears twice ({x})',
    'Không thêm được năm rà soát {1} vào kho dữ liệu: mã hộ {2} xuất hiện hai lần ({3})',
  ),
  say('^Cannot add to registry {q}: it is also one of the rolls', 'Không thêm được vào kho dữ liệu {1}: tệp này cũng là một trong các danh sách'),
  say('^Cannot add roll', 'Không thêm được danh sách'),
  say('registry add needs households classified by povroll', 'registry add cần các hộ đã được povroll phân loại'),
  say(
    ': it is the same file as {q}, stored for review year {y} (SHA-256 {w}); its households would count twice',
    ': tệp này trùng với {1}, đã lưu cho năm rà soát {2} (SHA-256 {3}); các hộ sẽ bị tính hai lần',
  ),
  say('--memory {q}: expected an amount such as 1GB or 512MB', '--memory {1}: cần một dung lượng như 1GB hoặc 512MB'),
  say('^Cannot open registry {q}: ', 'Không mở được kho dữ liệu {1}: '),
  say(
    '^Cannot use {q} as a registry: it is a DuckDB database povroll did not create (tables: {x})$',
    'Không dùng được {1} làm kho dữ liệu: đây là cơ sở dữ liệu DuckDB không do povroll tạo (các bảng: {2})',
  ),
  say(
    '^Cannot use registry {q}: it has schema version {n}, and this povroll reads version {n}',
    'Không dùng được kho dữ liệu {1}: kho có lược đồ phiên bản {2}, còn bản povroll này đọc phiên bản {3}',
  ),
  say(
    '^Cannot read registry {q}: it holds no review year yet; add rolls with {q}',
    'Không đọc được kho dữ liệu {1}: kho chưa có năm rà soát nào; hãy thêm danh sách bằng {2}',
  ),
  say(
    '^Cannot read registry {q}: it is not a DuckDB database; create one with {q}',
    'Không đọc được kho dữ liệu {1}: đây không phải cơ sở dữ liệu DuckDB; hãy tạo kho bằng {2}',
  ),
  say('^Cannot read registry {q}: there is no such file; create one with {q}', 'Không đọc được kho dữ liệu {1}: không có tệp này; hãy tạo kho bằng {2}'),
  say('^Cannot read {q}: registry {q} holds no review year {y}', 'Không đọc được {1}: kho dữ liệu {2} không có năm rà soát {3}'),
  say(
    ': review year {y} is already in registry {q}, and its households would count twice; store the roll with {q}, or leave out --db',
    ': năm rà soát {1} đã có trong kho dữ liệu {2}, các hộ sẽ bị tính hai lần; hãy lưu danh sách bằng {3}, hoặc bỏ --db',
  ),
  say(
    '^Stored review year {y}: {n} household{s} in {x}{~( \\(replacing the year stored before\\))?}$',
    (year, count, db, replaced) => `Đã lưu năm rà soát ${year}: ${count} hộ vào ${db}${replaced ? ' (thay cho năm đã lưu trước đó)' : ''}`,
  ),
  say('^Wrote {x}: {n} household{s} ({w})$', 'Đã ghi {1}: {2} hộ ({3})'),
  say('--margin {x}: expected a percent from 0 to 100', '--margin {1}: cần tỷ lệ phần trăm từ 0 đến 100'),
  say(
    '^registry {q} holds one review year ({y}): escapes and where the poor come from need two or more',
    'kho dữ liệu {1} chỉ có một năm rà soát ({2}): cần từ hai năm trở lên để xem hộ thoát nghèo và nguồn gốc hộ nghèo',
  ),
  say(
    '^registry {q} holds no review year: escapes and where the poor come from need two or more',
    'kho dữ liệu {1} chưa có năm rà soát nào: cần từ hai năm trở lên để xem hộ thoát nghèo và nguồn gốc hộ nghèo',
  ),

  // --- What a command could not do: the opening of an error line ----------------
  say('^Cannot classify roll', 'Không phân loại được danh sách'),
  say('^Cannot compare rolls', 'Không so sánh được các danh sách'),
  say('^Cannot compare {q}', 'Không so sánh được {1}'),
  say('^Cannot compare:', 'Không so sánh được:'),
  say('^Cannot ingest roll', 'Không nhập được danh sách'),
  say('^Cannot ingest:', 'Không nhập được:'),
  say('^Cannot compute rates for {q}', 'Không tính được tỷ lệ cho {1}'),
  say('^Cannot check {q}', 'Không kiểm tra được {1}'),
  say(
    ': the summary is an Excel workbook, so -o/--output needs a name ending in .xlsx; write -o {q} (for CSV, use povroll rates or compare)$',
    ': báo cáo tổng hợp là tệp Excel nên -o/--output cần tên tệp có đuôi .xlsx; hãy viết -o {1} (muốn có tệp CSV, hãy dùng povroll rates hoặc compare)',
  ),
  say('^Cannot write {q}', 'Không ghi được {1}'),
  say(/^Cannot use (totals|crosswalk) (\uE000\d+\uE001)/, (kind, path) => `Không dùng được ${FILE_KIND_VI[kind!]} ${path}`),
  say(
    /^Cannot read (roll|folder|settings|map|targets|crosswalk|totals|standard) (\uE000\d+\uE001)/,
    (kind, path) => `Không đọc được ${FILE_KIND_VI[kind!]} ${path}`,
  ),
  say('^Cannot read {q}', 'Không đọc được {1}'),
  say(
    /^Invalid (settings|map|targets|crosswalk|totals|standard) (\uE000\d+\uE001)/,
    (kind, path) => `${capitalise(FILE_KIND_VI[kind!]!)} ${path} không hợp lệ`,
  ),
  say(
    '^Unknown standard {q}: expected one of {x} or a .json definition file$',
    'Không có chuẩn nghèo {1}: cần một trong các chuẩn {2} hoặc một tệp định nghĩa .json',
  ),
  say(
    '^Unknown standard {q}: expected auto, {x} or the path of a .json definition file$',
    'Không có chuẩn nghèo {1}: cần auto, một trong các chuẩn {2} hoặc đường dẫn một tệp định nghĩa .json',
  ),

  // --- Files: finding, opening, writing ------------------------------------------
  say(': no such file', ': không có tệp này'),
  say('permission denied', 'không có quyền truy cập'),
  say('it is a folder, not a file', 'đây là thư mục, không phải tệp'),
  say(': it is a folder$', ': đây là thư mục'),
  say(': it holds no .xlsx, .xlsm, .csv, .tsv, .xls or .ods file', ': trong thư mục không có tệp .xlsx, .xlsm, .csv, .tsv, .xls hay .ods nào'),
  say(': no file matches the pattern', ': không có tệp nào khớp mẫu này'),
  say(': the file is empty (no header row)', ': tệp trống (không có dòng đầu bảng)'),
  say(': the file is empty', ': tệp trống'),
  say(': the workbook is empty', ': tệp Excel trống'),
  say(': the first row is empty (no header row)', ': dòng đầu tiên trống (không có dòng đầu bảng)'),
  say(
    ': it is a password-protected (encrypted) workbook or a legacy .xls file; remove the password in Excel (File › Info › Protect Workbook) and save it as .xlsx',
    ': đây là tệp Excel có đặt mật khẩu (mã hóa) hoặc tệp .xls kiểu cũ; hãy gỡ mật khẩu trong Excel (Tệp › Thông tin › Bảo vệ Sổ làm việc; bản tiếng Anh: "File › Info › Protect Workbook") rồi lưu lại thành .xlsx',
  ),
  say(': it is not a {w} workbook (the file is damaged or of another kind)', ': đây không phải tệp Excel {1} (tệp bị hỏng hoặc thuộc loại khác)'),
  say(
    ': it is not a spreadsheet; povroll reads .xlsx, .xlsm, .csv, .tsv, .xls and .ods rolls',
    ': đây không phải bảng tính; povroll đọc danh sách dạng .xlsx, .xlsm, .csv, .tsv, .xls và .ods',
  ),
  say(
    ': it is not an .xlsx workbook; save the summary from Excel or LibreOffice as .xlsx',
    ': đây không phải tệp Excel .xlsx; hãy lưu báo cáo thành .xlsx từ Excel hoặc LibreOffice',
  ),
  say('the workbook is damaged ({X})', 'tệp Excel bị hỏng ({1})'),
  say('the sheet is damaged ({X})', 'trang tính bị hỏng ({1})'),
  say('; povroll stops rather than fill the disk or memory', '; povroll dừng lại để không làm đầy ổ đĩa hay bộ nhớ'),
  say('; it is a zip file but not an Excel workbook', '; đây là tệp zip nhưng không phải tệp Excel'),
  say('the archive holds no {q}', 'tệp nén không có {1}'),
  say('it would unpack to more than {x}{~(?=;)}', 'khi giải nén sẽ lớn hơn {1}'),
  say('{q} would unpack {n} times its packed size (a zip bomb?)', '{1} khi giải nén sẽ lớn gấp {2} lần khi nén (bom zip?)'),
  say('{q} unpacks to more than the {n} bytes it declares (a zip bomb?)', '{1} giải nén ra nhiều hơn {2} byte đã khai báo (bom zip?)'),
  say('{q} is encrypted', '{1} đã bị mã hóa'),
  say('cannot open the archive', 'không mở được tệp nén'),
  say('a row of sheet {q} runs past {n} MB', 'một dòng của trang tính {1} dài quá {2} MB'),
  say('sheet {q} would have more rows than Excel allows ({n})', 'trang tính {1} sẽ có nhiều dòng hơn mức Excel cho phép ({2})'),
  say('sheet {q} has a cell longer than Excel allows ({n} characters)', 'trang tính {1} có ô dài hơn mức Excel cho phép ({2} ký tự)'),
  say('a quoted cell opened in record {n} is never closed', 'ô mở dấu ngoặc kép ở bản ghi {1} không được đóng lại'),
  say('LibreOffice wrote no .xlsx file', 'LibreOffice không ghi ra tệp .xlsx nào'),
  say('{q} has no local file header', '{1} không có phần đầu tệp'),
  say(
    ': the {x} format is read through LibreOffice, which is not installed; install it (Debian/Ubuntu: apt-get install libreoffice-calc-nogui) or open the file in Excel and save it as .xlsx',
    ': định dạng {1} được đọc qua LibreOffice, nhưng máy chưa cài LibreOffice; hãy cài (Debian/Ubuntu: apt-get install libreoffice-calc-nogui) hoặc mở tệp trong Excel rồi lưu thành .xlsx',
  ),
  say('legacy Excel (.xls)', 'Excel cũ (.xls)'),
  say(': LibreOffice could not convert {x} ({X})$', ': LibreOffice không chuyển đổi được {1} ({2})'),
  say(': row {n}: a quoted cell is never closed', ': dòng {1}: có ô mở dấu ngoặc kép mà không đóng lại'),
  say(': {q} is not a folder', ': {1} không phải thư mục'),
  say('the folder {q} does not exist', 'thư mục {1} không tồn tại'),
  say(': it is also an input; choose another output path', ': tệp này cũng là tệp đầu vào; hãy chọn đường dẫn khác để ghi'),
  say(': not valid JSON ({X})$', ': không phải JSON hợp lệ ({1})'),

  // --- Settings file, --map, standard files, targets, crosswalk, totals -----------
  say('expected an object of settings, such as {X}; found {X}$', 'cần một đối tượng JSON gồm các thiết lập, ví dụ {1}; gặp {2}'),
  say('{q}: unknown key (did you mean {q}?); the keys are {X}', '{1}: không có khóa này (có phải là {2}?); các khóa hợp lệ: {3}'),
  say('{q}: unknown key; the keys are {X}', '{1}: không có khóa này; các khóa hợp lệ: {2}'),
  say('expected a text', 'cần một đoạn văn bản'),
  say('expected the path of a file (relative to the settings file)', 'cần đường dẫn một tệp (tính từ thư mục của tệp cấu hình)'),
  say('expected a comma list of {x}{~(?=, found|$)}', 'cần danh sách cách nhau bằng dấu phẩy gồm {1}'),
  say('expected auto, a standard id or the path of a .json definition file', 'cần auto, mã một chuẩn nghèo hoặc đường dẫn một tệp định nghĩa .json'),
  say('expected a percentage from 0 to 100', 'cần tỷ lệ phần trăm từ 0 đến 100'),
  say('expected a whole number of members above 0', 'cần số nhân khẩu nguyên lớn hơn 0'),
  say('expected LEVEL=NAME (e.g. {q}), or a list of them', 'cần LEVEL=NAME (ví dụ {1}), hoặc một danh sách như vậy'),
  say('expected an object with {q} and/or {q}', 'cần một đối tượng có {1} và/hoặc {2}'),
  say('unknown entry {q}; expected {q} and {q}', 'mục {1} không hợp lệ; chỉ dùng {2} và {3}'),
  say('columns.{q}: unknown field {X}; expected null or one of {X}', 'columns.{1}: không có trường {2}; cần null hoặc một trong {3}'),
  say('class_codes.{q}: expected poor, near_poor, average or non_poor', 'class_codes.{1}: cần poor, near_poor, average hoặc non_poor'),
  // The standard's definition file.
  say('at least one class rule is needed', 'cần ít nhất một quy tắc phân loại'),
  say('is missing: every line needs a rural and an urban value', 'bị thiếu: mỗi chuẩn cần một giá trị cho nông thôn và một cho thành thị'),
  say('is missing: every standard needs a poverty line', 'bị thiếu: chuẩn nghèo nào cũng cần chuẩn nghèo về thu nhập (poverty)'),
  say('needs at least one group of at least one condition', 'cần ít nhất một nhóm có ít nhất một điều kiện'),
  say('{q} is not of the form {q}, {q} or {q}', '{1} không có dạng {2}, {3} hoặc {4}'),
  say('{q}: unknown operator {q}; expected one of {X}', '{1}: không có phép so sánh {2}; cần một trong {3}'),
  say('{q}: no line named {q}; lines are {X}', '{1}: không có chuẩn nào tên là {2}; các chuẩn có: {3}'),
  say('{q}: {q} is not a whole number of indicators', '{1}: {2} không phải số chỉ số nguyên'),
  say('{q}: unknown subject {q}; expected {q} or {q}', '{1}: không có đại lượng {2}; cần {3} hoặc {4}'),
  say('indicator {q} is listed twice', 'chỉ số {1} được liệt kê hai lần'),
  say('at least one indicator is needed', 'cần ít nhất một chỉ số'),
  say('no line named {q}', 'không có chuẩn nào tên là {1}'),
  say('unknown class {q}; expected poor, near_poor, average or non_poor', 'không có nhóm {1}; cần poor, near_poor, average hoặc non_poor'),
  say('expected a whole number above 0', 'cần một số nguyên lớn hơn 0'),
  say('expected [first, last] years', 'cần [năm đầu, năm cuối]'),
  say('expected {q}, {q} or {q}', 'cần {1}, {2} hoặc {3}'),
  say('expected an object', 'cần một đối tượng'),
  say('expected a list', 'cần một danh sách'),
  say('expected text', 'cần văn bản'),
  say('expected a number of 0 or more', 'cần một số từ 0 trở lên'),
  say(/(?<=^|: )the file: /, 'tệp: '),
  say(', found nothing', ', không có gì'),
  // Targets.
  say('the file must hold one JSON object', 'tệp phải chứa một đối tượng JSON'),
  say('unknown entry {q} (expected {X})', 'mục {1} không hợp lệ (cần một trong {2})'),
  say('no target: give {q} or {q}', 'không có chỉ tiêu nào: hãy ghi {1} hoặc {2}'),
  say(' must be an object', ' phải là một đối tượng'),
  say(' must be a number of points ≥ 0', ' phải là số điểm ≥ 0'),
  say(' must be a list of {{q}, {q}}', ' phải là danh sách các {{1}, {2}}'),
  say('only one entry may leave out {q} (the default target)', 'chỉ một mục được bỏ trống {1} (chỉ tiêu chung)'),
  say(' must be a list of indicator codes', ' phải là danh sách mã chỉ số'),
  say(': unknown indicator {q} (known: {X})', ': không có chỉ số {1} (các chỉ số: {2})'),
  say(' must be a percentage from 0 to 100', ' phải là tỷ lệ phần trăm từ 0 đến 100'),
  say(' must be {{X}}$', ' phải có dạng {{1}}'),
  say(' must be one of {X}', ' phải là một trong {1}'),
  say(' must name the unit or give its code', ' phải ghi tên hoặc mã đơn vị'),
  say('{q} must be a list', '{1} phải là một danh sách'),
  say('unknown indicator {q}', 'không có chỉ số {1}'),
  // Crosswalk.
  say(
    ': it needs the columns old_district and old_commune (or old_commune_code), and new_commune (or new_commune_code); found ',
    ': cần các cột old_district và old_commune (hoặc old_commune_code), và new_commune (hoặc new_commune_code); tệp có các cột ',
  ),
  say('expected a share from 0 to 1 (or a percentage)', 'cần tỷ lệ từ 0 đến 1 (hoặc tỷ lệ phần trăm)'),
  say('give the old commune (old_commune or old_commune_code)', 'hãy ghi xã cũ (old_commune hoặc old_commune_code)'),
  say('give the new commune (new_commune or new_commune_code)', 'hãy ghi xã mới (new_commune hoặc new_commune_code)'),
  say(' has one new unit, so its share must be 1 (found {n})', ' chỉ có một đơn vị mới nên tỷ lệ phải bằng 1 (gặp {1})'),
  say(
    ' splits into {n} new units: give each a share (rows {x} have none), summing to 1',
    ' được chia cho {1} đơn vị mới: hãy ghi tỷ lệ cho từng đơn vị (các dòng {2} chưa có), tổng bằng 1',
  ),
  say(
    ' splits into {n} new units whose shares sum to {n}, not 1 (rows {x})',
    ' được chia cho {1} đơn vị mới với tổng tỷ lệ bằng {2}, không phải 1 (các dòng {3})',
  ),
  say('^Crosswalk {q}: {n} household{s} placed on the new units', 'Bảng chuyển đổi {1}: đã chuyển {2} hộ sang đơn vị mới'),
  say(' for the change sheets$', ' cho các biểu thay đổi'),
  say(
    '^{n} household{s} in {n} old unit{s} ha{~(?:s|ve)} no crosswalk entry and keep their old units: ',
    '{1} hộ ở {2} đơn vị cũ không có trong bảng chuyển đổi nên giữ đơn vị cũ: ',
  ),
  // Totals.
  say(': missing column {q}; found ', ': thiếu cột {1}; tệp có các cột '),
  say('the totals name the same area twice', 'tệp tổng số ghi một đơn vị hai lần'),
  say('no total is given for this area', 'không có tổng số hộ của đơn vị này'),
  say('the total gives {n} households but the roll lists {n}', 'tệp tổng số ghi {1} hộ nhưng danh sách có {2} hộ'),

  // --- Canonical rolls: columns ------------------------------------------------------
  say(
    ': no column of the canonical household roll was found (found {x}); raw survey spreadsheets go through "povroll ingest" first',
    ': không có cột nào của danh sách hộ chuẩn hóa (tệp có các cột {1}); bảng tính rà soát gốc cần qua "povroll ingest" trước',
  ),
  say(
    /: no column of the canonical household roll was found \(found (.+?)\); raw survey spreadsheets go through (\uE000\d+\uE001) first/,
    ': không có cột nào của danh sách hộ chuẩn hóa (tệp có các cột {1}); bảng tính rà soát gốc cần chạy {2} trước',
  ),
  say(': missing any of the columns {x} ({x}); found ', ': không có cột nào trong các cột {1} ({2}); tệp có các cột '),
  say(': missing column {q} ({x}); found ', ': thiếu cột {1} ({2}); tệp có các cột '),
  say('; did you mean {x}?$', (names) => `; có phải là ${names.replace(/ or /g, ' hoặc ')}?`),
  say('no columns', 'không có cột nào'),
  say('it picks the rural or urban line', 'cột này cho biết áp dụng chuẩn nông thôn hay thành thị'),
  say('it picks the standard; or pass --standard', 'cột này cho biết áp dụng chuẩn nghèo nào; hoặc dùng --standard'),
  say('the income per person, or the B1 score that stands for it', 'thu nhập bình quân đầu người, hoặc điểm B1 thay cho thu nhập'),
  say(
    'the deprivation indicators d_<indicator>, the B2 score or a deprivation count',
    'các chỉ số thiếu hụt d_<indicator>, điểm B2 hoặc tổng số chỉ số thiếu hụt',
  ),
  say('rates count classified households; run {q} first', 'tỷ lệ được tính trên các hộ đã phân loại; hãy chạy {1} trước'),
  say('expected {n} cells as in the header, found {n}', 'cần {1} ô như dòng đầu bảng, gặp {2} ô'),

  // --- Survey rolls: headers, the fields the work needs -------------------------------
  say(
    ': no sheet has a recognisable roll header (household code, head, name or STT with two more known columns); ',
    ': không trang tính nào có dòng đầu bảng của danh sách hộ (mã hộ, chủ hộ, họ tên hoặc STT cùng ít nhất hai cột đã biết khác); ',
  ),
  say('no text found', 'không có chữ nào'),
  say(/(?<=^|; | )has (?=\uE000)/, 'có '),
  say(' (nearest known headings: ', ' (tiêu đề cột đã biết gần nhất: '),
  say('; name the columns with --map FILE', '; hãy khai báo các cột bằng --map FILE'),
  say('no column of income per person (or of the B1 score)', 'không có cột thu nhập bình quân đầu người (hoặc cột điểm B1)'),
  say(
    'no column for the indicator {x} (nor a B2 score or deprivation count)',
    'không có cột của chỉ số {1} (cũng không có điểm B2 hay tổng số chỉ số thiếu hụt)',
  ),
  say(
    'no column for {n} indicators of {w}: {x} (nor a B2 score or deprivation count)',
    'không có cột của {1} chỉ số thuộc {2}: {3} (cũng không có điểm B2 hay tổng số chỉ số thiếu hụt)',
  ),
  say(
    'no review year (no year column, and none in the title or the file name)',
    'không có năm rà soát (không có cột năm, tiêu đề và tên tệp cũng không ghi năm)',
  ),
  say('no household code column (Mã hộ)', 'không có cột mã hộ (Mã hộ)'),
  say('{q} is not a known heading; did you mean {q} ({w})?', '{1} không phải tiêu đề cột đã biết; có phải là {2} ({3})?'),
  say('headings not understood: ', 'các tiêu đề cột không hiểu được: '),
  say(' Add it with --map FILE', ' Hãy khai báo cột đó bằng --map FILE'),
  say('name the column with --map FILE', 'hãy khai báo cột bằng --map FILE'),
  say(
    'add the column to the roll (a roll written by ingest lacks it when ingest did not recognise it: ingest the source again with --map FILE)',
    'hãy bổ sung cột vào danh sách (danh sách do ingest ghi sẽ thiếu cột này khi ingest không nhận ra nó: hãy chạy ingest lại cho tệp gốc với --map FILE)',
  ),
  say('; pass --year$', '; hãy dùng --year'),
  say(', or pass --year$', ', hoặc dùng --year'),
  say(
    'no household has an income per person or a B1 score ({q}, {q}), so none can be classified',
    'không hộ nào có thu nhập bình quân đầu người hay điểm B1 ({1}, {2}) nên không phân loại được hộ nào',
  ),
  say(
    'no household has a review year ({q}), so no standard can be chosen; give the year, or pass --standard',
    'không hộ nào có năm rà soát ({1}) nên không chọn được chuẩn nghèo; hãy ghi năm rà soát, hoặc dùng --standard',
  ),
  say(
    'no household has a value for the indicator {x}, nor a B2 score or deprivation count',
    'không hộ nào có giá trị của chỉ số {1}, cũng không có điểm B2 hay tổng số chỉ số thiếu hụt',
  ),
  say(
    'no household has a value for {n} indicators of {w}: {x}, nor a B2 score or deprivation count',
    'không hộ nào có giá trị của {1} chỉ số thuộc {2}: {3}, cũng không có điểm B2 hay tổng số chỉ số thiếu hụt',
  ),
  say(
    'if the source roll has it under another heading, ingest it again with --map FILE',
    'nếu danh sách gốc có dữ liệu này dưới một tiêu đề cột khác, hãy chạy ingest lại với --map FILE',
  ),
  say(
    '{n} cells hold formulas saved without their values; open the workbook in Excel or LibreOffice and save it again, so that the values are stored',
    '{1} ô chứa công thức được lưu mà không kèm giá trị; hãy mở tệp trong Excel hoặc LibreOffice rồi lưu lại để giá trị được lưu vào tệp',
  ),
  say(
    'the file name says {y} but the title says {q}; pass --year with the review year the roll is of',
    'tên tệp ghi năm {1} nhưng tiêu đề ghi {2}; hãy dùng --year với năm rà soát của danh sách',
  ),
  say(': text in the legacy TCVN3 (ABC) encoding, converted to Unicode', ': văn bản gõ theo bảng mã cũ TCVN3 (ABC), đã chuyển sang Unicode'),
  say(': text in the legacy VNI encoding, converted to Unicode', ': văn bản gõ theo bảng mã cũ VNI, đã chuyển sang Unicode'),
  say(' (read as {w})$', ' (đọc theo bảng mã {1})'),

  // --- Reading a survey roll: the accounting per sheet, --explain --------------------------
  say(': no roll here (no recognisable header); ', ': không có danh sách (không nhận ra dòng đầu bảng); '),
  say(': hidden, not read$', ': trang tính ẩn, không đọc'),
  say(
    '{n} row{s} read = {n} household{s} + {n} member rows + {n} rejected + {n} skipped',
    'đọc {1} dòng = {2} hộ + {3} dòng thành viên + {4} dòng bị loại + {5} dòng bỏ qua',
  ),
  say(/(?<=dòng bỏ qua) \((.*)\)$/, (list) => ` (${skippedKinds(list)})`),
  say('{n} row{s} = {n} household{s} + {n} rejected + {n} skipped', '{1} dòng = {2} hộ + {3} dòng bị loại + {4} dòng bỏ qua'),
  say(' ({n} outside --only)', ' ({1} hộ ngoài --only)'),
  say('{n} row{s} skipped$', 'bỏ qua {1} dòng'),
  say('→ unused (no known heading)', '→ không dùng (không phải tiêu đề cột đã biết)'),
  say('→ left out (--map)', '→ bỏ qua (--map)'),
  say('column {w} is a closer match for {w}', 'cột {1} khớp với {2} hơn'),
  say('column {w} is already {w}', 'cột {1} đã là {2}'),
  say('→ unused (', '→ không dùng ('),
  say('(list number: marks household rows)', '(số thứ tự: đánh dấu dòng của hộ)'),
  say('(the head’s name is written; members’ are not)', '(ghi tên chủ hộ, không ghi tên các thành viên)'),
  say('(marks household heads)', '(đánh dấu chủ hộ)'),
  say('(personal data; tells a male head)', '(dữ liệu cá nhân; cho biết chủ hộ là nam)'),
  say('(personal data; tells a female head)', '(dữ liệu cá nhân; cho biết chủ hộ là nữ)'),
  say('(personal data, not written)', '(dữ liệu cá nhân, không ghi ra)'),
  say('(tells a female head)', '(cho biết chủ hộ là nữ)'),
  say('(gives recorded_class)', '(cho biết recorded_class)'),
  say('(facts of the review itself, not written)', '(thông tin về đợt rà soát, không ghi ra)'),
  say('(not written)', '(không ghi ra)'),

  // --- Rejected rows: what a value should have been ---------------------------------------
  say('a member row before any household (no household code, STT or head)', 'dòng thành viên nằm trước mọi hộ (không có mã hộ, STT hay chủ hộ)'),
  say('member of the household rejected at row {n}', 'thành viên của hộ bị loại ở dòng {1}'),
  say('a household code or number with no data', 'có mã hộ hoặc số thứ tự nhưng không có dữ liệu'),
  say(
    'expected a commune: no commune column, --commune, sheet name or title names it',
    'cần tên xã: không có cột xã, --commune, tên trang tính hay tiêu đề nào cho biết',
  ),
  say('expected one mark: the household is marked both poor and near-poor', 'cần một dấu: hộ được đánh dấu cả hộ nghèo lẫn hộ cận nghèo'),
  say('expected a mark (x, 1, ✓, có) or blank', 'cần một dấu (x, 1, ✓, có) hoặc để trống'),
  say("expected a number in the column's own style (it mixes {x} and {x})", 'cần một số viết cùng kiểu với cả cột (cột này viết lẫn {1} và {2})'),
  say(
    'expected a class (hộ nghèo, hộ cận nghèo, hộ có mức sống trung bình, hộ không nghèo, or a code)',
    'cần một phân loại (hộ nghèo, hộ cận nghèo, hộ có mức sống trung bình, hộ không nghèo, hoặc một mã)',
  ),
  say('expected thành thị or nông thôn', 'cần thành thị hoặc nông thôn'),
  say('expected cũ, tái nghèo or mới (continuing, re-entered or new)', 'cần cũ, tái nghèo hoặc mới (continuing, re-entered hoặc new)'),
  say('expected a plain number', 'cần một số viết liền, không có dấu phân cách hàng nghìn'),
  say('expected a whole number', 'cần một số nguyên'),
  say('expected a four-digit year', 'cần năm gồm bốn chữ số'),
  say('expected a year', 'cần một năm'),
  say('expected a number', 'cần một số'),
  say('expected 1, 0 or empty', 'cần 1, 0 hoặc để trống'),
  say('expected {q} or {q}', 'cần {1} hoặc {2}'),
  say('expected poor, near_poor, average, non_poor or unclassified', 'cần poor, near_poor, average, non_poor hoặc unclassified'),
  say('expected poor, near_poor, average or non_poor', 'cần poor, near_poor, average hoặc non_poor'),
  say('expected continuing, re_entered or new', 'cần continuing, re_entered hoặc new'),
  say('expected indicator codes separated by {q}', 'cần các mã chỉ số cách nhau bằng {1}'),
  say('expected classes separated by {q}', 'cần các nhóm cách nhau bằng {1}'),
  say('expected a built-in standard id (or a standard_indicators column)', 'cần mã một chuẩn nghèo có sẵn (hoặc cột standard_indicators)'),
  say('expected a review year with a standard ({x}; or pass --standard)', 'cần năm rà soát có chuẩn nghèo áp dụng ({1}; hoặc dùng --standard)'),
  say('expected an income of 0 or more', 'cần thu nhập từ 0 trở lên'),
  say(
    'expected an income in đồng a month, 0 or at least {n} (if the column is in thousands or millions, say so in its heading, e.g. {q})',
    'cần thu nhập tính bằng đồng/tháng, bằng 0 hoặc từ {1} trở lên (nếu cột ghi theo nghìn hay triệu đồng, hãy ghi rõ ở tiêu đề cột, ví dụ {2})',
  ),
  say('expected {n} to {n} members (--max-members sets the upper bound)', 'cần từ {1} đến {2} nhân khẩu (--max-members đặt mức tối đa)'),
  say('expected a score of 0 or more', 'cần điểm từ 0 trở lên'),
  say('expected at most {n} deprivations, the indicators of {w}', 'cần tối đa {1} chỉ số thiếu hụt, bằng số chỉ số của {2}'),
  say('expected at most {n} deprivations', 'cần tối đa {1} chỉ số thiếu hụt'),
  say('expected a B2 score of at most {n} ({n} indicators of {w} at {n} points)', 'cần điểm B2 tối đa {1} ({2} chỉ số của {3}, mỗi chỉ số {4} điểm)'),
  say(
    "review year {y} differs from the {n} other households of this {~(file|sheet)} ({y}); correct the year, or give that year's households a roll of their own",
    (year, count, where, main) =>
      `năm rà soát ${year} khác với ${count} hộ còn lại của ${where === 'file' ? 'tệp' : 'trang tính'} này (${main}); hãy sửa năm, hoặc lập danh sách riêng cho các hộ của năm đó`,
  ),
  say('household code {q} of review year {y} appears at {x} and {x}{~(?=;|\\)|$)}', 'mã hộ {1} của năm rà soát {2} xuất hiện ở {3} và {4}'),
  say('household code {q} appears at {x} and {x}{~(?=;|\\)|$)}', 'mã hộ {1} xuất hiện ở {2} và {3}'),
  say('household code {q} appears twice in review year {y}: {x} and {x}{~(?=;|\\)|$)}', 'mã hộ {1} xuất hiện hai lần trong năm rà soát {2}: {3} và {4}'),
  say(
    'duplicate: household code {q} appears again later; the last is kept (--on-duplicate last)',
    'trùng mã: mã hộ {1} còn xuất hiện ở sau; giữ hộ cuối cùng (--on-duplicate last)',
  ),
  say('; the first is kept (--on-duplicate first)', '; giữ hộ đầu tiên (--on-duplicate first)'),
  say(/(?<=^|: |\()duplicate: /, 'trùng mã: '),
  say('{n} household code{s} repeat{s} within a review year (first: ', '{1} mã hộ bị lặp trong cùng một năm rà soát (trường hợp đầu tiên: '),
  say('); both rows kept (--on-duplicate)', '); giữ cả hai dòng (--on-duplicate)'),
  say('); the first kept, later ones rejected (--on-duplicate)', '); giữ hộ đầu tiên, loại các dòng sau (--on-duplicate)'),
  say('); the last kept (--on-duplicate)', '); giữ hộ cuối cùng (--on-duplicate)'),
  say('; choose --on-duplicate first, last or keep', '; hãy chọn --on-duplicate first, last hoặc keep'),
  say(
    '; households are matched by code, so each code may appear once a year (povroll ingest --on-duplicate first|last picks one)',
    '; hộ được đối chiếu theo mã hộ nên mỗi mã chỉ được xuất hiện một lần trong một năm (povroll ingest --on-duplicate first|last để chọn một)',
  ),

  // --- The end of reading: rejected rows, households used ------------------------------
  say(': no household is in {x} (--only); ', ': không có hộ nào thuộc {1} (--only); '),
  say(/^(--only .*?): no household is in (.+?); /, '{1}: không có hộ nào thuộc {2}; '),
  say(/the rolls name (.+?)(?=; [\d,]+ rows were rejected|$)/, rollsName),
  say('; {n} rows were rejected', '; {1} dòng bị loại'),
  say(': no household was read; all {n} rows were rejected', ': không đọc được hộ nào; cả {1} dòng đều bị loại'),
  say(': no household was read', ': không đọc được hộ nào'),
  say(': {n} of {n} rows ({n} %) were rejected, more than --max-rejected {n} %', ': {1} trong {2} dòng ({3} %) bị loại, vượt mức --max-rejected {4} %'),
  say(
    '; list them with --rejects FILE, mend the roll, or raise --max-rejected',
    '; hãy xem các dòng đó bằng --rejects FILE, sửa danh sách, hoặc nâng mức --max-rejected',
  ),
  say('^1 row rejected', '1 dòng bị loại'),
  say('^{n} rows rejected', '{1} dòng bị loại'),
  say(', see {X}$', ', xem {1}'),
  say('; list them all with --rejects FILE$', '; xem tất cả bằng --rejects FILE'),
  say(': the totals are of the units selected, not of the whole roll', ': số tổng cộng là của các đơn vị được chọn, không phải của toàn bộ danh sách'),
  say(
    ': it is a survey roll, and this command reads classified rolls; run {q} on it first, or {q} for a summary',
    ': đây là danh sách rà soát gốc, còn lệnh này đọc danh sách đã phân loại; hãy chạy {1} cho danh sách trước, hoặc chạy {2} để lập báo cáo tổng hợp',
  ),
  say(
    ': it is the same file as {q} (SHA-256 {w}), and its households would count twice; give each roll once',
    ': tệp này trùng với {1} (SHA-256 {2}), các hộ sẽ bị tính hai lần; mỗi danh sách chỉ đưa vào một lần',
  ),
  say(/^(.+?): ([\d,]+) households? used/, '{1}: dùng {2} hộ'),
  say('; {n} household{s} outside --only, not used', '; {1} hộ ngoài --only, không dùng'),
  say(/(?<=; )([\d,]+) rows? rejected \(/, '{1} dòng bị loại ('),
  say(/(?<=; )([\d,]+) rows? rejected(?=;|$)/, '{1} dòng bị loại'),
  say('; assumed: ', '; giả định: '),
  ...NOTE_KEYS.map(noteRule),
  say(/^Reading (.+): ([\d,]+) households$/, 'Đang đọc {1}: {2} hộ'),
  say(/^Reading (.+)$/, 'Đang đọc {1}'),

  // --- Classification ---------------------------------------------------------------------
  say('^Classified {n} household{s}', 'Đã phân loại {1} hộ'),
  say('the roll of an unknown year', 'danh sách không rõ năm'),
  say('unknown year: ', 'không rõ năm: '),
  say('unknown year', 'không rõ năm'),
  say(
    '^  poor {n} · near-poor {n} · average {n} · non-poor {n} · unclassified {n}$',
    '  hộ nghèo {1} · hộ cận nghèo {2} · hộ có mức sống trung bình {3} · hộ không nghèo {4} · chưa phân loại được {5}',
  ),
  say('^  {n} classified by review score B1 (no income in the roll)$', '  {1} hộ phân loại theo điểm B1 của phiếu rà soát (danh sách không có thu nhập)'),
  say('^  unclassified: ', '  chưa phân loại được: '),
  say(
    '^  {n} household{s} recorded in another class than the rules give (class_mismatch = 1)$',
    '  {1} hộ có phân loại trong danh sách khác với kết quả theo chuẩn nghèo (class_mismatch = 1)',
  ),
  say('income and score B1 unknown', 'không rõ thu nhập và điểm B1'),
  say('income unknown', 'không rõ thu nhập'),
  say('deprivations unknown', 'không rõ các chỉ số thiếu hụt'),
  say('{n} of {n} indicators unknown', 'không rõ {1} trong {2} chỉ số'),
  say('score B1 cannot tell the line {q} (give income)', 'điểm B1 không đủ để so với chuẩn {1} (cần ghi thu nhập)'),
  say(
    'farm household unknown (no farm_household, no recorded class)',
    'không rõ có phải hộ làm nông, lâm, ngư, diêm nghiệp hay không (không có cột farm_household, không có phân loại trong danh sách)',
  ),
  say('review year unknown', 'không rõ năm rà soát'),
  say('area (rural or urban) unknown', 'không rõ khu vực (nông thôn hay thành thị)'),

  // --- Rates, lists of some households, unknown counts -------------------------------------
  say('^Rates for {n} area{s} and the total', 'Tỷ lệ của {1} đơn vị và dòng tổng cộng'),
  say(' (review year {y})$', ' (năm rà soát {1})'),
  say(
    'no household has review year {y} (found {x})',
    (year, found) => `không hộ nào có năm rà soát ${year} (danh sách có năm: ${found === 'none' ? 'không có' : found})`,
  ),
  say(
    'the roll holds review years {x}; pick one with --year, or compare them with {q}',
    'danh sách có nhiều năm rà soát: {1}; hãy chọn một năm bằng --year, hoặc so sánh các năm bằng {2}',
  ),
  say('the roll of {y}', 'danh sách năm {1}'),
  say(' looks like a list of some households only (', ' có vẻ chỉ là danh sách một số hộ ('),
  say(
    '): rates need every resident household, so they are left empty; give the households of each area with --totals FILE',
    '): tính tỷ lệ cần toàn bộ hộ dân cư nên các tỷ lệ để trống; hãy cung cấp số hộ dân cư của từng đơn vị bằng --totals FILE',
  ),
  say(
    '): rates are over the households of --totals; counts of the classes the list does not hold are left empty',
    '): tỷ lệ được tính trên số hộ dân cư của --totals; số hộ của các nhóm không có trong danh sách để trống',
  ),
  say(
    /(\uE000\d+\uE001) is titled as a list of (poor and near-poor households|near-poor households|poor households|households that escaped poverty)/,
    (path, list) => `${path} có tiêu đề là danh sách ${LIST_VI[list!]}`,
  ),
  say(
    '{n} % of its households are poor or near-poor, more than any real commune (--max-poor-share {n} %)',
    '{1} % số hộ là hộ nghèo hoặc cận nghèo, nhiều hơn bất kỳ xã thực tế nào (--max-poor-share {2} %)',
  ),
  say(
    /(an area has|[\d,]+ areas have) more poor and near-poor households than any real commune \(--max-poor-share (\d+) %\)/,
    (who, share) =>
      `${who === 'an area has' ? 'có một đơn vị' : `có ${who!.replace(' areas have', '')} đơn vị`} có nhiều hộ nghèo và cận nghèo hơn bất kỳ xã thực tế nào (--max-poor-share ${share} %)`,
  ),
  say(
    /: in ([\d,]+) areas?( and the total)? more than ([\d.]+) % of the households are unclassified and may be poor or near-poor \(/,
    (count, total, share) =>
      `: ở ${count} đơn vị${total ? ' và dòng tổng cộng' : ''}, hơn ${share} % số hộ chưa phân loại được và có thể là hộ nghèo hoặc cận nghèo (`,
  ),
  say(': {n} of {n}{~(?=; |\\): their counts)}', ': {1} trong {2} hộ'),
  say('(the total): their counts', '(dòng tổng cộng): their counts'),
  say(
    '): their counts and rates are left empty; unclassified_reason says what is missing (--max-unclassified)',
    '): số hộ và tỷ lệ của các đơn vị đó để trống; cột unclassified_reason ghi rõ thiếu dữ liệu gì (--max-unclassified)',
  ),
  say(
    '{n} household{s} ha{~(?:s|ve)} no member count: the persons figures of their areas are left empty (column members_unknown)',
    '{1} hộ không có số nhân khẩu: số liệu về nhân khẩu của các đơn vị đó để trống (cột members_unknown)',
  ),

  // --- Compare and the change sheets ---------------------------------------------------------
  say(
    ': the rolls hold one review year ({x}); compare needs two or more review years',
    ': các danh sách chỉ có một năm rà soát ({1}); cần từ hai năm rà soát trở lên để so sánh',
  ),
  say(
    ': the rolls hold no household ({x}); compare needs two or more review years',
    ': các danh sách không có hộ nào; cần từ hai năm rà soát trở lên để so sánh',
  ),
  say(
    ': review year {y} is in both {q} and {q}; compare needs one roll per review year',
    ': năm rà soát {1} có trong cả {2} và {3}; mỗi năm rà soát chỉ được có một danh sách',
  ),
  say(' has no review year; give the year a column, or ingest the roll with --year', ' không có năm rà soát; hãy thêm cột năm, hoặc chạy ingest với --year'),
  say('the flows do not add up for {x}; this is a bug in povroll, please report it', 'diễn biến không khớp ở {1}; đây là lỗi của povroll, xin hãy báo lại'),
  say(/(?<=không khớp ở )the total\b/, 'dòng tổng cộng'),
  say('^{y} was classified under {w} and {y} under {w}: ', (a, s1, b, s2) => `năm ${a} phân loại theo ${s1} còn năm ${b} theo ${s2}: `),
  say('^{y} was classified under no standard and {y} under {w}: ', 'năm {1} không phân loại theo chuẩn nghèo nào còn năm {2} theo {3}: '),
  say('^{y} was classified under {w} and {y} under no standard: ', 'năm {1} phân loại theo {2} còn năm {3} không theo chuẩn nghèo nào: '),
  say(
    'changes across standards are not shown as reductions; pass --allow-standard-change to show them',
    'thay đổi giữa hai chuẩn nghèo khác nhau không được tính là giảm nghèo; dùng --allow-standard-change để hiển thị',
  ),
  say(
    'changes across standards are shown as asked (--allow-standard-change)',
    'thay đổi giữa hai chuẩn nghèo khác nhau vẫn được hiển thị theo yêu cầu (--allow-standard-change)',
  ),
  say(
    'the change sheets say so and show no reductions (--allow-standard-change shows them)',
    'các biểu thay đổi có ghi rõ điều này và không tính mức giảm (--allow-standard-change để hiển thị)',
  ),
  say('the change sheets say so', 'các biểu thay đổi có ghi rõ điều này'),
  say(
    "the {y} roll lists only poor and near-poor households: {n} household{s} of {y}'s poor and near-poor are missing from it without an exit record; they count as other decreases, not escapes (per area: poor_missing_after, near_poor_missing_after)",
    'danh sách năm {1} chỉ gồm hộ nghèo và hộ cận nghèo: {2} hộ nghèo, cận nghèo của năm {3} không có trong danh sách mà không có hồ sơ ra khỏi danh sách; các hộ này được tính là giảm khác, không phải thoát nghèo (theo đơn vị: poor_missing_after, near_poor_missing_after)',
  ),
  say(
    '^{y}→{y}, {w}: poor rate down {n} points a year in the best fifth of {n} area{s}, {n} in the worst (spread {n})',
    (from, to, level, best, areas, worst, spread) =>
      `${from}→${to}, cấp ${LEVEL_VI[level] ?? level}: tỷ lệ hộ nghèo giảm bình quân ${best} điểm %/năm ở 1/5 số đơn vị giảm nhiều nhất (trong ${areas} đơn vị), ${worst} điểm ở 1/5 giảm ít nhất (chênh lệch ${spread})`,
  ),
  say('; {n} area{s} below target$', '; {1} đơn vị chưa đạt chỉ tiêu'),
  say(
    'the {y} roll repeats the {y} roll household for household (the same codes, classes, members, deprivations and places): is it the {y} roll under another year? Every change shows as 0',
    'danh sách năm {1} lặp lại y hệt danh sách năm {2} từng hộ một (cùng mã hộ, phân loại, nhân khẩu, thiếu hụt và địa bàn): có phải đó là danh sách năm {3} bị ghi nhầm năm? Mọi thay đổi đều bằng 0',
  ),
  say(
    'the {y} roll has districts and the {y} roll has none (the July 2025 reform): without --crosswalk FILE their units do not correspond, and households seem to have moved',
    'danh sách năm {1} có cấp huyện còn danh sách năm {2} thì không (sắp xếp đơn vị hành chính từ tháng 7/2025): không có --crosswalk FILE thì đơn vị của hai năm không tương ứng, các hộ sẽ có vẻ như đã chuyển đi',
  ),
  say('no sheets on change between years: {x}; households are matched by code$', 'không lập các biểu thay đổi giữa các năm: {1}; hộ được đối chiếu theo mã hộ'),
  say(
    'targets are evaluated on change between review years, and the rolls hold one year: no targets sheet',
    'chỉ tiêu được đánh giá trên thay đổi giữa các năm rà soát, mà các danh sách chỉ có một năm: không lập biểu chỉ tiêu',
  ),

  // --- Report, check ---------------------------------------------------------------------------
  say(
    ": the rolls hold several review years and a totals file gives one year's figures; report one year at a time",
    ': các danh sách có nhiều năm rà soát, còn tệp tổng số hộ chỉ có số liệu của một năm; hãy lập báo cáo từng năm một',
  ),
  say(': the rolls hold no household', ': các danh sách không có hộ nào'),
  say(/^Wrote (.+) \(([\d,]+) sheets?: /, 'Đã ghi {1} ({2} trang tính: '),
  say('^{x}: {n} row{s} checked, all add up$', '{1}: đã kiểm tra {2} dòng, tất cả đều khớp'),
  say('^{x}: {n} row{s} checked, {n} cell{s} do{~(?:es)?} not add up$', '{1}: đã kiểm tra {2} dòng, {3} ô không khớp'),
  say('^{n} cell{s} do{~(?:es)?} not add up in {q} (listed on stdout)$', '{1} ô không khớp trong {2} (liệt kê ở stdout)'),
  say('^Every total, rate and identity of {q} adds up$', 'Mọi số tổng, tỷ lệ và đẳng thức trong {1} đều khớp'),
  say('^not in a form layout, not checked: ', 'không theo mẫu biểu, không kiểm tra: '),
  say(
    ': no sheet is in a known layout (a row of column numbers — A, B, 1, 2, 3, 4=3/1*100 … — under the headings, as the official forms have); sheets: ',
    ': không trang tính nào theo mẫu biểu đã biết (một dòng đánh số cột — A, B, 1, 2, 3, 4=3/1*100 … — ngay dưới tiêu đề, như các biểu mẫu chính thức); các trang tính: ',
  ),

  // --- Ingest ---------------------------------------------------------------------------------
  say('^Ingested {n} household{s} from {n} file{s} ({n} sheet{s})$', 'Đã nhập {1} hộ từ {2} tệp ({3} trang tính)'),

  // --- The error boundary -----------------------------------------------------------------------
  say(' (an internal error: please report it)', ' (lỗi nội bộ của povroll: xin hãy báo lại)'),

  // --- Words that recur everywhere: places, counts ------------------------------------------------
  say(': the total: ', ': dòng tổng cộng: '),
  say(/\b(village|commune|district|province)( code)? (?=\uE000)/, (level, code) => `${code ? 'mã ' : ''}${LEVEL_VI[level!]} `),
  say(/\b(villages|communes|districts|provinces) (?=\uE000)/, (levels) => `${LEVELS_VI[levels!]} `),
  say(' (code {w})', ' (mã {1})'),
  say('(no name)', '(không rõ tên)'),
  say(/ in (?=(?:thôn|xã|huyện|tỉnh|mã xã|mã huyện|mã tỉnh) \uE000)/, ' thuộc '),
  say(/(\uE000\d+\uE001|\)) or (?=(?:thôn|xã|huyện|tỉnh|mã xã|mã huyện|mã tỉnh) \uE000)/, '{1} hoặc '),
  say('sheet {q}', 'trang tính {1}'),
  say('column {q}', 'cột {1}'),
  say('row {n}', 'dòng {1}'),
  say('rows {n}', 'các dòng {1}'),
  say('(first: ', '(dòng đầu tiên: '),
  say(', found {q}', ', gặp {1}'),
  say(', found ', ', gặp '),
  say('expected ', 'cần '),
  say(/(?<=có các cột [^;]*) and ([\d,]+) more/, ' và {1} cột khác'),
  say(/(?<=\(d_\w+\)) and ([\d,]+) more/, ' và {1} chỉ số khác'),
  say(/(?<=tiêu đề cột không hiểu được: [^;]*) and ([\d,]+) more/, ' và {1} tiêu đề khác'),
  say(' and {n} more', ' và {1} mục khác'),
  say('{n} household{s}', '{1} hộ'),
  say('{n} row{s}', '{1} dòng'),
  say('{n} area{s}', '{1} đơn vị'),
  say('{n} file{s}', '{1} tệp'),
  say('{n} sheet{s}', '{1} trang tính'),
  say('no standard', 'không có chuẩn nghèo'),
  say('^error: ', 'lỗi: '),
];

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// ---------------------------------------------------------------------------
// Setting aside what the user wrote
// ---------------------------------------------------------------------------

/**
 * Quoted text ("…", “…”, and '…' opened after a space or bracket and closed
 * before one: not the apostrophe of "column's"), and paths: a run of
 * characters with a slash, or one ending in a spreadsheet's or a JSON file's
 * extension (with `!row` or `#sheet` after it).
 */
const SET_ASIDE =
  /"[^"\n]*"|“[^”\n]*”|(?<![\p{L}\p{N}'])'[^'\n]*'(?![\p{L}\p{N}])|(?<![^\s(=])(?:[^\s"'()[\];,]*[/\\][^\s"'()[\];,]*|[^\s"'()[\];,]+\.(?:csv|tsv|txt|xlsx|xlsm|xls|ods|json|parquet|duckdb)(?:[!#][^\s"'()[\];,]*)?)/gu;

/** A word with a slash is a path when it looks like one: "/tmp/x", "./x", "rolls/x.csv", "a/b/c", "rolls/"; not "and/or" nor "Debian/Ubuntu". */
function isPath(text: string): boolean {
  if (!/[/\\]/.test(text)) return true; // a file name by its extension
  if (text.length < 2) return false;
  return /^[/\\.~]/.test(text) || /[/\\]$/.test(text) || /\./.test(text) || (text.match(/[/\\]/g) ?? []).length >= 2;
}

function setAside(line: string): { masked: string; kept: string[] } {
  const kept: string[] = [];
  const masked = line.replace(SET_ASIDE, (text) => {
    const quoted = /^["'“]/.test(text);
    if (!quoted && !isPath(text)) return text;
    // A path at the end of a clause keeps its colon or full stop outside.
    const tail = quoted ? '' : (/[:.]+$/.exec(text)?.[0] ?? '');
    kept.push(text.slice(0, text.length - tail.length));
    return `${OPEN}${kept.length - 1}${CLOSE}${tail}`;
  });
  return { masked, kept };
}

function putBack(text: string, kept: readonly string[]): string {
  return text.replace(new RegExp(`${OPEN}(\\d+)${CLOSE}`, 'g'), (_, i: string) => kept[Number(i)]!);
}

/** One line of a message in Vietnamese. */
function translateLine(line: string): string {
  if (!/[A-Za-z]{2}/.test(line)) return line;
  const { masked, kept } = setAside(line);
  let text = masked;
  for (const { pattern, replacement } of RULES) {
    pattern.lastIndex = 0;
    if (!pattern.test(text)) continue;
    pattern.lastIndex = 0;
    text = text.replace(pattern, replacement as string);
  }
  return putBack(text, kept);
}

/** A message composed in English, in Vietnamese: line by line, fragment by fragment. What no rule knows stays in English. */
export function toVietnamese(text: string): string {
  return text.includes('\n') ? text.split('\n').map(translateLine).join('\n') : translateLine(text);
}

// ---------------------------------------------------------------------------
// Help: the texts of the command registry (src/cli.ts), whole
// ---------------------------------------------------------------------------

/** Headings commander gives its help. */
export const HELP_TITLES_VI: Readonly<Record<string, string>> = {
  'Usage:': 'Cách dùng:',
  'Options:': 'Tùy chọn:',
  'Arguments:': 'Tham số:',
  'Commands:': 'Lệnh:',
  'Global Options:': 'Tùy chọn chung:',
};

const LOCATION_FILLS = 'điền vào chỗ còn thiếu, không dùng để chọn dòng';

/** Each description of the help, by its English wording. */
const HELP_VI: Readonly<Record<string, string>> = {
  // The program.
  "Vietnam's review of poor and near-poor households: ingest and classify rolls, compute rates and reductions, write the official Excel summaries, check submitted ones":
    'Rà soát hộ nghèo, hộ cận nghèo: nhập và phân loại danh sách hộ, tính tỷ lệ và mức giảm nghèo, lập các biểu tổng hợp Excel theo mẫu, kiểm tra báo cáo cấp dưới gửi lên',
  'output the version number': 'in số phiên bản',
  'display help for command': 'xem hướng dẫn của lệnh',
  'print nothing on stderr but errors': 'không in gì lên stderr ngoài thông báo lỗi',
  'print details, and stack traces with errors': 'in thêm chi tiết, và vết ngăn xếp (stack trace) kèm thông báo lỗi',
  'language of report labels, and of messages on stderr (which without --lang follow POVROLL_LANG, else LANG, else English)':
    'ngôn ngữ của nhãn trong báo cáo, và của thông báo trên stderr (khi không có --lang, thông báo theo POVROLL_LANG, rồi đến LANG, nếu không thì bằng tiếng Anh)',
  'settings file of options an office repeats every year (default: povroll.json in the current folder, when there is one); options given on the command line win':
    'tệp cấu hình các tùy chọn mà cơ quan dùng lặp lại hằng năm (mặc định: povroll.json trong thư mục hiện tại, nếu có); tùy chọn ghi trên dòng lệnh được ưu tiên',
  // Summaries of the commands.
  'survey rolls as offices send them → one canonical household roll': 'danh sách rà soát như các xã gửi lên → một danh sách hộ chuẩn hóa',
  'classify every household of a roll under its standard': 'phân loại từng hộ trong danh sách theo chuẩn nghèo của năm rà soát',
  'poverty rates per area of a classified roll': 'tỷ lệ hộ nghèo, cận nghèo theo đơn vị của danh sách đã phân loại',
  'rate changes and flows of households between review years': 'thay đổi tỷ lệ và diễn biến hộ nghèo, cận nghèo giữa các năm rà soát',
  'Excel summary of classified rolls': 'báo cáo tổng hợp Excel từ danh sách đã phân loại',
  'the whole pipeline: rolls in, Excel summary out': 'toàn bộ quy trình: đưa danh sách vào, ra báo cáo tổng hợp Excel',
  're-add a submitted summary and list what does not add up': 'cộng lại báo cáo tổng hợp được gửi lên và liệt kê các ô không khớp',
  'the built-in poverty standards and their rules': 'các chuẩn nghèo có sẵn và quy tắc phân loại',
  // ingest.
  'Read survey rolls (.xlsx, .xlsm, .csv, .tsv; .xls and .ods through LibreOffice) as commune offices send them — title blocks, merged multi-row headers, one row per person in household blocks, repeated headers, totals and signature footers, many sheets and files — and write one canonical household roll. Every row read is a household, a member row folded into one, a rejected row (--rejects) or a skipped row, and the summary on stderr adds them up per file and sheet.':
    'Đọc danh sách rà soát (.xlsx, .xlsm, .csv, .tsv; .xls và .ods qua LibreOffice) đúng như các xã gửi lên — phần tiêu đề biểu, dòng đầu bảng gộp nhiều dòng, mỗi người một dòng theo từng hộ, dòng đầu bảng lặp lại, dòng tổng và phần ký tên, nhiều trang tính và nhiều tệp — rồi ghi ra một danh sách hộ chuẩn hóa. Mỗi dòng đọc được là một hộ, một dòng thành viên gộp vào hộ, một dòng bị loại (--rejects) hoặc một dòng bỏ qua; phần tóm tắt trên stderr cộng các dòng đó theo từng tệp và trang tính.',
  'roll files, folders (every roll in them) or glob patterns': 'tệp danh sách, thư mục (mọi danh sách trong đó) hoặc mẫu tên tệp (glob)',
  'JSON naming columns the dictionary does not know: {"columns": {"Heading": "field"}, "class_codes": {"1": "poor"}}':
    'tệp JSON khai báo các cột mà từ điển tiêu đề chưa biết: {"columns": {"Heading": "field"}, "class_codes": {"1": "poor"}}',
  'province of rows whose file has no province column (fills it in; does not select rows: rates, compare, report and run select units with --only)': `tỉnh của các dòng mà tệp không có cột tỉnh (${LOCATION_FILLS}: rates, compare, report và run chọn đơn vị bằng --only)`,
  'district of rows whose file has no district column (fills it in; does not select rows: rates, compare, report and run select units with --only)': `huyện của các dòng mà tệp không có cột huyện (${LOCATION_FILLS}: rates, compare, report và run chọn đơn vị bằng --only)`,
  'commune of rows whose file has no commune column, else the sheet name, else the title (fills it in; does not select rows: rates, compare, report and run select units with --only)': `xã của các dòng mà tệp không có cột xã, tên trang tính hay tiêu đề cũng không ghi (${LOCATION_FILLS}: rates, compare, report và run chọn đơn vị bằng --only)`,
  'province of rows whose file has no province column (fills it in; does not select rows: to select units, use --only)': `tỉnh của các dòng mà tệp không có cột tỉnh (${LOCATION_FILLS}: muốn chọn đơn vị, hãy dùng --only)`,
  'district of rows whose file has no district column (fills it in; does not select rows: to select units, use --only)': `huyện của các dòng mà tệp không có cột huyện (${LOCATION_FILLS}: muốn chọn đơn vị, hãy dùng --only)`,
  'commune of rows whose file has no commune column, else the sheet name, else the title (fills it in; does not select rows: to select units, use --only)': `xã của các dòng mà tệp không có cột xã, tên trang tính hay tiêu đề cũng không ghi (${LOCATION_FILLS}: muốn chọn đơn vị, hãy dùng --only)`,
  'area of rows whose file and commune name do not tell': 'khu vực (rural: nông thôn, urban: thành thị) của các dòng mà tệp và tên xã không cho biết',
  'review year of rows whose file has no year column, else the title, else the file name':
    'năm rà soát của các dòng mà tệp không có cột năm, tiêu đề và tên tệp cũng không ghi',
  'canonical household roll (default: stdout)': 'danh sách hộ chuẩn hóa (mặc định: stdout)',
  'write rejected rows (file, sheet, row, column, reason) to this CSV': 'ghi các dòng bị loại (tệp, trang tính, dòng, cột, lý do) vào tệp CSV này',
  'show which source column became which field, and which were left unused': 'cho biết cột nào của tệp gốc được đọc thành trường nào, và cột nào không dùng',
  'a household code repeated within a review year: keep both, first, last (holds the roll in memory) or error':
    'khi một mã hộ lặp lại trong cùng năm rà soát: "keep" giữ cả hai, "first" giữ hộ đầu tiên, "last" giữ hộ cuối cùng (giữ cả danh sách trong bộ nhớ), "error" báo lỗi',
  'stop at the first rejected row (exit 1)': 'dừng ngay ở dòng bị loại đầu tiên (mã thoát 1)',
  'stop (exit 1, after writing --rejects) when more than this share of rows is rejected':
    'dừng lại (mã thoát 1, sau khi ghi --rejects) khi tỷ lệ dòng bị loại vượt mức này',
  'reject households with more members than this (and with none)': 'loại các hộ có số nhân khẩu nhiều hơn mức này (và hộ không có nhân khẩu nào)',
  // classify.
  'Classify every household of a canonical household roll (CSV; a raw survey roll is read as ingest reads it) as poor, near_poor, average, non_poor or unclassified, and append the columns standard, poverty_line, deprivation_count, deprived, class, class_basis, class_mismatch (plus standard_indicators and unclassified_reason). Extra columns pass through untouched. Streams: memory does not grow with the roll.':
    'Phân loại từng hộ của danh sách hộ chuẩn hóa (CSV; danh sách rà soát gốc được đọc như ingest đọc) thành poor (hộ nghèo), near_poor (hộ cận nghèo), average (hộ có mức sống trung bình), non_poor (hộ không nghèo) hoặc unclassified (chưa phân loại được), và thêm các cột standard, poverty_line, deprivation_count, deprived, class, class_basis, class_mismatch (cùng standard_indicators và unclassified_reason). Các cột khác được giữ nguyên. Đọc theo luồng: bộ nhớ dùng không tăng theo độ dài danh sách.',
  'canonical household roll (or a raw roll, read as ingest reads it), or - for stdin':
    'danh sách hộ chuẩn hóa (hoặc danh sách rà soát gốc, đọc như ingest đọc), hoặc - để đọc từ stdin',
  'classified roll (default: stdout)': 'danh sách đã phân loại (mặc định: stdout)',
  'auto (by review year), qd59-2015, nd07-2021, nd351-2025, or a .json definition file':
    'auto (theo năm rà soát), qd59-2015, nd07-2021, nd351-2025, hoặc một tệp định nghĩa .json',
  'write rejected rows (file, row, column, reason) to this CSV': 'ghi các dòng bị loại (tệp, dòng, cột, lý do) vào tệp CSV này',
  // rates.
  'One row per area for each level of --by, then a total row: households, persons, poor and near-poor counts and rates (%, 2 decimals), deprivations of poor households and the Alkire-Foster measures H, A, M0. Rates never mix review years: a roll holding several needs --year. Keeps one tally per area, not the households.':
    'Mỗi đơn vị một dòng cho từng cấp của --by, sau đó là dòng tổng cộng: số hộ, số nhân khẩu, số hộ nghèo, cận nghèo và tỷ lệ (%, 2 chữ số thập phân), thiếu hụt của hộ nghèo và các chỉ số Alkire-Foster H, A, M0. Tỷ lệ không bao giờ gộp các năm rà soát: danh sách có nhiều năm cần --year. Chỉ giữ số đếm theo đơn vị, không giữ từng hộ.',
  'classified roll (output of classify), or - for stdin': 'danh sách đã phân loại (kết quả của classify), hoặc - để đọc từ stdin',
  'comma list of province, district, commune, village (required: here, or "by" in the settings file)':
    'các cấp, cách nhau bằng dấu phẩy: province (tỉnh), district (huyện), commune (xã), village (thôn) (bắt buộc: ở đây, hoặc "by" trong tệp cấu hình)',
  'use only the households of this unit: district=NAME, commune=NAME, village=NAME, commune_code=CODE … (names match without regard to case or diacritics); repeat for several units. The totals are then of the units selected':
    'chỉ dùng các hộ của đơn vị này: district=NAME, commune=NAME, village=NAME, commune_code=CODE … (tên được so khớp không phân biệt chữ hoa, chữ thường và dấu); lặp lại tùy chọn cho nhiều đơn vị. Khi đó số tổng cộng là của các đơn vị được chọn',
  'rates CSV (default: stdout)': 'tệp CSV tỷ lệ (mặc định: stdout)',
  'resident households (and persons) per area, for rolls listing only poor and near-poor households':
    'tổng số hộ dân cư (và nhân khẩu) của từng đơn vị, cho danh sách chỉ gồm hộ nghèo và hộ cận nghèo',
  'the review year to compute, when the roll holds several': 'năm rà soát cần tính, khi danh sách có nhiều năm',
  'a roll with more poor and near-poor households than this is taken for a list of those only: counts, but no rates without --totals':
    'danh sách có tỷ lệ hộ nghèo và cận nghèo cao hơn mức này được coi là danh sách chỉ gồm các hộ đó: có số hộ, nhưng không có tỷ lệ nếu không có --totals',
  "leave an area's poor and near-poor counts and rates empty when more of its households than this are unclassified and may be poor or near-poor":
    'để trống số hộ và tỷ lệ hộ nghèo, cận nghèo của đơn vị khi tỷ lệ hộ chưa phân loại được mà có thể là hộ nghèo hoặc cận nghèo vượt mức này',
  'write rejected rows to this CSV': 'ghi các dòng bị loại vào tệp CSV này',
  // compare.
  'Compare rolls of successive review years (classified rolls keep their classes; other rolls are classified as run does): for each pair of successive years and each area, the poor and near-poor rates before and after, the change in points, the average reduction a year, and the flows of households matched by household code — moved between classes, escaped, re-entered (tái nghèo), new, and other decreases and increases (absent, or moved between areas) — whose accounting identity is checked on every row. Households are matched in an embedded DuckDB database that spills to disk past --memory, so memory does not grow with the rolls (--moves and --crosswalk hold them in memory instead).':
    'So sánh danh sách của các năm rà soát liên tiếp (danh sách đã phân loại giữ nguyên phân loại; danh sách khác được phân loại như lệnh run): với từng cặp năm liên tiếp và từng đơn vị, tỷ lệ hộ nghèo, cận nghèo đầu kỳ và cuối kỳ, mức thay đổi (điểm %), mức giảm bình quân mỗi năm, và diễn biến các hộ được đối chiếu theo mã hộ — chuyển nhóm, thoát nghèo, tái nghèo, phát sinh mới, giảm khác và tăng khác (không còn trong danh sách, hoặc chuyển đơn vị) — với đẳng thức cân đối được kiểm tra ở từng dòng. Các hộ được đối chiếu trong cơ sở dữ liệu DuckDB nhúng, ghi tạm ra đĩa khi vượt --memory, nên bộ nhớ không tăng theo danh sách (--moves và --crosswalk giữ các hộ trong bộ nhớ).',
  'roll of the earlier review year (file, folder or glob)': 'danh sách của năm rà soát trước (tệp, thư mục hoặc mẫu tên tệp)',
  'rolls of the later review years': 'danh sách của các năm rà soát sau',
  'comparison CSV (default: stdout)': 'tệp CSV so sánh (mặc định: stdout)',
  'years to divide a change by, instead of the difference of the review years': 'số năm để chia mức thay đổi, thay cho khoảng cách giữa các năm rà soát',
  'show rate changes between rolls classified under different standards as reductions':
    'vẫn tính thay đổi tỷ lệ giữa các danh sách phân loại theo các chuẩn nghèo khác nhau là mức giảm nghèo',
  'with three or more rolls, add rows comparing the first with the last (period "span")':
    'khi có từ ba danh sách trở lên, thêm các dòng so sánh danh sách đầu với danh sách cuối (period "span")',
  'JSON of resolution targets (reduction a year, overall and for named areas; shares of poor households not deprived)':
    'tệp JSON các chỉ tiêu nghị quyết (mức giảm mỗi năm, chung và cho từng đơn vị; tỷ lệ hộ nghèo không thiếu hụt)',
  'CSV mapping old units (district + commune, or codes) to the new communes of the July 2025 reform':
    'tệp CSV chuyển đơn vị cũ (huyện + xã, hoặc mã) sang xã mới sau sắp xếp từ tháng 7/2025',
  'write households found in another commune in the next roll to this CSV': 'ghi các hộ có mặt ở xã khác trong danh sách năm sau vào tệp CSV này',
  'standard for rolls that are not yet classified: auto (by review year), an id, or a .json file':
    'chuẩn nghèo cho danh sách chưa phân loại: auto (theo năm rà soát), mã chuẩn nghèo, hoặc một tệp .json',
  // report and run.
  'Write an Excel summary of classified rolls: a result sheet per level (households, persons, poor and near-poor with rates), the deprivations of poor households, and an information sheet (inputs with SHA-256, standards, counts, version). One set of sheets per review year; given rolls of two or more years, sheets on change between them: rate changes, the movement of poor and near-poor households matched by code (forms 2 and 3), and progress against --targets. Labels in Vietnamese, or English with --lang en. The file appears only when complete.':
    'Lập báo cáo tổng hợp Excel từ danh sách đã phân loại: biểu kết quả theo từng cấp (số hộ, nhân khẩu, hộ nghèo và cận nghèo kèm tỷ lệ), thiếu hụt của hộ nghèo, và trang thông tin (các tệp đầu vào kèm SHA-256, chuẩn nghèo, số liệu, phiên bản). Mỗi năm rà soát một bộ biểu; khi có danh sách của hai năm trở lên, thêm các biểu thay đổi giữa các năm: thay đổi tỷ lệ, diễn biến hộ nghèo và cận nghèo đối chiếu theo mã hộ (biểu 2 và 3), và kết quả thực hiện --targets. Nhãn bằng tiếng Việt, hoặc tiếng Anh với --lang en. Tệp chỉ xuất hiện khi đã ghi xong.',
  'classified rolls': 'các danh sách đã phân loại',
  'summary workbook (.xlsx)': 'tệp Excel báo cáo tổng hợp (.xlsx)',
  'summary workbook: a name ending in .xlsx': 'tệp Excel báo cáo tổng hợp: tên tệp có đuôi .xlsx',
  'levels to summarise, comma list of province, district, commune, village (default: province, district and commune where the rolls name them)':
    'các cấp tổng hợp, cách nhau bằng dấu phẩy: province, district, commune, village (mặc định: tỉnh, huyện và xã, ở những cấp danh sách có ghi)',
  'the issuing unit, top left of every form, e.g. "UBND HUYỆN BÌNH GIA" (default: from the province the rolls name)':
    'đơn vị ban hành, ở góc trên bên trái mỗi biểu, ví dụ "UBND HUYỆN BÌNH GIA" (mặc định: theo tỉnh ghi trong danh sách)',
  'the place of the date line above the signatures, e.g. "Bình Gia" (default: left dotted to fill in)':
    'địa danh ở dòng ngày tháng phía trên chữ ký, ví dụ "Bình Gia" (mặc định: để dấu chấm để điền tay)',
  'JSON of resolution targets, evaluated on the change sheets (two or more review years)':
    'tệp JSON các chỉ tiêu nghị quyết, đánh giá trên các biểu thay đổi (hai năm rà soát trở lên)',
  'CSV mapping old units to the new communes of the July 2025 reform, for the change sheets':
    'tệp CSV chuyển đơn vị cũ sang xã mới sau sắp xếp từ tháng 7/2025, cho các biểu thay đổi',
  'leave out the sheets on change between years (their households are matched in DuckDB within --memory; with --crosswalk, held in memory: about 170 bytes each)':
    'không lập các biểu thay đổi giữa các năm (các hộ của các biểu này được đối chiếu trong DuckDB trong giới hạn --memory; với --crosswalk, giữ trong bộ nhớ: khoảng 170 byte mỗi hộ)',
  'show changes between years classified under different standards as reductions':
    'vẫn tính thay đổi giữa các năm phân loại theo các chuẩn nghèo khác nhau là mức giảm nghèo',
  'write plain numbers instead of live formulas in rates, sums and totals': 'ghi số thay cho công thức ở các ô tỷ lệ, ô cộng và dòng tổng',
  'record the time the summary was made (by default it carries none, so the same inputs give the same file)':
    'ghi thời điểm lập báo cáo (mặc định không ghi, để cùng đầu vào cho ra cùng một tệp)',
  'put heads of household on the class-check sheet (personal data; left out by default)':
    'ghi họ tên chủ hộ trên trang kiểm tra phân loại (dữ liệu cá nhân; mặc định không ghi)',
  'Classify every household of the given rolls and write the Excel summary in one pass (what classify followed by report would do, without the intermediate file). Each argument is one roll; given two or more, the summary adds the sheets on change between review years, as report does.':
    'Phân loại từng hộ của các danh sách và lập báo cáo tổng hợp Excel trong một lần chạy (như chạy classify rồi report, không cần tệp trung gian). Mỗi tham số là một danh sách; khi có từ hai danh sách trở lên, báo cáo có thêm các biểu thay đổi giữa các năm rà soát, như lệnh report.',
  'rolls: canonical CSV or raw survey files, folders or glob patterns': 'các danh sách: tệp CSV chuẩn hóa hoặc tệp rà soát gốc, thư mục hoặc mẫu tên tệp',
  // check.
  'Re-add a summary laid out as the official forms are (made by povroll or typed by hand): the row of column numbers under the headings says how each computed column follows from the others ("4=3/1*100", "9=1-2-3-4+5+6+7+8"), a unit numbered I, II … must be the sum of the units below it, and the total the sum of those. Every cell that does not add up is listed (sheet, cell, rule, found, expected) on stdout; exit 1 when there is any.':
    'Cộng lại một báo cáo tổng hợp theo mẫu biểu chính thức (do povroll lập hoặc nhập tay): dòng đánh số cột dưới tiêu đề cho biết cách tính mỗi cột từ các cột khác ("4=3/1*100", "9=1-2-3-4+5+6+7+8"), đơn vị đánh số I, II … phải bằng tổng các đơn vị bên dưới, và dòng tổng cộng bằng tổng các đơn vị đó. Mọi ô không khớp được liệt kê (sheet, cell, rule, found, expected) ra stdout; có ô không khớp thì mã thoát là 1.',
  'the list of cells that do not add up, as CSV (default: stdout)': 'danh sách các ô không khớp, dạng CSV (mặc định: stdout)',
  // standards.
  'List the built-in standards, or show one (or a definition file) in full: lines, class rules, indicators, score cut-offs and notes.':
    'Liệt kê các chuẩn nghèo có sẵn, hoặc xem đầy đủ một chuẩn (hay một tệp định nghĩa): mức chuẩn, quy tắc phân loại, các chỉ số, ngưỡng điểm và ghi chú.',
  'standard id or .json definition file': 'mã chuẩn nghèo hoặc tệp định nghĩa .json',
  'print the definition file format': 'in ra dưới dạng tệp định nghĩa',
  // The texts after the help.
  'Examples:': 'Ví dụ:',
  'start a local standard': 'bắt đầu một chuẩn nghèo riêng của địa phương',
  "a province's own standard, checked and shown": 'chuẩn nghèo riêng của một tỉnh, được kiểm tra rồi in ra',
  '--by from the settings file': '--by lấy từ tệp cấu hình',
  "exit 1: one commune's poor count was typed over": 'mã thoát 1: số hộ nghèo của một xã đã bị gõ đè',
  'Exit codes: 0 success, 1 bad data or I/O failure, 2 usage error.': 'Mã thoát: 0 thành công, 1 dữ liệu sai hoặc lỗi đọc ghi tệp, 2 dùng lệnh sai.',
  'Data goes to stdout (or -o FILE); progress, warnings and summaries go to stderr.':
    'Dữ liệu ghi ra stdout (hoặc -o FILE); tiến độ, cảnh báo và phần tóm tắt ghi ra stderr.',
  'Messages are in Vietnamese with --lang vi, POVROLL_LANG=vi or a Vietnamese locale (LANG=vi_VN.UTF-8), else in English.':
    'Thông báo bằng tiếng Việt khi có --lang vi, POVROLL_LANG=vi hoặc máy dùng ngôn ngữ tiếng Việt (LANG=vi_VN.UTF-8), nếu không thì bằng tiếng Anh.',
  'Options an office repeats every year can live in povroll.json in the current folder (or --config FILE):':
    'Các tùy chọn mà cơ quan dùng lặp lại hằng năm có thể ghi trong povroll.json ở thư mục hiện tại (hoặc --config FILE):',
  'with the keys unit, place, map, totals, targets, crosswalk, by, lang, standard, only, max_rejected, max_members,':
    'với các khóa unit, place, map, totals, targets, crosswalk, by, lang, standard, only, max_rejected, max_members,',
  'max_poor_share and max_unclassified; paths are relative to the file, and options on the command line win.':
    'max_poor_share và max_unclassified; đường dẫn tính từ thư mục của tệp, và tùy chọn trên dòng lệnh được ưu tiên.',
  // The registry, and the commands that read it (--db).
  'one roll per review year, earliest first (file, folder or glob); with --db, more years to add to the registry’s':
    'mỗi năm rà soát một danh sách, năm sớm nhất trước (tệp, thư mục hoặc mẫu tên tệp); khi có --db, là các năm đọc thêm ngoài các năm của kho dữ liệu',
  'read every review year stored in this registry (povroll registry add), besides any rolls given':
    'đọc mọi năm rà soát lưu trong kho dữ liệu này (povroll registry add), cùng với các danh sách đưa vào',
  'classified rolls (none with --db)': 'danh sách đã phân loại (không cần khi có --db)',
  'rolls: canonical CSV or raw survey files, folders or glob patterns (none needed with --db)':
    'danh sách: tệp CSV chuẩn hóa hoặc tệp rà soát gốc, thư mục hoặc mẫu tên tệp (không cần khi có --db)',
  'read every review year stored in this registry (povroll registry add), and add the sheet on how lasting the reduction is':
    'đọc mọi năm rà soát lưu trong kho dữ liệu này (povroll registry add) và thêm biểu về mức độ bền vững của kết quả giảm nghèo',
  'with --db: households with an income at most this much above the line out of poverty count as just above it':
    'khi có --db: hộ có thu nhập cao hơn chuẩn thoát nghèo không quá tỷ lệ phần trăm này được tính là hộ sát chuẩn',
  'a lasting store of every review year: add rolls, list, export': 'kho dữ liệu lâu dài của mọi năm rà soát: thêm danh sách, liệt kê, xuất dữ liệu',
  "A registry is one DuckDB file holding every review year's classified households, so that a scheduled job adds this year's rolls and summarises against every earlier year without reading them again (compare, report and run take --db). Years are stored whole and in one transaction: a failed or interrupted add leaves the registry as it was.":
    'Kho dữ liệu là một tệp DuckDB chứa các hộ đã phân loại của mọi năm rà soát, để một tác vụ định kỳ thêm danh sách của năm nay rồi lập báo cáo so với mọi năm trước mà không phải đọc lại các năm đó (compare, report và run nhận --db). Mỗi năm được lưu trọn vẹn trong một giao dịch: lần thêm bị lỗi hoặc bị ngắt giữa chừng để nguyên kho như cũ.',
  'classify rolls and store their households, by review year': 'phân loại danh sách và lưu các hộ vào kho theo năm rà soát',
  "Read the rolls (canonical or raw survey files, folders or globs, or - for stdin), classify every household as classify does, and store the households of each review year in the registry, created when it does not exist. A year already stored is refused unless --replace, which swaps it in the same transaction. Each file's SHA-256 is kept; the same file twice is refused.":
    'Đọc các danh sách (tệp chuẩn hóa hoặc tệp rà soát gốc, thư mục hoặc mẫu tên tệp, hoặc - để đọc từ stdin), phân loại từng hộ như lệnh classify, rồi lưu các hộ của từng năm rà soát vào kho dữ liệu (tạo mới nếu chưa có). Năm đã có trong kho bị từ chối, trừ khi có --replace để thay thế ngay trong cùng giao dịch. Mã SHA-256 của từng tệp được lưu lại; một tệp đưa vào hai lần bị từ chối.',
  'rolls of one or more review years': 'danh sách của một hoặc nhiều năm rà soát',
  'the registry (a DuckDB file, created if missing)': 'kho dữ liệu (tệp DuckDB, tạo mới nếu chưa có)',
  'replace review years already stored by the households read now': 'thay các năm rà soát đã có trong kho bằng các hộ đọc lần này',
  'memory DuckDB may use before it spills to disk': 'dung lượng bộ nhớ DuckDB được dùng trước khi ghi tạm ra đĩa',
  'memory for matching households between years (DuckDB is held to a quarter of it, its own use running to twice its limit; it spills to disk beyond)':
    'dung lượng bộ nhớ để đối chiếu hộ giữa các năm (DuckDB chỉ được dùng một phần tư, vì bộ nhớ thực dùng của nó gấp đôi giới hạn trở lên; vượt quá thì ghi tạm ra đĩa)',
  'csv or parquet (default: parquet when the output’s name ends in .parquet, else csv)':
    'csv hoặc parquet (mặc định: parquet khi tên tệp kết quả kết thúc bằng .parquet, nếu không thì csv)',
  'the review years a registry holds': 'các năm rà soát có trong kho dữ liệu',
  'Print, as CSV, each stored review year with its households, poor, near-poor and unclassified households, its files and when it was added.':
    'In ra dạng CSV từng năm rà soát đã lưu: số hộ, hộ nghèo, hộ cận nghèo, hộ chưa phân loại được, các tệp và thời điểm thêm vào.',
  'the registry': 'kho dữ liệu',
  'CSV (default: stdout)': 'tệp CSV (mặc định: stdout)',
  'the stored households as Parquet or CSV, for other tools': 'xuất các hộ trong kho ra Parquet hoặc CSV để dùng với công cụ khác',
  "Write the stored households, typed (numbers as numbers, empty cells as NULL), to a Parquet file (or CSV: --format csv, or a .csv name), in year and reading order, with where each was read. Heads' names are left out unless --with-names. The file appears only when complete.":
    'Ghi các hộ trong kho, có kiểu dữ liệu (số là số, ô trống là NULL), ra tệp Parquet (hoặc CSV: --format csv, hoặc tên tệp .csv), theo thứ tự năm và thứ tự đọc, kèm nơi đọc từng hộ. Tên chủ hộ được bỏ đi, trừ khi có --with-names. Tệp chỉ xuất hiện khi đã ghi xong.',
  'the file to write (.parquet or .csv)': 'tệp cần ghi (.parquet hoặc .csv)',
  'comma list of review years (default: all)': 'các năm rà soát, cách nhau bằng dấu phẩy (mặc định: tất cả)',
  'parquet or csv (default: from the file name, else parquet)': 'parquet hoặc csv (mặc định: theo tên tệp, nếu không thì parquet)',
  'include heads of household (personal data)': 'kèm tên chủ hộ (dữ liệu cá nhân)',
  'how lasting escapes from poverty are, from every year of a registry': 'mức độ bền vững của thoát nghèo, từ mọi năm trong kho dữ liệu',
  'From every review year a registry holds, per area: of the households that left poverty between two rolls (poor, then near-poor, average or non-poor), how many are poor, or poor or near-poor, in each later roll (followed by household code); with --history, each year\'s poor by where they come from (poor the roll before, re-entered from an earlier roll, poor for the first time), the mean number of rolls they were poor in, and the households whose income is at most --margin percent above the line out of poverty ("nguy cơ tái nghèo"). What the rolls cannot tell is left empty.':
    'Từ mọi năm rà soát trong kho dữ liệu, theo từng đơn vị: trong số hộ thoát nghèo giữa hai kỳ rà soát (từ hộ nghèo thành hộ cận nghèo, hộ có mức sống trung bình hoặc hộ không nghèo), bao nhiêu hộ nghèo lại, hoặc nghèo hay cận nghèo, ở mỗi kỳ sau (theo dõi theo mã hộ); với --history, hộ nghèo từng năm theo nguồn gốc (đã nghèo ở kỳ trước, tái nghèo từ một kỳ trước đó, nghèo lần đầu), số kỳ nghèo bình quân, và số hộ có thu nhập cao hơn chuẩn thoát nghèo không quá --margin phần trăm ("nguy cơ tái nghèo"). Những gì danh sách không cho biết được để trống.',
  'escapes CSV (default: stdout)': 'tệp CSV hộ thoát nghèo (mặc định: stdout)',
  "also write each year's poor by origin and the households just above the line to this CSV":
    'ghi thêm hộ nghèo từng năm theo nguồn gốc và số hộ sát chuẩn ra tệp CSV này',
  'percent above the line out of poverty within which a household counts as just above it':
    'tỷ lệ phần trăm trên chuẩn thoát nghèo mà trong phạm vi đó hộ được tính là hộ sát chuẩn',
};

/** A text of the help in Vietnamese: whole when the registry's wording is known, else line by line (examples stay as they are, save their comments). */
export function helpInVietnamese(text: string): string {
  const whole = HELP_VI[text];
  if (whole !== undefined) return whole;
  return text
    .split('\n')
    .map((line) => {
      const example = /^(\s*\$ .*?)(#\s*)(.*)$/.exec(line);
      if (example) return `${example[1]}${example[2]}${HELP_VI[example[3]!.trim()] ?? example[3]}`;
      if (/^\s*\$ /.test(line) || /^\s*\{/.test(line)) return line;
      return HELP_VI[line.trim()] !== undefined ? line.replace(line.trim(), HELP_VI[line.trim()]!) : toVietnamese(line);
    })
    .join('\n');
}

/** Commander's notes after an option's description: `(choices: "vi", "en", default: "vi")`. */
export function helpNotesInVietnamese(notes: string): string {
  return notes
    .replace(/\bchoices: /g, 'chọn một trong: ')
    .replace(/, default: /g, '; default: ')
    .replace(/\bdefault: false\b/g, 'mặc định: không')
    .replace(/\bdefault: /g, 'mặc định: ')
    .replace(/\bpreset: /g, 'giá trị khi bỏ trống: ')
    .replace(/\benv: /g, 'biến môi trường: ');
}

/** The rules as text, English pattern and Vietnamese (a function shows as ''): for the tests that look for words left in the other language. */
export function phrasebookEntries(): { english: string; vietnamese: string }[] {
  return RULES.map(({ pattern, replacement }) => ({ english: pattern.source, vietnamese: typeof replacement === 'string' ? replacement : '' }));
}
