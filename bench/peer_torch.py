#!/usr/bin/env python3
"""PyTorch peer for bench_nn: the same LeNet, data, batch sizes and attacks, timed the same way.

Prints CSV rows in bench_nn's format (benchmark names prefixed with "torch_"):
    benchmark,threads,items,reps,median_s,min_s,max_s,items_per_s

Each thread count runs in a fresh subprocess with OMP_NUM_THREADS and OPENBLAS_NUM_THREADS
set before torch is imported (they only take effect then). Debian's python3-torch needs
libopenblas0-pthread; without it torch falls back to a reference BLAS and is about 2x slower.

If torch cannot be imported the script says so and exits 0 without measuring anything: the
peer is optional and nothing in the build or the tests depends on it.
"""
import argparse
import os
import statistics
import subprocess
import sys
import time


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="data", help="folder filled by `make data` (default: data)")
    parser.add_argument("--reps", type=int, default=3, help="repetitions per measurement (median reported)")
    parser.add_argument("--threads", default="1,2", help="comma-separated thread counts (default: 1,2)")
    parser.add_argument("--quick", action="store_true",
                        help="10,000 training and 2,000 test images instead of 60,000 and 10,000")
    parser.add_argument("--relu-first", action="store_true",
                        help="textbook layer order conv, ReLU, pool (the default pools first, as "
                             "nn::make_lenet does; both compute the same function)")
    parser.add_argument("--worker", type=int, default=0, help=argparse.SUPPRESS)
    return parser.parse_args()


def read_idx(path):
    """IDX file (MNIST) -> (dims, bytes)."""
    with open(path, "rb") as f:
        raw = f.read()
    if raw[0] != 0 or raw[1] != 0 or raw[2] != 8:
        raise SystemExit(f"peer_torch.py: {path} is not an unsigned-byte IDX file")
    rank = raw[3]
    dims = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i], "big") for i in range(rank)]
    return dims, raw[4 + 4 * rank:]


def load_mnist(torch, data_dir, split, limit):
    prefix = "train" if split == "train" else "t10k"
    folder = os.path.join(data_dir, "mnist")
    dims, pixels = read_idx(os.path.join(folder, f"{prefix}-images-idx3-ubyte"))
    _, labels = read_idx(os.path.join(folder, f"{prefix}-labels-idx1-ubyte"))
    images = torch.frombuffer(bytearray(pixels), dtype=torch.uint8).reshape(dims[0], 1, dims[1], dims[2])
    targets = torch.frombuffer(bytearray(labels), dtype=torch.uint8).long()
    return images[:limit].float().div_(255.0).contiguous(), targets[:limit].contiguous()


def make_lenet(nn, relu_first):
    # By default the layer order of nn::make_lenet: each max-pool before its ReLU, which
    # computes the same function as the textbook conv, ReLU, pool order (ReLU is monotonic).
    def block(conv):
        return [conv, nn.ReLU(), nn.MaxPool2d(2)] if relu_first else [conv, nn.MaxPool2d(2), nn.ReLU()]
    return nn.Sequential(
        *block(nn.Conv2d(1, 6, 5)),
        *block(nn.Conv2d(6, 16, 5)),
        nn.Flatten(),
        nn.Linear(256, 120), nn.ReLU(),
        nn.Linear(120, 84), nn.ReLU(),
        nn.Linear(84, 10))


def timed(reps, run):
    seconds = []
    for r in range(reps):
        start = time.perf_counter()
        run(r)
        seconds.append(time.perf_counter() - start)
    return statistics.median(seconds), min(seconds), max(seconds)


def row(name, threads, items, reps, t, relu_first):
    median, low, high = t
    name = name + ("_relu_first" if relu_first else "")
    print(f"torch_{name},{threads},{items},{reps},{median:.4f},{low:.4f},{high:.4f},{items / median:.1f}",
          flush=True)


