import {
  type AddHelpTextContext,
  type AddHelpTextPosition,
  type Argument,
  Command,
  CommanderError,
  Help,
  type HelpConfiguration,
  InvalidArgumentError,
  Option,
} from 'commander';
import { type Level, LEVELS, isLevel } from './core/areas.js';
import { UnitSelectionError, parseUnitSelector } from './core/unit-filter.js';
import { PovrollError, usageError } from './errors.js';
import { type Io, processIo } from './io/io.js';
import { OutputClosed } from './io/output.js';
import { packageVersion } from './io/package-root.js';
import { readSettingsFile } from './io/settings-file.js';
import type { GlobalOptions } from './io/terminal.js';
import { inLanguage, languageOfEnvironment, languageOnCommandLine, prefixes, setTerminalLanguage, terminalLanguage } from './io/terminal-language.js';
import { HELP_TITLES_VI, helpInVietnamese, helpNotesInVietnamese } from './io/phrasebook-vi.js';
import type { Lang } from './core/labels.js';
import { Chalk } from 'chalk';

/**
 * The command registry: the only place that lists commands, their options,
 * defaults and examples. Each action loads its module on demand, so
 * `povroll standards` does not pay for exceljs.
 */
export function buildProgram(io: Io): Command {
  const vietnamese = () => terminalLanguage(io) === 'vi';
  const program = new PovrollCommand('povroll', (text) => (vietnamese() ? helpInVietnamese(text) : text))
    .description(
      "Vietnam's review of poor and near-poor households: ingest and classify rolls, compute rates and reductions, write the official Excel summaries, check submitted ones",
    )
    .version(packageVersion(), '-V, --version')
    .option('-q, --quiet', 'print nothing on stderr but errors', false)
    .option('--verbose', 'print details, and stack traces with errors', false)
    .addOption(
      new Option('--lang <lang>', 'language of report labels, and of messages on stderr (which without --lang follow POVROLL_LANG, else LANG, else English)')
        .choices(['vi', 'en'])
        .default('vi'),
    )
    .option(
      '--config <file>',
      'settings file of options an office repeats every year (default: povroll.json in the current folder, when there is one); options given on the command line win',
    )
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(usageInLanguage(text, io)),
    })
    // Help in the terminal's language; subcommands inherit it.
    .configureHelp(localHelp(vietnamese))
    .exitOverride()
    .showSuggestionAfterError(true)
    // The settings file fills in the options the command line does not give, before any command runs.
    .hook('preAction', (root, command) => applySettings(root, command, io))
    .addHelpText(
      'after',
      `
Exit codes: 0 success, 1 bad data or I/O failure, 2 usage error.
Data goes to stdout (or -o FILE); progress, warnings and summaries go to stderr.
Messages are in Vietnamese with --lang vi, POVROLL_LANG=vi or a Vietnamese locale (LANG=vi_VN.UTF-8), else in English.
Options an office repeats every year can live in povroll.json in the current folder (or --config FILE):
  {"unit": "UBND HUYỆN BÌNH GIA", "place": "Bình Gia", "by": "district,commune", "totals": "totals.csv", "lang": "vi"}
with the keys unit, place, map, totals, targets, crosswalk, by, lang, standard, only, max_rejected, max_members,
max_poor_share and max_unclassified; paths are relative to the file, and options on the command line win.

Examples:
  $ povroll run fixtures/demo/roll-2023.csv fixtures/demo/roll-2024.csv -o summary.xlsx
  $ povroll check summary.xlsx
  $ povroll classify fixtures/demo/roll-2024.csv | povroll rates - --by district,commune | head
  $ povroll standards nd07-2021`,
    );

  program
    .command('ingest')
    .summary('survey rolls as offices send them → one canonical household roll')
    .description(
      `Read survey rolls (.xlsx, .xlsm, .csv, .tsv; .xls and .ods through LibreOffice) as commune offices send them — title blocks, merged multi-row headers, one row per person in household blocks, repeated headers, totals and signature footers, many sheets and files — and write one canonical household roll. Every row read is a household, a member row folded into one, a rejected row (--rejects) or a skipped row, and the summary on stderr adds them up per file and sheet.`,
    )
    .argument('<files...>', 'roll files, folders (every roll in them) or glob patterns')
    .addOption(mapOption())
    .addOptions(locationOptions())
    .option('-o, --output <file>', 'canonical household roll (default: stdout)')
    .addOption(formatOption())
    .option('--rejects <file>', 'write rejected rows (file, sheet, row, column, reason) to this CSV')
    .option('--explain', 'show which source column became which field, and which were left unused', false)
    .addOption(
      new Option('--on-duplicate <policy>', 'a household code repeated within a review year: keep both, first, last (holds the roll in memory) or error')
        .choices(['keep', 'first', 'last', 'error'])
        .default('keep'),
    )
    .option('--strict', 'stop at the first rejected row (exit 1)', false)
    .addOption(maxRejectedOption())
    .addOption(maxMembersOption())
    .addHelpText(
      'after',
      `
Examples:
  $ povroll ingest "fixtures/demo/raw/Huyện Bắc Kim 2024.xlsx" -o roll-2024.csv --rejects rejects.csv
  $ povroll ingest fixtures/demo/raw/ --year 2024 --explain -o roll-2024.csv
  $ povroll ingest examples/xa-tan-lap-2024.csv --commune "Xã Tân Lập" --district "Huyện Bắc Kim" --map examples/headings.json > roll.csv`,
    )
    .action(async (files: string[], options: Record<string, unknown>, command: Command) => {
      const { ingestCommand } = await import('./commands/ingest.js');
      await ingestCommand(
        {
          files,
          ...locationArguments(options),
          output: options.output as string | undefined,
          ...formatArguments(options),
          rejects: options.rejects as string | undefined,
          explain: options.explain as boolean,
          onDuplicate: options.onDuplicate as 'keep' | 'first' | 'last' | 'error',
          strict: options.strict as boolean,
          ...readingArguments(options),
        },
        globalOptions(command),
        io,
      );
    });

  program
    .command('classify')
    .summary('classify every household of a roll under its standard')
    .description(
      `Classify every household of a canonical household roll (CSV; a raw survey roll is read as ingest reads it) as poor, near_poor, average, non_poor or unclassified, and append the columns standard, poverty_line, deprivation_count, deprived, class, class_basis, class_mismatch (plus standard_indicators and unclassified_reason). Extra columns pass through untouched. Streams: memory does not grow with the roll.`,
    )
    .argument('<roll>', 'canonical household roll (or a raw roll, read as ingest reads it), or - for stdin')
    .addOption(mapOption())
    .addOptions(locationOptions())
    .option('-o, --output <file>', 'classified roll (default: stdout)')
    .addOption(formatOption())
    .option('--standard <id|file>', 'auto (by review year), qd59-2015, nd07-2021, nd351-2025, or a .json definition file', 'auto')
    .option('--rejects <file>', 'write rejected rows (file, row, column, reason) to this CSV')
    .option('--strict', 'stop at the first rejected row (exit 1)', false)
    .addOption(maxRejectedOption())
    .addOption(maxMembersOption())
    .addHelpText(
      'after',
      `
Examples:
  $ povroll classify fixtures/demo/roll-2024.csv -o classified.csv
  $ povroll classify fixtures/demo/roll-2024.csv --standard examples/standard-thach-kim.json --rejects rejects.csv > classified-thach-kim.csv
  $ cat fixtures/demo/roll-2024.csv | povroll classify - | povroll rates - --by commune`,
    )
    .action(async (roll: string, options: Record<string, unknown>, command: Command) => {
      const { classifyCommand } = await import('./commands/classify.js');
      await classifyCommand(
        {
          roll,
          ...locationArguments(options),
          output: options.output as string | undefined,
          ...formatArguments(options),
          standard: options.standard as string,
          rejects: options.rejects as string | undefined,
          strict: options.strict as boolean,
          ...readingArguments(options),
        },
        globalOptions(command),
        io,
      );
    });

  program
    .command('rates')
    .summary('poverty rates per area of a classified roll')
    .description(
      `One row per area for each level of --by, then a total row: households, persons, poor and near-poor counts and rates (%, 2 decimals), deprivations of poor households and the Alkire-Foster measures H, A, M0. Rates never mix review years: a roll holding several needs --year. Keeps one tally per area, not the households.`,
    )
    .argument('<classified>', 'classified roll (output of classify), or - for stdin')
    .requiredAfterSettings(byOption())
    .addOption(onlyOption())
    .option('-o, --output <file>', 'rates CSV (default: stdout)')
    .option('--totals <file>', 'resident households (and persons) per area, for rolls listing only poor and near-poor households')
    .option('--year <year>', 'the review year to compute, when the roll holds several', parseYear)
    .addOption(maxPoorShareOption())
    .addOption(maxUnclassifiedOption())
    .option('--rejects <file>', 'write rejected rows to this CSV')
    .option('--strict', 'stop at the first rejected row (exit 1)', false)
    .addOption(maxRejectedOption())
    .addOption(maxMembersOption())
    .addHelpText(
      'after',
      `
Examples:
  $ povroll classify fixtures/demo/roll-2024.csv -o classified.csv
  $ povroll rates classified.csv --by district,commune -o rates.csv
  $ povroll rates classified.csv --by commune --only "district=Huyện Bắc Kim"
  $ povroll --config examples/povroll.json rates classified.csv   # --by from the settings file
  $ povroll classify examples/poor-list-2024.csv | povroll rates - --by commune --totals examples/commune-households-2024.csv`,
    )
    .action(async (roll: string, options: Record<string, unknown>, command: Command) => {
      const { ratesCommand } = await import('./commands/rates.js');
      await ratesCommand(
        {
          roll,
          by: options.by as Level[],
          output: options.output as string | undefined,
          totals: options.totals as string | undefined,
          year: options.year as number | undefined,
          rejects: options.rejects as string | undefined,
          strict: options.strict as boolean,
          maxPoorShare: options.maxPoorShare as number,
          maxUnclassified: options.maxUnclassified as number,
          ...onlyArguments(options),
          ...readingArguments(options),
        },
        globalOptions(command),
        io,
      );
    });

  program
    .command('compare')
    .summary('rate changes and flows of households between review years')
    .description(
      `Compare rolls of successive review years (classified rolls keep their classes; other rolls are classified as run does): for each pair of successive years and each area, the poor and near-poor rates before and after, the change in points, the average reduction a year, and the flows of households matched by household code — moved between classes, escaped, re-entered (tái nghèo), new, and other decreases and increases (absent, or moved between areas) — whose accounting identity is checked on every row. Households are matched in an embedded DuckDB database that spills to disk past --memory, so memory does not grow with the rolls (--moves and --crosswalk hold them in memory instead).`,
    )
    .argument('[rolls...]', 'one roll per review year, earliest first (file, folder or glob); with --db, more years to add to the registry’s')
    .option('--db <file>', 'read every review year stored in this registry (povroll registry add), besides any rolls given')
    .requiredAfterSettings(byOption())
    .addOption(onlyOption())
    .option('-o, --output <file>', 'comparison CSV (default: stdout)')
    .option('--years <n>', 'years to divide a change by, instead of the difference of the review years', parseYears)
    .option('--allow-standard-change', 'show rate changes between rolls classified under different standards as reductions', false)
    .option('--span', 'with three or more rolls, add rows comparing the first with the last (period "span")', false)
    .option('--targets <file>', 'JSON of resolution targets (reduction a year, overall and for named areas; shares of poor households not deprived)')
    .option('--crosswalk <file>', 'CSV mapping old units (district + commune, or codes) to the new communes of the July 2025 reform')
    .option('--moves <file>', 'write households found in another commune in the next roll to this CSV')
    .option(
      '--memory <amount>',
      'memory for matching households between years (DuckDB is held to a quarter of it, its own use running to twice its limit; it spills to disk beyond)',
      '1GB',
    )
    .option('--standard <id|file>', 'standard for rolls that are not yet classified: auto (by review year), an id, or a .json file', 'auto')
    .addOption(maxPoorShareOption())
    .addOption(maxUnclassifiedOption())
    .addOption(mapOption())
    .addOptions(locationOptions(true))
    .option('--rejects <file>', 'write rejected rows to this CSV')
    .option('--strict', 'stop at the first rejected row (exit 1)', false)
    .addOption(maxRejectedOption())
    .addOption(maxMembersOption())
    .addHelpText(
      'after',
      `
Examples:
  $ povroll compare fixtures/demo/roll-2023.csv fixtures/demo/roll-2024.csv --by commune --targets examples/targets-lang-son-2021-2025.json
  $ povroll compare fixtures/demo/roll-2023.csv fixtures/demo/roll-2024.csv --by commune --crosswalk examples/crosswalk-2025.csv --moves moves.csv -o changes.csv`,
    )
    .action(async (rolls: string[], options: Record<string, unknown>, command: Command) => {
      const { compareCommand } = await import('./commands/compare.js');
      await compareCommand(
        {
          rolls: rollsOrRegistry(rolls, options, 2),
          db: options.db as string | undefined,
          ...locationArguments(options),
          by: options.by as Level[],
          output: options.output as string | undefined,
          years: options.years as number | undefined,
          allowStandardChange: options.allowStandardChange as boolean,
          span: options.span as boolean,
          targets: options.targets as string | undefined,
          crosswalk: options.crosswalk as string | undefined,
          moves: options.moves as string | undefined,
          memory: options.memory as string,
          standard: options.standard as string,
          rejects: options.rejects as string | undefined,
          strict: options.strict as boolean,
          maxPoorShare: options.maxPoorShare as number,
          maxUnclassified: options.maxUnclassified as number,
          ...onlyArguments(options),
          ...readingArguments(options),
        },
        globalOptions(command),
        io,
      );
    });

  const reportOptions = (command: PovrollCommand) =>
    command
      .requiredOption('-o, --output <file>', 'summary workbook: a name ending in .xlsx')
      .option(
        '--by <levels>',
        `levels to summarise, comma list of ${LEVELS.join(', ')} (default: province, district and commune where the rolls name them)`,
        parseLevels,
      )
      .addOption(onlyOption())
      .option('--unit <name>', 'the issuing unit, top left of every form, e.g. "UBND HUYỆN BÌNH GIA" (default: from the province the rolls name)')
      .option('--place <name>', 'the place of the date line above the signatures, e.g. "Bình Gia" (default: left dotted to fill in)')
      .option('--totals <file>', 'resident households (and persons) per area, for rolls listing only poor and near-poor households')
      .addOption(maxPoorShareOption())
      .addOption(maxUnclassifiedOption())
      .option('--targets <file>', 'JSON of resolution targets, evaluated on the change sheets (two or more review years)')
      .option('--crosswalk <file>', 'CSV mapping old units to the new communes of the July 2025 reform, for the change sheets')
      .option(
        '--no-change-sheets',
        'leave out the sheets on change between years (their households are matched in DuckDB within --memory; with --crosswalk, held in memory: about 170 bytes each)',
      )
      .option('--allow-standard-change', 'show changes between years classified under different standards as reductions', false)
      .option('--values-only', 'write plain numbers instead of live formulas in rates, sums and totals', false)
      .option('--stamp', 'record the time the summary was made (by default it carries none, so the same inputs give the same file)', false)
      .option('--with-names', 'put heads of household on the class-check sheet (personal data; left out by default)', false)
      .option('--db <file>', 'read every review year stored in this registry (povroll registry add), and add the sheet on how lasting the reduction is')
      .option(
        '--memory <amount>',
        'memory for matching households between years (DuckDB is held to a quarter of it, its own use running to twice its limit; it spills to disk beyond)',
        '1GB',
      )
      .option(
        '--margin <percent>',
        'with --db: households with an income at most this much above the line out of poverty count as just above it',
        parseMargin,
        10,
      )
      .option('--rejects <file>', 'write rejected rows to this CSV')
      .option('--strict', 'stop at the first rejected row (exit 1)', false)
      .addOption(maxRejectedOption())
      .addOption(maxMembersOption());

  reportOptions(
    program
      .command('report')
      .summary('Excel summary of classified rolls')
      .description(
        `Write an Excel summary of classified rolls: a result sheet per level (households, persons, poor and near-poor with rates), the deprivations of poor households, and an information sheet (inputs with SHA-256, standards, counts, version). One set of sheets per review year; given rolls of two or more years, sheets on change between them: rate changes, the movement of poor and near-poor households matched by code (forms 2 and 3), and progress against --targets. Labels in Vietnamese, or English with --lang en. The file appears only when complete.`,
      )
      .argument('[classified...]', 'classified rolls (none with --db)'),
  )
    .addHelpText(
      'after',
      `
Examples:
  $ povroll classify fixtures/demo/roll-2024.csv -o classified.csv
  $ povroll report classified.csv -o summary-2024.xlsx
  $ povroll --lang en report classified.csv --by district,commune --unit "THACH KIM PROVINCE PEOPLE'S COMMITTEE" -o summary-2024-en.xlsx`,
    )
    .action(async (rolls: string[], options: Record<string, unknown>, command: Command) => {
      const { reportCommand } = await import('./commands/report.js');
      await reportCommand(reportArguments(rollsOrRegistry(rolls, options, 1), options), globalOptions(command), io);
    });

  reportOptions(
    program
      .command('run')
      .summary('the whole pipeline: rolls in, Excel summary out')
      .description(
        `Classify every household of the given rolls and write the Excel summary in one pass (what classify followed by report would do, without the intermediate file). Each argument is one roll; given two or more, the summary adds the sheets on change between review years, as report does.`,
      )
      .argument('[rolls...]', 'rolls: canonical CSV or raw survey files, folders or glob patterns (none needed with --db)'),
  )
    .addOption(mapOption())
    .addOptions(locationOptions(true))
    .option('--standard <id|file>', 'auto (by review year), qd59-2015, nd07-2021, nd351-2025, or a .json definition file', 'auto')
    .addHelpText(
      'after',
      `
Examples:
  $ povroll run fixtures/demo/roll-2023.csv fixtures/demo/roll-2024.csv -o summary.xlsx
  $ povroll run fixtures/demo/raw/ --year 2024 -o summary-2024.xlsx
  $ povroll run fixtures/demo/roll-2024.csv --only "district=Huyện Bắc Kim" --unit "UBND HUYỆN BẮC KIM" --place "Bắc Kim" -o bac-kim-2024.xlsx`,
    )
    .action(async (rolls: string[], options: Record<string, unknown>, command: Command) => {
      const { runCommand } = await import('./commands/run.js');
      await runCommand(
        { ...reportArguments(rollsOrRegistry(rolls, options, 1), options), ...locationArguments(options), standard: options.standard as string },
        globalOptions(command),
        io,
      );
    });

  program
    .command('check')
    .summary('re-add a submitted summary and list what does not add up')
    .description(
      `Re-add a summary laid out as the official forms are (made by povroll or typed by hand): the row of column numbers under the headings says how each computed column follows from the others ("4=3/1*100", "9=1-2-3-4+5+6+7+8"), a unit numbered I, II … must be the sum of the units below it, and the total the sum of those. Every cell that does not add up is listed (sheet, cell, rule, found, expected) on stdout; exit 1 when there is any.`,
    )
    .argument('<summary>', 'summary workbook (.xlsx)')
    .option('-o, --output <file>', 'the list of cells that do not add up, as CSV (default: stdout)')
    .addHelpText(
      'after',
      `
Examples:
  $ povroll run fixtures/demo/roll-2023.csv fixtures/demo/roll-2024.csv -o summary.xlsx
  $ povroll check summary.xlsx
  $ povroll check examples/summary-2024-edited.xlsx -o problems.csv   # exit 1: one commune's poor count was typed over`,
    )
    .action(async (summary: string, options: Record<string, unknown>, command: Command) => {
      const { checkCommand } = await import('./commands/check.js');
      await checkCommand({ summary, output: options.output as string | undefined }, globalOptions(command), io);
    });

  const registry = program
    .command('registry')
    .summary('a lasting store of every review year: add rolls, list, export')
    .description(
      `A registry is one DuckDB file holding every review year's classified households, so that a scheduled job adds this year's rolls and summarises against every earlier year without reading them again (compare, report and run take --db). Years are stored whole and in one transaction: a failed or interrupted add leaves the registry as it was.`,
    )
    .addHelpText(
      'after',
      `
Examples:
  $ povroll registry add fixtures/demo/roll-2023.csv fixtures/demo/roll-2024.csv --db rolls.duckdb
  $ povroll registry list --db rolls.duckdb
  $ povroll registry export --db rolls.duckdb --year 2024 -o households-2024.csv`,
    );

  registry
    .command('add')
    .summary('classify rolls and store their households, by review year')
    .description(
      `Read the rolls (canonical or raw survey files, folders or globs, or - for stdin), classify every household as classify does, and store the households of each review year in the registry, created when it does not exist. A year already stored is refused unless --replace, which swaps it in the same transaction. Each file's SHA-256 is kept; the same file twice is refused.`,
    )
    .argument('<rolls...>', 'rolls of one or more review years')
    .requiredOption('--db <file>', 'the registry (a DuckDB file, created if missing)')
    .option('--replace', 'replace review years already stored by the households read now', false)
    .option('--memory <amount>', 'memory DuckDB may use before it spills to disk', '1GB')
    .option('--standard <id|file>', 'auto (by review year), qd59-2015, nd07-2021, nd351-2025, or a .json definition file', 'auto')
    .addOption(mapOption())
    .addOptions(locationOptions())
    .option('--rejects <file>', 'write rejected rows to this CSV')
    .option('--strict', 'stop at the first rejected row (exit 1)', false)
    .addOption(maxRejectedOption())
    .addOption(maxMembersOption())
    .addHelpText(
      'after',
      `
Examples:
  $ povroll registry add fixtures/demo/roll-2023.csv fixtures/demo/roll-2024.csv --db rolls.duckdb
  $ povroll registry add fixtures/demo/roll-2024.csv --db rolls.duckdb --replace`,
    )
    .action(async (rolls: string[], options: Record<string, unknown>, command: Command) => {
      const { registryAddCommand } = await import('./commands/registry.js');
      await registryAddCommand(
        {
          rolls,
          db: options.db as string,
          replace: options.replace as boolean,
          memory: options.memory as string,
          standard: options.standard as string,
          rejects: options.rejects as string | undefined,
          strict: options.strict as boolean,
          ...locationArguments(options),
          ...readingArguments(options),
        },
        globalOptions(command),
        io,
      );
    });

  registry
    .command('list')
    .summary('the review years a registry holds')
    .description('Print, as CSV, each stored review year with its households, poor, near-poor and unclassified households, its files and when it was added.')
    .requiredOption('--db <file>', 'the registry')
    .option('-o, --output <file>', 'CSV (default: stdout)')
    .addHelpText(
      'after',
      `
Examples:
  $ povroll registry add fixtures/demo/roll-2023.csv fixtures/demo/roll-2024.csv --db rolls.duckdb
  $ povroll registry list --db rolls.duckdb`,
    )
    .action(async (options: Record<string, unknown>, command: Command) => {
      const { registryListCommand } = await import('./commands/registry.js');
      await registryListCommand({ db: options.db as string, output: options.output as string | undefined }, globalOptions(command), io);
    });

  registry
    .command('export')
    .summary('the stored households as Parquet or CSV, for other tools')
    .description(
      `Write the stored households, typed (numbers as numbers, empty cells as NULL), to a Parquet file (or CSV: --format csv, or a .csv name), in year and reading order, with where each was read. Heads' names are left out unless --with-names. The file appears only when complete.`,
    )
    .requiredOption('--db <file>', 'the registry')
    .requiredOption('-o, --output <file>', 'the file to write (.parquet or .csv)')
    .option('--year <years>', 'comma list of review years (default: all)', parseYearList)
    .addOption(new Option('--format <format>', 'parquet or csv (default: from the file name, else parquet)').choices(['parquet', 'csv']))
    .option('--with-names', 'include heads of household (personal data)', false)
    .option('--memory <amount>', 'memory DuckDB may use before it spills to disk', '1GB')
    .addHelpText(
      'after',
      `
Examples:
  $ povroll registry add fixtures/demo/roll-2023.csv fixtures/demo/roll-2024.csv --db rolls.duckdb
  $ povroll registry export --db rolls.duckdb -o households.parquet
  $ povroll registry export --db rolls.duckdb --year 2024 -o households-2024.csv`,
    )
    .action(async (options: Record<string, unknown>, command: Command) => {
      const { registryExportCommand } = await import('./commands/registry.js');
      await registryExportCommand(
        {
          db: options.db as string,
          output: options.output as string,
          ...(options.year !== undefined && { years: options.year as number[] }),
          ...(options.format !== undefined && { format: options.format as 'parquet' | 'csv' }),
          withNames: options.withNames as boolean,
          memory: options.memory as string,
        },
        globalOptions(command),
        io,
      );
    });

  program
    .command('durability')
    .summary('how lasting escapes from poverty are, from every year of a registry')
    .description(
      `From every review year a registry holds, per area: of the households that left poverty between two rolls (poor, then near-poor, average or non-poor), how many are poor, or poor or near-poor, in each later roll (followed by household code); with --history, each year's poor by where they come from (poor the roll before, re-entered from an earlier roll, poor for the first time), the mean number of rolls they were poor in, and the households whose income is at most --margin percent above the line out of poverty ("nguy cơ tái nghèo"). What the rolls cannot tell is left empty.`,
    )
    .requiredOption('--db <file>', 'the registry')
    .requiredAfterSettings(byOption())
    .option('-o, --output <file>', 'escapes CSV (default: stdout)')
    .option('--history <file>', "also write each year's poor by origin and the households just above the line to this CSV")
    .option('--margin <percent>', 'percent above the line out of poverty within which a household counts as just above it', parseMargin, 10)
    .option('--memory <amount>', 'memory DuckDB may use before it spills to disk', '1GB')
    .addHelpText(
      'after',
      `
Examples:
  $ povroll registry add fixtures/demo/roll-2023.csv fixtures/demo/roll-2024.csv --db rolls.duckdb
  $ povroll durability --db rolls.duckdb --by district,commune -o escapes.csv --history history.csv`,
    )
    .action(async (options: Record<string, unknown>, command: Command) => {
      const { durabilityCommand } = await import('./commands/durability.js');
      await durabilityCommand(
        {
          db: options.db as string,
          by: options.by as Level[],
          output: options.output as string | undefined,
          history: options.history as string | undefined,
          margin: options.margin as number,
          memory: options.memory as string,
        },
        globalOptions(command),
        io,
      );
    });

  program
    .command('standards')
    .summary('the built-in poverty standards and their rules')
    .description('List the built-in standards, or show one (or a definition file) in full: lines, class rules, indicators, score cut-offs and notes.')
    .argument('[id]', 'standard id or .json definition file')
    .option('--json', 'print the definition file format', false)
    .addHelpText(
      'after',
      `
Examples:
  $ povroll standards
  $ povroll standards nd07-2021
  $ povroll standards nd07-2021 --json > my-province.json   # start a local standard
  $ povroll standards examples/standard-thach-kim.json      # a province's own standard, checked and shown`,
    )
    .action(async (id: string | undefined, options: Record<string, unknown>, command: Command) => {
      const { standardsCommand } = await import('./commands/standards.js');
      await standardsCommand({ id, json: options.json as boolean }, globalOptions(command), io);
    });

  for (const command of program.commands) {
    command.exitOverride().configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(usageInLanguage(text, io)),
    });
  }
  return program;
}

