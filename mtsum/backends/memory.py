"""The C allocator's settings while a model runs on the CPU.

A model's every step allocates its activations and frees them (a batch's logits alone are
sentences x vocabulary x 4 bytes: 13.6 MB for 64 sentences of opus-mt's 53k words). Under
glibc's defaults, in a brief's process those buffers were often handed back to the kernel as
soon as they were freed and faulted in again, page by page, at the next step: in
``python -m bench.brief_throughput`` (200 articles, 2 cores) ``mtsum brief`` spent 13-16 s of
kernel time on 8-9 million page faults, against under 3 s with the settings below (alternating
runs: 56-61 s in 9 runs with them; 59-69 s in 8 without, 7 of them 62-69 s with the faults).

:func:`keep_freed_memory` keeps freed memory for reuse: blocks up to 32 MiB come from the
allocator's heaps instead of one mapping each (``M_MMAP_THRESHOLD``, glibc's own ceiling for
it), and each heap keeps 32 MiB free at its top instead of returning it (``M_TOP_PAD``). The
price is memory a run touched once staying resident: up to 32 MiB per allocator arena (glibc
makes one per busy thread, up to 8 per core), about 20 MB more at the peak in that brief on 2
cores. The settings are the whole process's and stay for its life: a program that embeds
mtsum gets them too once it loads a model on the CPU. It does nothing outside glibc (macOS,
Windows, musl), when the process was started with its own allocator settings
(``MALLOC_*_`` variables, a ``glibc.malloc`` tunable in ``GLIBC_TUNABLES``), or when
``MTSUM_KEEP_FREED_MEMORY=0``; a Ray worker reads that variable from its own environment.
"""

from __future__ import annotations

import ctypes
import functools
import os

M_TOP_PAD = -2  # glibc's malloc.h
M_MMAP_THRESHOLD = -3
KEEP = 32 * 1024 * 1024  # DEFAULT_MMAP_THRESHOLD_MAX on 64-bit: mallopt refuses more
ENVIRONMENT = "MTSUM_KEEP_FREED_MEMORY"


def glibc() -> bool:
    """Whether this process runs on GNU libc (whose mallopt these settings are)."""
    try:
        return (os.confstr("CS_GNU_LIBC_VERSION") or "").startswith("glibc")
    except (ValueError, OSError, AttributeError):  # no such name here: not glibc
        return False


@functools.cache
def keep_freed_memory() -> bool:
    """Set the allocator to keep what a model's steps free (see the module's note), once per
    process; True when the settings are in force."""
    return _apply()


def tuned_already() -> bool:
    """Whether whoever started the process set glibc's allocator: its ``MALLOC_*_`` variables
    or a ``glibc.malloc`` tunable. Their settings are left as they are."""
    return "glibc.malloc." in os.environ.get("GLIBC_TUNABLES", "") or any(
        name.startswith("MALLOC_") and name.endswith("_") for name in os.environ
    )


def _apply() -> bool:
    if os.environ.get(ENVIRONMENT, "1").strip().lower() in {"0", "no", "false", "off"}:
        return False
    if not glibc() or tuned_already():
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    # Setting either fixes the threshold (glibc stops adjusting it itself): both are set.
    threshold = mallopt(M_MMAP_THRESHOLD, KEEP)
    pad = mallopt(M_TOP_PAD, KEEP)
    return bool(threshold and pad)
