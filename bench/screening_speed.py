"""How fast the screener is, against bm25s (a fast BM25 library) on the same tokens, one core.

.venv/bin/python bench/screening_speed.py [--sizes 1000,10000,100000] [--queries 10000]

Catalogs of each size are made from the real items (../shared/data: the county catalog and
real/catalog_items.tsv), varied deterministically: region names, clauses of two items joined,
categories recombined, items numbered. The 10,000 requests are the dev requests varied the same way.
Each size runs in its own process (clean memory figures) and prints one JSON line:

  items      catalog size
  build_s    building the Screener (tokenising every item, BM25F and coverage matrices)
  qps        requests screened per second, text in, decision and explanations out; "mode" says
             whether one request at a time ("single") or screen_many ("batch")
  p50_ms, p99_ms   single-request latency, text in → ScreenResult out
  peak_mb    the process's maximum resident set size after build and queries (getrusage ru_maxrss)
  ref_*      bm25s (numpy backend) on the same tokens (our tokeniser's output, given to it as lists):
             index build, batch retrieve top-10 throughput, single-query latency, its process's peak
  ratio      qps / ref_qps
  *_cpu      the same counted in CPU time (process_time; per request thread_time), for a machine that
             other work shares: wall-clock figures there measure the neighbours too
"""

import os

for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMBA_NUM_THREADS"):
    os.environ[_name] = "1"

import argparse  # noqa: E402  (the thread limits above must come before numpy is imported)
import csv  # noqa: E402
import json  # noqa: E402
import random  # noqa: E402
import resource  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
REGIONS = [
    "武汉市江岸区",
    "宜昌市夷陵区",
    "襄阳市枣阳市",
    "荆门市京山市",
    "黄石市大冶市",
    "咸宁市通山县",
    "十堰市竹山县",
    "恩施州利川市",
    "孝感市云梦县",
    "荆州市监利市",
    "黄冈市麻城市",
    "随州市广水市",
    "长沙市望城区",
    "太原市小店区",
    "哈尔滨市道里区",
    "上海市闵行区",
    "宁波市象山县",
    "江门市新会区",
]
AGENCIES = [
    "县农业农村局",
    "区城管执法局",
    "县民政局",
    "县自然资源局",
    "市场监管局",
    "县卫健委",
    "县应急管理局",
    "",
]
TAILS = ["", "，请于本月底前完成", "，逾期将通报", "，并报送工作台账", "，纳入年度考核", "。"]


def source_items() -> list[dict[str, str]]:
    from qingdan.duties.sheet import read_catalog_path

    items = [
        {"list_kind": row.list_kind, "name": row.name, "category": row.category, "content": row.content}
        for row in read_catalog_path(SHARED / "catalogs" / "hubei_county_village.tsv").rows
    ]
    with open(SHARED / "real" / "catalog_items.tsv", encoding="utf-8", newline="") as file:
        for row in csv.DictReader(file, delimiter="\t", quoting=csv.QUOTE_NONE):
            items.append(
                {
                    "list_kind": row["list_kind"],
                    "name": row["item_text"],
                    "category": row["category"],
                    "content": "",
                }
            )
    return items


