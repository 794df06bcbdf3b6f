"""Source text of ``peak_mb()`` for child processes that measure their own memory (the SIE
bounds tests and ``benchmarks/sie_hostile.py`` run it in a fresh interpreter)."""

PEAK_MB = """
def peak_mb():
    # VmHWM: this process's own peak. ru_maxrss would start at the parent's peak on Linux
    # (the exec'd child inherits the high-water mark of the memory it was forked from).
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1 << 20) if sys.platform == "darwin" else peak / 1024
"""
