"""Orders a closure by popularity, for referencesByPopularity.

Reads the JSON that exportReferencesGraph writes with structured attributes
(argv[1], key argv[2]: a list of {path, references}) and prints every path of
the closure, one a line, most popular first, with nixpkgs' measure of
popularity: picture the closure as a tree, each root (a path nothing else
refers to) with its references below it, repeated wherever they are
referred to. Every place a path appears in that tree counts one, and one
more for each level it sits below the path whose subtree is being counted;
a root counts one. So the libraries everything uses come first, the roots
last. Equal popularity is ordered by the name after the hash, then the hash,
so the order never depends on the input order.
"""

import json
import sys
from functools import lru_cache


def popularity(graph):
    """{path: popularity} for the closure `graph` ({path: [references
    other than itself]})."""

    @lru_cache(maxsize=None)
    def below(path):
        """{descendant: its count within the subtree of `path`, `path`
        itself left out}."""
        counts = {}
        for child in graph.get(path, ()):
            counts[child] = counts.get(child, 0) + 1
            for descendant, count in below(child).items():
                counts[descendant] = counts.get(descendant, 0) + count + 1
        return counts

    referred = {ref for refs in graph.values() for ref in refs}
    result = {}
    for root in sorted(p for p in graph if p not in referred):
        result[root] = result.get(root, 0) + 1
        for path, count in below(root).items():
            result[path] = result.get(path, 0) + count + 1
    return result


def name_key(path):
    """The store path's name first, its hash last."""
    base = path.rsplit("/", 1)[-1]
    digest, _, name = base.partition("-")
    return f"{name}-{digest}"


def main(argv):
    with open(argv[1], encoding="utf-8") as f:
        closure = json.load(f)[argv[2]]
    graph = {entry["path"]: [r for r in entry["references"] if r != entry["path"]] for entry in closure}
    counts = popularity(graph)
    ordered = sorted(counts, key=lambda p: (-counts[p], name_key(p)))
    sys.stdout.write("".join(p + "\n" for p in ordered))


if __name__ == "__main__":
    main(sys.argv)
