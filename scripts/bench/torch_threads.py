"""Imported by the PyTorch benchmark scripts before torch: takes --threads N from the command
line into OMP_NUM_THREADS and OPENBLAS_NUM_THREADS. OpenMP and OpenBLAS size their thread pools
when they load, and torch.set_num_threads alone leaves OpenBLAS on every core, so without this a
"1-thread" PyTorch run still used two."""
import os
import sys


def threads_from_argv(argv):
    for i, arg in enumerate(argv):
        if arg == "--threads" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--threads="):
            return arg.split("=", 1)[1]
    return "1"


os.environ["OMP_NUM_THREADS"] = os.environ["OPENBLAS_NUM_THREADS"] = threads_from_argv(sys.argv)
