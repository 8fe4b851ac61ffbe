"""Developer tools: benchmarks, the bench data seeder and the standards audit (not installed in production)."""
