#!/usr/bin/env python3
"""Peer of `povroll classify ROLL | povroll rates - --by commune`, in Polars.

The same work as bench/peers/duckdb-classify-rates.ts: read the canonical
roll, classify every household under the standard's rule (income lines by
area, the count of deprivations over every indicator column of the standard,
the farm-household condition of the average class, three-valued where a fact
is missing), and write the per-commune rates and the total row as a CSV with
the columns of `rates` it computes, in povroll's order. The same
simplifications: one standard, no B1/B2 fallbacks, no --max-unclassified
blanking, rates rounded by Polars.

    python3 bench/peers/polars_classify_rates.py ROLL OUT.csv [standards/nd07-2021.json]

Needs Polars 0.20.5 or later (pl.len, group_by, sum_horizontal). At exit it
appends "LABEL PEAK_KB" to the file POVROLL_BENCH_PEAK_FILE names, as the
node processes of the bench do (bench/peak-hook.ts).
"""
import csv
import json
import os
import re
import resource
import sys

import polars as pl

LOCATION = ["province_code", "province", "district_code", "district", "commune_code", "commune"]


def simple_rule(path):
    with open(path, encoding="utf-8") as f:
        standard = json.load(f)
    poor = " ".join(c for rule in standard["classes"] if rule["class"] == "poor" for group in rule["when"] for c in group)
    found = re.search(r"deprivations >= (\d+)", poor)
    if not found:
        raise SystemExit(f'{path}: the poor rule is not "income <= poverty, deprivations >= N"')
    return {
        "first_year": standard["review_years"][0],
        "last_year": standard["review_years"][1],
        "poverty": standard["lines"]["poverty"],
        "upper": standard["lines"]["average"],
        "poor_from": int(found.group(1)),
        "indicators": [i["code"] for i in standard["indicators"]],
    }