/**
 * Commander's command, able to take a list of options in one call (the
 * location options several commands share), whose texts after the help
 * (examples, exit codes) are given in the terminal's language.
 */
class PovrollCommand extends Command {
  /** Options the command cannot do without, which the settings file may give (checked once it is read). */
  readonly settingsRequired: Option[] = [];

  constructor(
    name?: string,
    /** Puts a text of the help into the terminal's language, when the help is shown. */
    private readonly helpLanguage: (text: string) => string = (text) => text,
  ) {
    super(name);
  }

  override addHelpText(position: AddHelpTextPosition, text: string | ((context: AddHelpTextContext) => string)): this {
    return super.addHelpText(position, (context: AddHelpTextContext) => this.helpLanguage(typeof text === 'string' ? text : text(context)));
  }

  addOptions(options: readonly Option[]): this {
    for (const option of options) this.addOption(option);
    return this;
  }

  /** An option that must be given, on the command line or in the settings file. */
  requiredAfterSettings(option: Option): this {
    this.settingsRequired.push(option);
    return this.addOption(option);
  }

  override createCommand(name?: string): PovrollCommand {
    return new PovrollCommand(name, this.helpLanguage);
  }
}

/**
 * Facts for rows whose file does not give them. They fill what is missing;
 * they do not select rows (a roll of several districts keeps them all):
 * `--only` does, where the command has it.
 */
