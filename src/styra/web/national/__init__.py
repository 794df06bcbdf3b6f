"""National scale: the shared cache's table, and an invented national data set for benchmarks."""
