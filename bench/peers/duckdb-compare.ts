/**
 * Peer of `povroll compare BEFORE AFTER --by commune`, written by hand in
 * DuckDB SQL: read both classified rolls, full outer join them on
 * household_id, and count per commune (and in total) the flows of the poor
 * and the near-poor, in households and in persons, with the rates before and
 * after, into a CSV with the columns of `compare` it computes, in povroll's
 * order.
 *
 * The flows follow docs/outputs.md: a household unclassified in a roll counts
 * as absent from it; one found in another commune is an other decrease where
 * it was and an other increase where it went; re-entered needs the later
 * roll's prior_status (a roll without it has none). Simplifications, this
 * being a speed comparison: no check of the identities, no standard-change
 * test, no `--max-unclassified` blanking, no ranks, persons of a flow taken
 * from the roll the flow is counted in.
 *
 *   node dist/bench/peers/duckdb-compare.js BEFORE.csv AFTER.csv OUT.csv
 */
import { csvHeader, isMain, literal, runDuckDb } from './sql.js';

const LOCATION = ['province_code', 'province', 'district_code', 'district', 'commune_code', 'commune'];
const FLOWS = [
  'poor_start',
  'poor_to_near_poor',
  'poor_escaped',
  'poor_other_decrease',
  'near_poor_to_poor',
  'poor_re_entered',
  'poor_new',
  'poor_other_increase',
  'poor_end',
  'near_poor_start',
  'near_poor_escaped',
  'near_poor_other_decrease',
  'near_poor_re_entered',
  'near_poor_new',
  'near_poor_other_increase',
  'near_poor_end',
];