function locationOptions(hasOnly = false): Option[] {
  const select = hasOnly ? 'to select units, use --only' : 'rates, compare, report and run select units with --only';
  return [
    new Option('--province <name>', `province of rows whose file has no province column (fills it in; does not select rows: ${select})`),
    new Option('--district <name>', `district of rows whose file has no district column (fills it in; does not select rows: ${select})`),
    new Option(
      '--commune <name>',
      `commune of rows whose file has no commune column, else the sheet name, else the title (fills it in; does not select rows: ${select})`,
    ),
    new Option('--area <area>', 'area of rows whose file and commune name do not tell').choices(['rural', 'urban']),
    new Option('--year <year>', 'review year of rows whose file has no year column, else the title, else the file name').argParser(parseYear),
  ];
}

function byOption(): Option {
  return new Option('--by <levels>', `comma list of ${LEVELS.join(', ')} (required: here, or "by" in the settings file)`).argParser(parseLevels);
}

/** `--only district=NAME`, repeatable: the households of those units only. */
function onlyOption(): Option {
  return new Option(
    '--only <level=name>',
    'use only the households of this unit: district=NAME, commune=NAME, village=NAME, commune_code=CODE … (names match without regard to case or diacritics); repeat for several units. The totals are then of the units selected',
  ).argParser(collectOnly);
}

