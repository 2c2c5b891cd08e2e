"""CloseRead benchmarks: `make bench` (full) and `make bench-smoke` (a short check). See README.md."""
