"""What the tests and the benchmarks share: a real server in a subprocess and clients that load it
(``server``), index swaps and killed builds under load (``soak``), generated requests from the
OpenAPI document (``fuzz``), stalled clients and costly questions (``abuse``). The command-line
fronts are scripts/loadgen.py, soak.py, fuzz.py and bench.py."""