function collectOnly(text: string, previous: string[] | undefined): string[] {
  try {
    return [...(previous ?? []), parseUnitSelector(text).text];
  } catch (error) {
    if (error instanceof UnitSelectionError) throw new InvalidArgumentError(error.message);
    throw error;
  }
}

function onlyArguments(options: Record<string, unknown>) {
  return { only: options.only as string[] | undefined };
}

function mapOption(): Option {
  return new Option('--map <file>', 'JSON naming columns the dictionary does not know: {"columns": {"Heading": "field"}, "class_codes": {"1": "poor"}}');
}

/** `--format` of the commands that write a roll: Parquet for analysts who go on in other tools. */
function formatOption(): Option {
  return new Option('--format <format>', 'csv or parquet (default: parquet when the output’s name ends in .parquet, else csv)').choices(['csv', 'parquet']);
}

function formatArguments(options: Record<string, unknown>): { format?: 'csv' | 'parquet' } {
  return options.format === undefined ? {} : { format: options.format as 'csv' | 'parquet' };
}

function locationArguments(options: Record<string, unknown>) {
  return {
    map: options.map as string | undefined,
    province: options.province as string | undefined,
    district: options.district as string | undefined,
    commune: options.commune as string | undefined,
    area: options.area as 'rural' | 'urban' | undefined,
    year: options.year as number | undefined,
  };
}

