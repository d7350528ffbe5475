"""Print the README's configuration table from ``marsad/default_config.toml``.

Each key is explained by the comment block above it (keys under one comment share it), so
the defaults file stays the single source and the README cannot drift: a test checks that
every key appears there. Usage: python scripts/config_doc.py [--readme README.md]
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

PATH = Path(__file__).resolve().parents[1] / "marsad" / "default_config.toml"


def rows() -> list[tuple[str, str, str]]:
    values = tomllib.loads(PATH.read_text("utf-8"))
    out, section, comment, shared = [], "", [], ""
    for line in PATH.read_text("utf-8").splitlines():
        s = line.strip()
        if m := re.fullmatch(r"\[(\w+)\]", s):
            section, comment, shared = m.group(1), [], ""
        elif s.startswith("#"):
            if not comment:
                shared = ""
            comment.append(s.lstrip("# "))
        elif "=" in s and section:
            key = s.split("=", 1)[0].strip()
            if comment:
                shared = " ".join(comment)
                comment = []
            val = values[section][key]
            shown = ", ".join(map(str, val)) if isinstance(val, list) else str(val)
            out.append((f"`{section}.{key}`", shown, shared))
        elif not s:
            comment = [] if comment and not shared else comment
    return out


def table() -> str:
    lines = ["| key | default | meaning |", "|---|---|---|"]
    prev = None
    for key, val, text in rows():
        lines.append(f"| {key} | {val} | {text if text != prev else '(as above)'} |")
        prev = text
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> None:
    if len(argv) == 3 and argv[1] == "--readme":
        readme = Path(argv[2])
        text = readme.read_text("utf-8")
        head, rest = text.split("<!-- config:start", 1)
        marker, _, tail = rest.partition("-->\n")
        _, _, after = tail.partition("<!-- config:end -->")
        readme.write_text(f"{head}<!-- config:start{marker}-->\n{table()}<!-- config:end -->{after}", "utf-8")
    else:
        print(table(), end="")


if __name__ == "__main__":
    main(sys.argv)
