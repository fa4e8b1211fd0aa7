#!/usr/bin/env bash
# Search benchmark: a generated zh+en corpus from the demo content's vocabulary, indexed, then a query mix.
# Usage: tests/bench/search.sh [items=100000] [queries per class=300]   (BENCH_THREADS=n: indexing threads, default one per core up to 4)
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet run -c Release --project tests/bench/SearchBench -- content-seed "${1:-100000}" "${2:-300}"