function reportArguments(rolls: string[], options: Record<string, unknown>) {
  return {
    rolls,
    output: options.output as string,
    by: options.by as Level[] | undefined,
    totals: options.totals as string | undefined,
    targets: options.targets as string | undefined,
    crosswalk: options.crosswalk as string | undefined,
    changeSheets: options.changeSheets as boolean,
    allowStandardChange: options.allowStandardChange as boolean,
    valuesOnly: options.valuesOnly as boolean,
    stamp: options.stamp as boolean,
    withNames: options.withNames as boolean,
    rejects: options.rejects as string | undefined,
    strict: options.strict as boolean,
    maxPoorShare: options.maxPoorShare as number,
    maxUnclassified: options.maxUnclassified as number,
    unit: options.unit as string | undefined,
    place: options.place as string | undefined,
    db: options.db as string | undefined,
    margin: options.margin as number,
    memory: options.memory as string,
    ...onlyArguments(options),
    ...readingArguments(options),
  };
}

/** The rolls of a command that also reads a registry: with --db none are needed, without it at least `least`. */
function rollsOrRegistry(rolls: string[], options: Record<string, unknown>, least: number): string[] {
  if (options.db === undefined && rolls.length < least) {
    throw usageError(least === 1 ? 'missing rolls: name one or more, or a registry with --db' : 'compare needs two or more rolls, or a registry with --db');
  }
  return rolls;
}

