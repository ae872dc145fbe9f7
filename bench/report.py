"""The benchmark results as a plain-text table."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def cold_table(results: dict[str, Any]) -> str:
    """The cold build against its yardsticks: bare MkDocs, and bare MkDocs then Pagefind over it."""
    rows: list[tuple[str, ...]] = [
        (
            "records",
            "build s (peak MiB)",
            "bare MkDocs s (peak MiB)",
            "Pagefind over bare s (peak MiB)",
            "build/bare",
            "build/(bare+Pagefind)",
            "build ms/record",
        )
    ]
    for size in results["sizes"]:
        build, bare, search = size["build"], size["bare"], size["bare_pagefind"]
        rows.append(
            (
                f"{size['records']:,}",
                f"{build['median_s']:.2f} ({build['peak_rss_mib']:.0f})",
                f"{bare['median_s']:.2f} ({bare['peak_rss_mib']:.0f})",
                f"{search['median_s']:.2f} ({search['peak_rss_mib']:.0f})",
                f"{build['median_s'] / bare['median_s']:.2f}",
                _floor_ratio(size),
                f"{1000 * build['median_s'] / size['records']:.2f}",
            )
        )
    return "\n".join(_format(rows))


def _floor_ratio(size: dict[str, Any]) -> str:
    """The build against the searchable site a user would otherwise build (bare MkDocs + Pagefind)."""
    if "bare_pagefind" not in size:
        return "-"
    floor = size["bare"]["median_s"] + size["bare_pagefind"]["median_s"]
    return f"{size['build']['median_s'] / floor:.2f}"


def table(results: dict[str, Any]) -> str:
    header = (
        "records",
        "generate s",
        "build s (peak MiB)",
        "bare MkDocs s",
        "build/bare",
        "build/(bare+Pagefind)",
        "MkDocs alone s (peak MiB)",
        "build ms/record",
        "edit one: s, files rewritten",
        "no-op: s, files touched",
        "largest page (md / html KiB)",
        "search payload (gzip KiB)",
        "first search ms",
    )
    rows = [header]
    for size in results["sizes"]:
        count, build, mkdocs = size["records"], size["build"], size["mkdocs"]
        search = size.get("first_search")
        rows.append(
            (
                f"{count:,}",
                f"{size['generate']['median_s']:.2f}",
                f"{build['median_s']:.2f} ({build['peak_rss_mib']:.0f})",
                f"{size['bare']['median_s']:.2f}",
                f"{build['median_s'] / size['bare']['median_s']:.2f}",
                _floor_ratio(size),
                f"{mkdocs['median_s']:.2f} ({mkdocs['peak_rss_mib']:.0f})",
                f"{1000 * build['median_s'] / count:.2f}",
                f"{size['incremental']['median_s']:.2f}, {_counts(size['incremental']['rewritten'])}",
                f"{size['noop']['median_s']:.2f}, {_counts(size['noop']['touched'])}",
                f"{_kib(size['largest_page_md'])} / {_kib(size['largest_page_html'])}",
                f"{search['search_bytes_gzip'] / 1024:.0f}" if search else "-",
                f"{search['first_result_ms']:.0f}" if search else "-",
            )
        )
    lines = _format(rows)
    lines += ["", "Publishing one change (`briefing build` after it; compared with a clean build):"]
    for size in results["sizes"]:
        for name in ("edit", "add", "delete"):
            step = size[f"publish_{name}"]
            line = f"  {size['records']:,} records, {step['change']}: {step['seconds']:.2f} s "
            line += f"(peak {step['peak_rss_mib']:.0f} MiB)"
            if "identical" in step:
                line += f", {_verdict(step)}; clean build {step['clean_build_s']:.2f} s"
            lines.append(line)
        if "publish_compared" in size:  # --compare-once: one clean build after all three
            step = size["publish_compared"]
            lines.append(
                f"  {size['records']:,} records, after {', '.join(step['after'])}: {_verdict(step)} "
                f"to a clean build ({step['clean_build_s']:.2f} s, peak {step['clean_peak_rss_mib']:.0f} MiB)"
            )
        noop = size["publish_noop"]
        lines.append(
            f"  {size['records']:,} records, no-op build: {noop['seconds']:.2f} s "
            f"(peak {noop['peak_rss_mib']:.0f} MiB), {len(noop['touched'])} paths touched in site/"
        )
    for blog in results["blog"]:
        ours = next((s for s in results["sizes"] if s["records"] == blog["records"]), None)
        ratio = (
            f", {blog['blog']['median_s'] / ours['build']['median_s']:.1f}x briefing build" if ours else ""
        )
        lines.append(
            f"Material blog plugin, {blog['records']:,} posts: {blog['blog']['median_s']:.2f} s "
            f"(peak {blog['blog']['peak_rss_mib']:.0f} MiB){ratio}"
        )
    for size in results["sizes"]:
        if "zensical" in size:
            z = size["zensical"]
            lines.append(
                f"zensical build, {size['records']:,} records: {z['median_s']:.2f} s "
                f"(peak {z['peak_rss_mib']:.0f} MiB)"
            )
    return "\n".join(lines)


def _kib(file: dict[str, Any]) -> str:
    return f"{file['bytes'] / 1024:.0f}"


def _counts(changes: list[list[str]]) -> str:
    return "/".join(str(len(files)) for files in changes)


def _format(rows: Sequence[tuple[str, ...]]) -> list[str]:
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    lines = [
        "| " + " | ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)) + " |"
        for row in rows
    ]
    lines.insert(1, "|" + "|".join("-" * (width + 2) for width in widths) + "|")
    return lines


def _verdict(step: dict) -> str:
    return "byte-identical" if step["identical"] else f"DIFFERS: {step['differences'][:3]}"