def worker(args):
    import torch
    import torch.nn as nn
    import torch.nn.functional as F

    threads = args.worker
    torch.set_num_threads(threads)
    quick = args.quick
    train_x, train_y = load_mnist(torch, args.data, "train", 10000 if quick else 60000)
    test_x, test_y = load_mnist(torch, args.data, "test", 2000 if quick else 10000)

    model = make_lenet(nn, args.relu_first)

    def train_epoch(rep):
        nonlocal model
        torch.manual_seed(rep)
        model = make_lenet(nn, args.relu_first)
        model.train()
        optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
        order = torch.randperm(train_x.shape[0])
        for begin in range(0, order.numel(), 64):
            batch = order[begin:begin + 64]
            optimizer.zero_grad()
            loss = F.cross_entropy(model(train_x[batch]), train_y[batch])
            loss.backward()
            optimizer.step()

    row("lenet_train_epoch_adam_b64", threads, train_x.shape[0], args.reps, timed(args.reps, train_epoch),
        args.relu_first)
    model.eval()
    for p in model.parameters():
        p.requires_grad_(False)

    def input_gradient(x, y):
        x = x.clone().requires_grad_(True)
        loss = F.cross_entropy(model(x), y, reduction="sum")
        return torch.autograd.grad(loss, x)[0]

    def fgsm(_):
        for begin in range(0, test_x.shape[0], 256):
            x, y = test_x[begin:begin + 256], test_y[begin:begin + 256]
            (x + 0.1 * input_gradient(x, y).sign()).clamp_(0.0, 1.0)

    def pgd(_):
        eps, alpha = 0.1, 0.01
        for begin in range(0, test_x.shape[0], 256):
            x0, y = test_x[begin:begin + 256], test_y[begin:begin + 256]
            x = (x0 + torch.empty_like(x0).uniform_(-eps, eps)).clamp_(0.0, 1.0)
            for _ in range(10):
                x = x + alpha * input_gradient(x, y).sign()
                x = torch.min(torch.max(x, x0 - eps), x0 + eps).clamp_(0.0, 1.0)

    row("fgsm_eps0.1_b256", threads, test_x.shape[0], args.reps, timed(args.reps, fgsm), args.relu_first)
    row("pgd10_eps0.1_alpha0.01_b256", threads, test_x.shape[0], args.reps, timed(args.reps, pgd),
        args.relu_first)


def run_workers(script, thread_list, extra_args):
    """Prints the CSV header, then runs `script --worker T extra_args` for each thread count T in
    "1,2" in a fresh process with the BLAS/OpenMP thread variables set (they only take effect
    before torch is imported) and passes its rows through. Returns the first failing exit code."""
    print("benchmark,threads,items,reps,median_s,min_s,max_s,items_per_s", flush=True)
    for threads in [int(t) for t in thread_list.split(",")]:
        env = dict(os.environ, OMP_NUM_THREADS=str(threads), OPENBLAS_NUM_THREADS=str(threads),
                   MKL_NUM_THREADS=str(threads))
        command = [sys.executable, os.path.abspath(script), "--worker", str(threads)] + extra_args
        result = subprocess.run(command, env=env, stdout=subprocess.PIPE, text=True)
        sys.stdout.write(result.stdout)
        sys.stdout.flush()
        if result.returncode != 0:
            print(f"{os.path.basename(script)}: the {threads}-thread run failed (exit {result.returncode})",
                  file=sys.stderr)
            return result.returncode
    return 0


def main():
    args = parse_args()
    if args.worker:
        worker(args)
        return 0
    try:
        import torch
    except ImportError as error:
        print(f"peer_torch.py: PyTorch is not available ({error}); no peer measurement was made. "
              "On Debian: apt-get install python3-torch libopenblas0-pthread", file=sys.stderr)
        return 0
    # Debian's torch calls the system BLAS (BLAS_INFO=generic): name the library it resolves to.
    blas = os.path.realpath("/usr/lib/x86_64-linux-gnu/libblas.so.3")
    print(f"peer_torch.py: torch {torch.__version__}, BLAS {blas}, python {sys.version.split()[0]}",
          file=sys.stderr)
    extra = ["--data", args.data, "--reps", str(args.reps)] + (["--quick"] if args.quick else []) + \
            (["--relu-first"] if args.relu_first else [])
    return run_workers(__file__, args.threads, extra)


if __name__ == "__main__":
    sys.exit(main())