function parseMargin(text: string): number {
  const value = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text.trim()) || value > 100) throw new InvalidArgumentError('expected a percent from 0 to 100');
  return value;
}

function parseYearList(text: string): number[] {
  return text.split(',').map((part) => parseYear(part.trim()));
}

function readingArguments(options: Record<string, unknown>) {
  return { maxRejected: options.maxRejected as number, maxMembers: options.maxMembers as number };
}

function maxRejectedOption(): Option {
  return new Option('--max-rejected <percent>', 'stop (exit 1, after writing --rejects) when more than this share of rows is rejected')
    .argParser(parsePercent)
    .default(1);
}

function maxMembersOption(): Option {
  return new Option('--max-members <n>', 'reject households with more members than this (and with none)').argParser(parseMembers).default(50);
}

function maxUnclassifiedOption(): Option {
  return new Option(
    '--max-unclassified <percent>',
    "leave an area's poor and near-poor counts and rates empty when more of its households than this are unclassified and may be poor or near-poor",
  )
    .argParser(parsePercent)
    .default(5);
}

function maxPoorShareOption(): Option {
  return new Option(
    '--max-poor-share <percent>',
    'a roll with more poor and near-poor households than this is taken for a list of those only: counts, but no rates without --totals',
  )
    .argParser(parsePercent)
    .default(60);
}