export function compareSql(before: string, after: string, out: string): string {
  const read = (file: string, side: 'a' | 'b') => {
    const header = new Set(csvHeader(file));
    for (const needed of ['household_id', 'class', 'commune'])
      if (!header.has(needed)) throw new Error(`${file}: no ${needed} column (a classified roll is needed)`);
    const types = ['household_id', ...LOCATION, 'class', 'prior_status'].filter((c) => header.has(c)).map((c) => `${literal(c)}: 'VARCHAR'`);
    if (header.has('members')) types.push(`'members': 'INTEGER'`);
    if (header.has('review_year')) types.push(`'review_year': 'INTEGER'`);
    const column = (name: string) => (header.has(name) ? name : 'NULL');
    return `${side} AS (
  SELECT household_id, ${LOCATION.map((c) => `${column(c)} AS ${c}`).join(', ')}, ${column('members')} AS members, ${column('review_year')} AS review_year,
         NULLIF(class, 'unclassified') AS class, ${column('prior_status')} AS prior_status
    FROM read_csv(${literal(file)}, header = true, types = {${types.join(', ')}})
)`;
  };
  const sameArea = LOCATION.map((c) => `a.${c} IS NOT DISTINCT FROM b.${c}`).join(' AND ');
  const grouped = (side: 'a' | 'b', flows: Record<string, string>, extra: string) => `
  SELECT GROUPING(${LOCATION.map((c) => `${side}_${c}`).join(', ')}) AS g, ${LOCATION.map((c) => `${side}_${c} AS ${c}`).join(', ')},
         ${extra},
         ${Object.entries(flows)
           .map(([name, where]) => `count(*) FILTER (WHERE ${where}) AS ${name}, coalesce(sum(${side}_members) FILTER (WHERE ${where}), 0) AS ${name}_persons`)
           .join(',\n         ')}
    FROM j WHERE ${side}_listed
   GROUP BY GROUPING SETS ((${LOCATION.map((c) => `${side}_${c}`).join(', ')}), ())`;
  const earlier = grouped(
    'a',
    {
      poor_start: "a_class = 'poor'",
      poor_to_near_poor: "a_class = 'poor' AND same AND b_class = 'near_poor'",
      poor_escaped: "a_class = 'poor' AND same AND b_class IN ('average', 'non_poor')",
      poor_other_decrease: "a_class = 'poor' AND NOT (same AND b_class IS NOT NULL)",
      poor_missing_after: "a_class = 'poor' AND b_class IS NULL",
      near_poor_to_poor: "a_class = 'near_poor' AND same AND b_class = 'poor'",
      near_poor_start: "a_class = 'near_poor'",
      near_poor_escaped: "a_class = 'near_poor' AND same AND b_class IN ('average', 'non_poor')",
      near_poor_other_decrease: "a_class = 'near_poor' AND NOT (same AND b_class IS NOT NULL)",
      near_poor_missing_after: "a_class = 'near_poor' AND b_class IS NULL",
    },
    'count(*) AS households, sum(a_members) AS persons, max(a_review_year) AS year',
  );
  const laterFlows: Record<string, string> = {
    poor_re_entered: "b_class = 'poor' AND same AND a_class IN ('average', 'non_poor') AND b_prior_status = 're_entered'",
    poor_new: "b_class = 'poor' AND same AND a_class IN ('average', 'non_poor') AND b_prior_status IS DISTINCT FROM 're_entered'",
    poor_other_increase: "b_class = 'poor' AND NOT (same AND a_class IS NOT NULL)",
    poor_end: "b_class = 'poor'",
    near_poor_re_entered: "b_class = 'near_poor' AND same AND a_class IN ('average', 'non_poor') AND b_prior_status = 're_entered'",
    near_poor_new: "b_class = 'near_poor' AND same AND a_class IN ('average', 'non_poor') AND b_prior_status IS DISTINCT FROM 're_entered'",
    near_poor_other_increase: "b_class = 'near_poor' AND NOT (same AND a_class IS NOT NULL)",
    near_poor_end: "b_class = 'near_poor'",
  };
  const later = grouped('b', laterFlows, 'count(*) AS households, sum(b_members) AS persons, max(b_review_year) AS year');
  const n = (column: string) => `coalesce(${column}, 0)`;
  const rate = (count: string, of: string) => `100.0 * ${count} / nullif(${of}, 0)`;
  const poorBefore = rate('f.poor_start', 'f.households');
  const poorAfter = rate('l.poor_end', 'l.households');
  const nearBefore = rate('f.near_poor_start', 'f.households');
  const nearAfter = rate('l.near_poor_end', 'l.households');
  const personsBefore = rate('f.poor_start_persons', 'f.persons');
  const personsAfter = rate('l.poor_end_persons', 'l.persons');
  const years = '(SELECT max(review_year) FROM b) - (SELECT max(review_year) FROM a)';
  // A flow is counted in the roll it is of: into the class in the later one, out of it in the earlier one.
  const side = (flow: string) => (flow in laterFlows ? 'l' : 'f');
  return `COPY (
WITH ${read(before, 'a')}, ${read(after, 'b')},
j AS (
  SELECT a.household_id IS NOT NULL AS a_listed, b.household_id IS NOT NULL AS b_listed,
         ${LOCATION.map((c) => `a.${c} AS a_${c}, b.${c} AS b_${c}`).join(', ')},
         a.class AS a_class, b.class AS b_class, a.members AS a_members, b.members AS b_members,
         a.review_year AS a_review_year, b.review_year AS b_review_year, b.prior_status AS b_prior_status,
         (a.household_id IS NOT NULL AND b.household_id IS NOT NULL AND ${sameArea}) AS same
    FROM a FULL OUTER JOIN b ON a.household_id = b.household_id
),
f AS (${earlier}),
l AS (${later})
SELECT CASE WHEN coalesce(f.g, l.g) = 0 THEN 'commune' ELSE 'total' END AS level,
       ${LOCATION.map((c) => `coalesce(f.${c}, l.${c}) AS ${c}`).join(', ')},
       (SELECT max(review_year) FROM a) AS from_year, (SELECT max(review_year) FROM b) AS to_year,
       round(${poorBefore}, 2) AS poor_rate_before, round(${poorAfter}, 2) AS poor_rate_after, round(${poorAfter} - ${poorBefore}, 2) AS poor_rate_change_pp,
       round(${nearBefore}, 2) AS near_poor_rate_before, round(${nearAfter}, 2) AS near_poor_rate_after, round(${nearAfter} - ${nearBefore}, 2) AS near_poor_rate_change_pp,
       ${FLOWS.map((flow) => `${n(`${side(flow)}.${flow}`)} AS ${flow}`).join(', ')},
       round((${poorBefore} - ${poorAfter}) / nullif(${years}, 0), 2) AS poor_reduction_pp_per_year,
       ${years} AS years,
       ${n('f.households')} AS households_before, ${n('l.households')} AS households_after,
       round((${poorAfter} - ${poorBefore}) / nullif(${poorBefore}, 0) * 100, 2) AS poor_rate_change_pct,
       round((${nearBefore} - ${nearAfter}) / nullif(${years}, 0), 2) AS near_poor_reduction_pp_per_year,
       round(${personsBefore}, 2) AS poor_persons_rate_before, round(${personsAfter}, 2) AS poor_persons_rate_after, round(${personsAfter} - ${personsBefore}, 2) AS poor_persons_rate_change_pp,
       ${n('f.poor_missing_after')} AS poor_missing_after, ${n('f.near_poor_missing_after')} AS near_poor_missing_after,
       'step' AS period,
       ${FLOWS.map((flow) => `${n(`${side(flow)}.${flow}_persons`)} AS ${flow}_persons`).join(', ')}
  FROM f FULL OUTER JOIN l ON f.g = l.g AND ${LOCATION.map((c) => `f.${c} IS NOT DISTINCT FROM l.${c}`).join(' AND ')}
 ORDER BY coalesce(f.g, l.g), ${LOCATION.map((c) => `coalesce(f.${c}, l.${c})`).join(', ')}
) TO ${literal(out)} (HEADER, DELIMITER ',')`;
}

if (isMain(import.meta.url)) {
  const [before, after, out] = process.argv.slice(2);
  if (before === undefined || after === undefined || out === undefined) {
    process.stderr.write('usage: node dist/bench/peers/duckdb-compare.js BEFORE.csv AFTER.csv OUT.csv\n');
    process.exit(2);
  }
  await runDuckDb([compareSql(before, after, out)]);
}
