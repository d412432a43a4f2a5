/**
 * Peer of `povroll classify ROLL | povroll rates - --by commune`, written by
 * hand in DuckDB SQL: read the canonical roll, classify every household
 * under the standard's rule (income lines by area, the count of deprivations
 * over every indicator column of the standard, the farm-household condition
 * of the average class, three-valued where a fact is missing), and fold the
 * per-commune rates and the total row into a CSV with the columns of `rates`
 * it computes, in povroll's order.
 *
 * Simplifications, this being a speed comparison: one standard (the roll's
 * households of other review years are unclassified), no B1/B2 score
 * fallbacks, no `--max-unclassified` blanking, rates rounded by DuckDB
 * rather than half up in exact arithmetic.
 *
 *   node dist/bench/peers/duckdb-classify-rates.js ROLL OUT.csv [standards/nd07-2021.json]
 */
import { csvHeader, isMain, literal, runDuckDb, simpleRule } from './sql.js';

const LOCATION = ['province_code', 'province', 'district_code', 'district', 'commune_code', 'commune'];

export function classifyRatesSql(roll: string, out: string, standardFile: string): string {
  const rule = simpleRule(standardFile);
  const header = new Set(csvHeader(roll));
  const types: Record<string, string> = {
    household_id: 'VARCHAR',
    ...Object.fromEntries(LOCATION.map((c) => [c, 'VARCHAR'])),
    area: 'VARCHAR',
    review_year: 'INTEGER',
    members: 'INTEGER',
    income_per_capita: 'DOUBLE',
    ethnic_minority: 'TINYINT',
    recorded_class: 'VARCHAR',
    farm_household: 'DOUBLE',
    ...Object.fromEntries(rule.indicators.map((c) => [`d_${c}`, 'TINYINT'])),
  };
  const present = Object.entries(types).filter(([c]) => header.has(c));
  const column = (name: string) => (header.has(name) ? name : 'NULL');
  const d = rule.indicators.map((c) => ({ code: c, expr: column(`d_${c}`) }));
  // Farm household: the column, else the recorded class (recorded average: a farm household), else unknown.
  const farm = `CASE ${header.has('farm_household') ? 'WHEN farm_household IS NOT NULL THEN farm_household = 1 ' : ''}WHEN ${column('recorded_class')} IS NOT NULL THEN ${column('recorded_class')} = 'average' END`;
  const n = rule.poorFrom;
  const count = (where: string) => `count(*) FILTER (WHERE ${where})`;
  const pct = (num: string, den: string) => `round(100.0 * (${num}) / nullif(${den}, 0), 2)`;
  return `COPY (
WITH h AS (
  SELECT ${LOCATION.map(column)
    .map((e, i) => `${e} AS ${LOCATION[i]}`)
    .join(', ')},
         ${column('review_year')} AS review_year, ${column('members')} AS members, ${column('ethnic_minority')} AS ethnic_minority,
         ${column('income_per_capita')} AS income,
         CASE ${column('area')} WHEN 'rural' THEN ${rule.poverty.rural} WHEN 'urban' THEN ${rule.poverty.urban} END AS line,
         CASE ${column('area')} WHEN 'rural' THEN ${rule.upper.rural} WHEN 'urban' THEN ${rule.upper.urban} END AS upper,
         ${farm} AS farm,
         ${d.map(({ code, expr }) => `${expr} AS d_${code}`).join(', ')},
         ${d.map(({ expr }) => `coalesce(${expr}, 0)`).join(' + ')} AS low,
         ${d.map(({ expr }) => `(${expr} IS NULL)::INTEGER`).join(' + ')} AS unknown
    FROM read_csv(${literal(roll)}, header = true, types = {${present.map(([c, t]) => `${literal(c)}: ${literal(t)}`).join(', ')}})
), truth AS (
  SELECT *,
         (income <= line) AND (CASE WHEN low >= ${n} THEN true WHEN low + unknown < ${n} THEN false END) AS is_poor,
         (income <= line) AND (CASE WHEN low + unknown < ${n} THEN true WHEN low >= ${n} THEN false END) AS is_near_poor,
         (income > line) AND (income <= upper) AND farm AS is_average
    FROM h
), c AS (
  SELECT *,
         CASE WHEN review_year IS NULL OR review_year NOT BETWEEN ${rule.firstYear} AND ${rule.lastYear} OR line IS NULL THEN 'unclassified'
              WHEN is_poor IS NULL THEN 'unclassified' WHEN is_poor THEN 'poor'
              WHEN is_near_poor IS NULL THEN 'unclassified' WHEN is_near_poor THEN 'near_poor'
              WHEN is_average IS NULL THEN 'unclassified' WHEN is_average THEN 'average'
              ELSE 'non_poor' END AS class
    FROM truth
), t AS (
  SELECT GROUPING(${LOCATION.join(', ')}) AS g, ${LOCATION.join(', ')},
         count(*) AS households, sum(members) AS persons,
         ${count("class = 'poor'")} AS poor, ${count("class = 'near_poor'")} AS near_poor,
         ${count("class = 'average'")} AS average, ${count("class = 'non_poor'")} AS non_poor, ${count("class = 'unclassified'")} AS unclassified,
         sum(members) FILTER (WHERE class = 'poor') AS poor_persons, sum(members) FILTER (WHERE class = 'near_poor') AS near_poor_persons,
         ${d.map(({ code }) => `${count(`class = 'poor' AND d_${code} = 1`)} AS poor_d_${code}`).join(',\n         ')},
         sum(low) FILTER (WHERE class = 'poor') AS poor_deprivations,
         ${count('members IS NULL')} AS members_unknown,
         ${count('ethnic_minority = 1')} AS minority_households,
         ${count("class = 'poor' AND ethnic_minority = 1")} AS poor_minority,
         ${count("class = 'near_poor' AND ethnic_minority = 1")} AS near_poor_minority,
         max(review_year) AS review_year
    FROM c
   GROUP BY GROUPING SETS ((${LOCATION.join(', ')}), ())
)
SELECT CASE WHEN g = 0 THEN 'commune' ELSE 'total' END AS level, ${LOCATION.join(', ')},
       households, persons, poor, ${pct('poor', 'households')} AS poor_rate, near_poor, ${pct('near_poor', 'households')} AS near_poor_rate,
       poor + near_poor AS multidim, ${pct('poor + near_poor', 'households')} AS multidim_rate, average, unclassified,
       poor_persons, ${pct('poor_persons', 'persons')} AS poor_persons_rate, near_poor_persons,
       ${d.map(({ code }) => `poor_d_${code}`).join(', ')},
       round(poor / nullif(households - unclassified, 0), 6) AS af_h,
       round(poor_deprivations / nullif(poor * ${d.length}, 0), 6) AS af_a,
       round(poor / nullif(households - unclassified, 0) * poor_deprivations / nullif(poor * ${d.length}, 0), 6) AS af_m0,
       review_year, non_poor, ${pct('average', 'households')} AS average_rate, ${pct('near_poor_persons', 'persons')} AS near_poor_persons_rate,
       households AS listed_households, members_unknown, minority_households,
       poor_minority, ${pct('poor_minority', 'poor')} AS poor_minority_share_pct, ${pct('poor_minority', 'minority_households')} AS minority_poor_rate,
       near_poor_minority, ${pct('near_poor_minority', 'near_poor')} AS near_poor_minority_share_pct, ${pct('near_poor_minority', 'minority_households')} AS minority_near_poor_rate
  FROM t
 ORDER BY g, province_code, province, district_code, district, commune_code, commune
) TO ${literal(out)} (HEADER, DELIMITER ',')`;
}

if (isMain(import.meta.url)) {
  const [roll, out, standard = 'standards/nd07-2021.json'] = process.argv.slice(2);
  if (roll === undefined || out === undefined) {
    process.stderr.write('usage: node dist/bench/peers/duckdb-classify-rates.js ROLL OUT.csv [STANDARD.json]\n');
    process.exit(2);
  }
  await runDuckDb([classifyRatesSql(roll, out, standard)]);
}