function parsePercent(text: string): number {
  const value = Number(text.replace(/%$/, '').replace(',', '.'));
  if (text.trim() === '' || !Number.isFinite(value) || value < 0 || value > 100) throw new InvalidArgumentError(`"${text}" is not a percentage from 0 to 100`);
  return value;
}

function parseMembers(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new InvalidArgumentError(`"${text}" is not a whole number of members above 0`);
  return value;
}

/**
 * Reads the settings file (--config FILE, else povroll.json when there is
 * one) and gives the command each option it takes that the command line did
 * not; then checks the options the command cannot do without.
 */
async function applySettings(program: Command, command: Command, io: Io): Promise<void> {
  const file = await readSettingsFile(io, program.opts().config as string | undefined);
  if (file !== null) {
    const { lang, ...rest } = file.settings;
    if (lang !== undefined && program.getOptionValueSource('lang') !== 'cli') program.setOptionValueWithSource('lang', lang, 'config');
    for (const [name, value] of Object.entries(rest)) {
      // Each key serves the commands that take its option; the command line wins.
      if (value === undefined || !command.options.some((o) => o.attributeName() === name)) continue;
      if (command.getOptionValueSource(name) === 'cli') continue;
      command.setOptionValueWithSource(name, value, 'config');
    }
  }
  // --lang, or lang in the settings file, decides the terminal's language as well as the labels'; else the environment does.
  const source = program.getOptionValueSource('lang');
  setTerminalLanguage(io, source === 'cli' || source === 'config' ? (program.opts().lang as Lang) : languageOfEnvironment(io.env));
  const required = command instanceof PovrollCommand ? command.settingsRequired : [];
  for (const option of required) {
    if (command.getOptionValue(option.attributeName()) === undefined) {
      command.error(`error: required option '${option.flags}' not specified`, { code: 'commander.missingMandatoryOptionValue' });
    }
  }
}