def make_catalog(size: int) -> list[dict[str, str]]:
    sources = source_items()
    numbers: dict[str, int] = {}
    out = []
    for n in range(size):
        pick = random.Random(n)
        base = sources[n % len(sources)]
        other = sources[pick.randrange(len(sources))]
        region = REGIONS[(n // len(sources)) % len(REGIONS)]
        name = base["name"]
        variant = pick.randrange(4)
        if variant == 1:
            name = f"{region}{name}"
        elif variant == 2:
            clause = other["name"].split("。")[0].split(",")[0]
            name = f"{name.rstrip('。')}、{clause}"
        elif variant == 3:
            name = f"{name}(第{n // len(sources) + 1}批)"
        kind = base["list_kind"]
        numbers[kind] = numbers.get(kind, 0) + 1
        out.append(
            {
                "list_kind": kind,
                "item_no": str(numbers[kind]),
                "name": name,
                "category": f"{region}{other['category'] if variant == 2 else base['category']}",
                "content": base["content"],
            }
        )
    return out


def make_queries(count: int) -> list[str]:
    with open(SHARED / "screening" / "requests_dev.tsv", encoding="utf-8", newline="") as file:
        texts = [row["text"] for row in csv.DictReader(file, delimiter="\t", quoting=csv.QUOTE_NONE)]
    out = []
    for n in range(count):
        pick = random.Random(-n - 1)
        text = texts[n % len(texts)]
        if pick.random() < 0.3:
            text = text.replace("社区", "村")
        out.append(f"{pick.choice(AGENCIES)}{text}{pick.choice(TAILS)}")
    return out


def peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def run_ours(size: int, query_count: int, without: list[str]) -> dict:
    from qingdan.screening import Screener

    if without:
        from qingdan.screening import lexicon

        lexicon.configure(**dict.fromkeys(without, False))

    items, queries = make_catalog(size), make_queries(query_count)
    started = time.perf_counter()
    screener = Screener(items)
    build = time.perf_counter() - started
    screener.screen(queries[0])  # warm the segmenter and caches
    latencies, cpu = [], []
    started, cpu_started = time.perf_counter(), time.process_time()
    for text in queries:
        began, cpu_began = time.perf_counter(), time.thread_time()
        screener.screen(text)
        latencies.append(time.perf_counter() - began)
        cpu.append(time.thread_time() - cpu_began)
    single = len(queries) / (time.perf_counter() - started)
    single_cpu = len(queries) / (time.process_time() - cpu_started)
    started, cpu_started = time.perf_counter(), time.process_time()
    screener.screen_many(queries)
    batch = len(queries) / (time.perf_counter() - started)
    batch_cpu = len(queries) / (time.process_time() - cpu_started)
    mode, qps = ("batch", batch) if batch > single else ("single", single)
    return {
        "qps_cpu": round(max(single_cpu, batch_cpu)),
        "p99_cpu_ms": round(percentile(cpu, 0.99) * 1000, 3),
        "build_s": round(build, 3),
        "qps": round(qps),
        "mode": mode,
        "qps_single": round(single),
        "p50_ms": round(percentile(latencies, 0.50) * 1000, 3),
        "p99_ms": round(percentile(latencies, 0.99) * 1000, 3),
        "peak_mb": peak_mb(),
    }


def tokens_of(text: str, analyze) -> list[str]:
    analysis = analyze(text)
    return [token for token, count in analysis.units.items() for _ in range(max(1, round(count)))]


def run_reference(size: int, query_count: int) -> dict:
    import bm25s

    from qingdan.screening.text import analyze

    items, queries = make_catalog(size), make_queries(query_count)
    corpus = [
        tokens_of(" ".join((item["name"], item["content"], item["category"])), analyze) for item in items
    ]
    query_tokens = [tokens_of(text, analyze) for text in queries]
    started = time.perf_counter()
    retriever = bm25s.BM25()
    retriever.index(corpus, show_progress=False)
    build = time.perf_counter() - started
    started, cpu_started = time.perf_counter(), time.process_time()
    retriever.retrieve(query_tokens, k=10, show_progress=False, n_threads=1)
    batch = len(queries) / (time.perf_counter() - started)
    batch_cpu = len(queries) / (time.process_time() - cpu_started)
    latencies = []
    for tokens in query_tokens[:2000]:
        began = time.perf_counter()
        retriever.retrieve([tokens], k=10, show_progress=False, n_threads=1)
        latencies.append(time.perf_counter() - began)
    return {
        "ref_qps_cpu": round(batch_cpu),
        "ref_build_s": round(build, 3),
        "ref_qps": round(batch),
        "ref_p50_ms": round(percentile(latencies, 0.50) * 1000, 3),
        "ref_p99_ms": round(percentile(latencies, 0.99) * 1000, 3),
        "ref_peak_mb": peak_mb(),
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--queries", type=int, default=10_000)
    parser.add_argument("--worker", choices=["ours", "reference"])
    parser.add_argument("--size", type=int)
    parser.add_argument("--without", default="", help="lexicon sources to switch off, e.g. cilin")
    args = parser.parse_args()
    without = [name for name in args.without.split(",") if name]
    if args.worker == "ours":
        print(json.dumps(run_ours(args.size, args.queries, without)))
        return 0
    if args.worker:
        print(json.dumps(run_reference(args.size, args.queries)))
        return 0
    for size in (int(part) for part in args.sizes.split(",")):
        line: dict = {"name": "screening_speed", "items": size, "lexicon_without": without}
        for worker in ("ours", "reference"):
            answer = subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--worker",
                    worker,
                    "--size",
                    str(size),
                    "--queries",
                    str(args.queries),
                    "--without",
                    args.without,
                ],
                check=True,
                capture_output=True,
                text=True,
            )
            line.update(json.loads(answer.stdout.strip().splitlines()[-1]))
        line["ratio"] = round(line["qps"] / line["ref_qps"], 2) if line["ref_qps"] else None
        line["ratio_cpu"] = round(line["qps_cpu"] / line["ref_qps_cpu"], 2) if line["ref_qps_cpu"] else None
        line["peak_memory"] = "ru_maxrss"
        print(json.dumps(line), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