def csv_header(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return next(csv.reader(f))


def scan(path, overrides):
    try:
        return pl.scan_csv(path, schema_overrides=overrides, infer_schema_length=10000)
    except TypeError:  # Polars before 0.20.31 named it dtypes
        return pl.scan_csv(path, dtypes=overrides, infer_schema_length=10000)


def classify_rates(roll, out, standard_path):
    rule = simple_rule(standard_path)
    header = set(csv_header(roll))
    codes = rule["indicators"]
    n = rule["poor_from"]
    types = {c: pl.Utf8 for c in ["household_id", *LOCATION, "area", "recorded_class"]}
    types.update({"review_year": pl.Int64, "members": pl.Int64, "income_per_capita": pl.Float64, "ethnic_minority": pl.Int64, "farm_household": pl.Float64})
    types.update({f"d_{c}": pl.Int64 for c in codes})
    frame = scan(roll, {c: t for c, t in types.items() if c in header})

    def column(name, dtype):
        return pl.col(name) if name in header else pl.lit(None, dtype=dtype)

    def when_area(lines):
        return pl.when(pl.col("area") == "rural").then(pl.lit(lines["rural"], dtype=pl.Float64)).when(pl.col("area") == "urban").then(pl.lit(lines["urban"], dtype=pl.Float64)).otherwise(pl.lit(None, dtype=pl.Float64))

    indicators = [column(f"d_{c}", pl.Int64).alias(f"d_{c}") for c in codes]
    recorded = column("recorded_class", pl.Utf8)
    farm = pl.when(recorded.is_not_null()).then(recorded == "average").otherwise(pl.lit(None, dtype=pl.Boolean))
    if "farm_household" in header:
        farm = pl.when(pl.col("farm_household").is_not_null()).then(pl.col("farm_household") == 1).otherwise(farm)
    households = frame.select(
        *[column(c, pl.Utf8).alias(c) for c in LOCATION],
        column("review_year", pl.Int64).alias("review_year"),
        column("members", pl.Int64).alias("members"),
        column("ethnic_minority", pl.Int64).alias("ethnic_minority"),
        column("income_per_capita", pl.Float64).alias("income"),
        column("area", pl.Utf8).alias("area"),
        farm.alias("farm"),
        *indicators,
    ).with_columns(
        when_area(rule["poverty"]).alias("line"),
        when_area(rule["upper"]).alias("upper"),
        pl.sum_horizontal([pl.col(f"d_{c}").fill_null(0) for c in codes]).alias("low"),
        pl.sum_horizontal([pl.col(f"d_{c}").is_null().cast(pl.Int64) for c in codes]).alias("unknown"),
    )
    none = pl.lit(None, dtype=pl.Boolean)
    # Kleene logic: & and | of Polars keep null (unknown) where the answer depends on it.
    at_least = pl.when(pl.col("low") >= n).then(True).when(pl.col("low") + pl.col("unknown") < n).then(False).otherwise(none)
    fewer = pl.when(pl.col("low") + pl.col("unknown") < n).then(True).when(pl.col("low") >= n).then(False).otherwise(none)
    at_or_below = pl.col("income") <= pl.col("line")
    is_poor = at_or_below & at_least
    is_near_poor = at_or_below & fewer
    is_average = (pl.col("income") > pl.col("line")) & (pl.col("income") <= pl.col("upper")) & pl.col("farm")
    out_of_standard = pl.col("review_year").is_null() | (pl.col("review_year") < rule["first_year"]) | (pl.col("review_year") > rule["last_year"]) | pl.col("line").is_null()
    klass = (
        pl.when(out_of_standard).then(pl.lit("unclassified"))
        .when(is_poor.is_null()).then(pl.lit("unclassified")).when(is_poor).then(pl.lit("poor"))
        .when(is_near_poor.is_null()).then(pl.lit("unclassified")).when(is_near_poor).then(pl.lit("near_poor"))
        .when(is_average.is_null()).then(pl.lit("unclassified")).when(is_average).then(pl.lit("average"))
        .otherwise(pl.lit("non_poor"))
    )
    classified = households.with_columns(klass.alias("class"))

    def count(condition):
        return condition.fill_null(False).cast(pl.Int64).sum()

    poor = pl.col("class") == "poor"
    near_poor = pl.col("class") == "near_poor"
    minority = pl.col("ethnic_minority") == 1
    sums = [
        pl.len().cast(pl.Int64).alias("households"),
        pl.col("members").sum().alias("persons"),
        count(poor).alias("poor"),
        count(near_poor).alias("near_poor"),
        count(pl.col("class") == "average").alias("average"),
        count(pl.col("class") == "non_poor").alias("non_poor"),
        count(pl.col("class") == "unclassified").alias("unclassified"),
        pl.when(poor).then(pl.col("members")).otherwise(0).sum().alias("poor_persons"),
        pl.when(near_poor).then(pl.col("members")).otherwise(0).sum().alias("near_poor_persons"),
        *[count(poor & (pl.col(f"d_{c}") == 1)).alias(f"poor_d_{c}") for c in codes],
        pl.when(poor).then(pl.col("low")).otherwise(0).sum().alias("poor_deprivations"),
        count(pl.col("members").is_null()).alias("members_unknown"),
        count(minority).alias("minority_households"),
        count(poor & minority).alias("poor_minority"),
        count(near_poor & minority).alias("near_poor_minority"),
        pl.col("review_year").max().alias("review_year"),
    ]
    communes = classified.group_by(LOCATION).agg(sums).sort(LOCATION, nulls_last=False).collect()
    added = [c for c in communes.columns if c not in LOCATION and c != "review_year"]
    total = communes.select(
        *[pl.lit(None, dtype=pl.Utf8).alias(c) for c in LOCATION],
        *[pl.col(c).sum() for c in added],
        pl.col("review_year").max(),
    )
    table = pl.concat([
        communes.with_columns(pl.lit("commune").alias("level")),
        total.select(communes.columns).with_columns(pl.lit("total").alias("level")),
    ])

    def pct(numerator, denominator):
        return pl.when(denominator > 0).then(100.0 * numerator / denominator).otherwise(None).round(2)

    c = pl.col
    classified_households = c("households") - c("unclassified")
    af_h = pl.when(classified_households > 0).then(c("poor") / classified_households).otherwise(None)
    af_a = pl.when(c("poor") > 0).then(c("poor_deprivations") / (c("poor") * len(codes))).otherwise(None)
    result = table.select(
        c("level"),
        *[c(name) for name in LOCATION],
        c("households"), c("persons"),
        c("poor"), pct(c("poor"), c("households")).alias("poor_rate"),
        c("near_poor"), pct(c("near_poor"), c("households")).alias("near_poor_rate"),
        (c("poor") + c("near_poor")).alias("multidim"), pct(c("poor") + c("near_poor"), c("households")).alias("multidim_rate"),
        c("average"), c("unclassified"),
        c("poor_persons"), pct(c("poor_persons"), c("persons")).alias("poor_persons_rate"), c("near_poor_persons"),
        *[c(f"poor_d_{code}") for code in codes],
        af_h.round(6).alias("af_h"), af_a.round(6).alias("af_a"), (af_h * af_a).round(6).alias("af_m0"),
        c("review_year"), c("non_poor"),
        pct(c("average"), c("households")).alias("average_rate"),
        pct(c("near_poor_persons"), c("persons")).alias("near_poor_persons_rate"),
        c("households").alias("listed_households"), c("members_unknown"), c("minority_households"),
        c("poor_minority"), pct(c("poor_minority"), c("poor")).alias("poor_minority_share_pct"),
        pct(c("poor_minority"), c("minority_households")).alias("minority_poor_rate"),
        c("near_poor_minority"), pct(c("near_poor_minority"), c("near_poor")).alias("near_poor_minority_share_pct"),
        pct(c("near_poor_minority"), c("minority_households")).alias("minority_near_poor_rate"),
    )
    result.write_csv(out)


def report_peak():
    target = os.environ.get("POVROLL_BENCH_PEAK_FILE")
    if not target:
        return
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    kb = int(line.split()[1])
    except OSError:
        pass  # Not Linux: maxRSS is the best there is.
    with open(target, "a", encoding="utf-8") as f:
        f.write(f"{os.environ.get('POVROLL_BENCH_PEAK_LABEL', os.getpid())} {kb}\n")


if __name__ == "__main__":
    if len(sys.argv) < 3:
        raise SystemExit("usage: python3 bench/peers/polars_classify_rates.py ROLL OUT.csv [STANDARD.json]")
    classify_rates(sys.argv[1], sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else "standards/nd07-2021.json")
    report_peak()