function globalOptions(command: Command): GlobalOptions {
  const all = command.optsWithGlobals();
  return { quiet: Boolean(all.quiet), verbose: Boolean(all.verbose), lang: all.lang === 'en' ? 'en' : 'vi' };
}

export function parseLevels(text: string): Level[] {
  const parts = text
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  for (const part of parts) {
    if (!isLevel(part)) throw new InvalidArgumentError(`"${part}" is not a level; use ${LEVELS.join(', ')}`);
  }
  if (parts.length === 0) throw new InvalidArgumentError(`give at least one of ${LEVELS.join(', ')}`);
  return LEVELS.filter((level) => parts.includes(level));
}

function parseYears(text: string): number {
  const years = Number(text);
  if (!(years > 0) || !Number.isFinite(years)) throw new InvalidArgumentError(`"${text}" is not a positive number of years`);
  return years;
}

function parseYear(text: string): number {
  if (!/^\d{4}$/.test(text.trim())) throw new InvalidArgumentError(`"${text}" is not a four-digit year`);
  return Number(text);
}

/**
 * The help in the terminal's language: commander's headings, and each
 * description above by its Vietnamese (phrasebook-vi.ts), followed by
 * commander's notes on choices and defaults.
 */
function localHelp(vietnamese: () => boolean): HelpConfiguration {
  const options = (usage: string) => (vietnamese() ? usage.replace('[options]', '[tùy chọn]').replace('[command]', '[lệnh]') : usage);
  const described = (full: string, own: string) =>
    vietnamese() && full.startsWith(own) ? helpInVietnamese(own) + helpNotesInVietnamese(full.slice(own.length)) : full;
  return {
    styleTitle: (title: string) => (vietnamese() ? (HELP_TITLES_VI[title] ?? title) : title),
    commandUsage(this: Help, command: Command) {
      return options(Help.prototype.commandUsage.call(this, command));
    },
    subcommandTerm(this: Help, command: Command) {
      return options(Help.prototype.subcommandTerm.call(this, command));
    },
    commandDescription(this: Help, command: Command) {
      const text = Help.prototype.commandDescription.call(this, command);
      return vietnamese() ? helpInVietnamese(text) : text;
    },
    subcommandDescription(this: Help, command: Command) {
      const text = Help.prototype.subcommandDescription.call(this, command);
      return vietnamese() ? helpInVietnamese(text) : text;
    },
    optionDescription(this: Help, option: Option) {
      return described(Help.prototype.optionDescription.call(this, option), option.description);
    },
    argumentDescription(this: Help, argument: Argument) {
      return described(Help.prototype.argumentDescription.call(this, argument), argument.description);
    },
  };
}

/** Commander's usage errors in the terminal's language (its help is already: see localHelp). */
function usageInLanguage(text: string, io: Io): string {
  const lang = terminalLanguage(io);
  return lang === 'vi' && text.startsWith('error:') ? inLanguage(text, lang) : text;
}

/** The value of an option on the command line (`--config FILE`, `--config=FILE`), read before commander parses it. */
function optionOnCommandLine(argv: readonly string[], name: string): string | undefined {
  let found: string | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === '--') break;
    if (arg === name && i + 1 < argv.length) found = argv[i + 1];
    else if (arg.startsWith(`${name}=`)) found = arg.slice(name.length + 1);
  }
  return found;
}

/** The language the settings file names, for what is said before the command runs (help, usage errors); a faulty file is reported when it runs. */
async function languageOfSettingsFile(io: Io, argv: readonly string[]): Promise<Lang | null> {
  try {
    return (await readSettingsFile(io, optionOnCommandLine(argv, '--config')))?.settings.lang ?? null;
  } catch {
    return null;
  }
}

/** The one error boundary: runs the command line and returns the exit code. */
export async function main(argv: readonly string[], io: Io = processIo()): Promise<number> {
  const verbose = argv.includes('--verbose');
  const quietColors = (io.env.NO_COLOR ?? '') !== '' || !io.stderrIsTTY;
  const red = new Chalk({ level: quietColors ? 0 : 1 }).red;
  // The terminal's language as far as can be told before parsing (commander's messages and the help); settled once the settings file is read.
  setTerminalLanguage(io, languageOnCommandLine(argv) ?? (await languageOfSettingsFile(io, argv)) ?? languageOfEnvironment(io.env));
  try {
    await buildProgram(io).parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof OutputClosed) return 0;
    if (error instanceof CommanderError) {
      // Commander has printed its own message; help and version are successes.
      return error.exitCode === 0 ? 0 : 2;
    }
    const lang = terminalLanguage(io);
    const said = red(prefixes(lang).error);
    if (error instanceof PovrollError) {
      io.stderr.write(`${said} ${inLanguage(error.message, lang)}\n`);
      if (verbose && error.cause instanceof Error) io.stderr.write(`${error.cause.stack}\n`);
      return error.exitCode;
    }
    const unexpected = error as Error;
    io.stderr.write(`${said} ${inLanguage(`${unexpected.message ?? String(error)} (an internal error: please report it)`, lang)}\n`);
    if (verbose) io.stderr.write(`${unexpected.stack}\n`);
    return 1;
  }
}
