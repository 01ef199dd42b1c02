"""Orders a closure by popularity, for referencesByPopularity.

Reads the JSON that exportReferencesGraph writes with structured attributes
(argv[1], key argv[2]: a list of {path, references}) and prints every path of
the closure, one a line. A path's popularity is the number of distinct walks
that reach it from the roots (the paths nothing else refers to) along
references, a root counting once for itself: the libraries everything uses
come first, the roots last. Equal popularity is ordered by the name after the
hash, then the hash, so the order never depends on the input order.
"""

import json
import sys
from graphlib import TopologicalSorter


def popularity(graph):
    """{path: number of walks from the roots to it} for the closure `graph`
    ({path: [references other than itself]})."""
    referrers = {path: 0 for path in graph}
    for refs in graph.values():
        for ref in refs:
            referrers[ref] = referrers.get(ref, 0) + 1
    counts = {path: (1 if referrers[path] == 0 else 0) for path in referrers}
    # Referrers before the paths they refer to: a path's count is complete
    # when every referrer has passed its own count down.
    order = TopologicalSorter({path: [] for path in referrers})
    for path, refs in graph.items():
        for ref in refs:
            order.add(ref, path)
    for path in order.static_order():
        for ref in graph.get(path, ()):
            counts[ref] += counts[path]
    return counts


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
