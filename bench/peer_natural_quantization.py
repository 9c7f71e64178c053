#!/usr/bin/env python3
"""PyTorch peer for bench_natural_quantization: the same 784-512-512-512-10 network (no biases,
SGD lr 0.01 momentum 0.9, batch 64, straight-through gradient on |h| < 1), one training epoch on
the first 5,000 MNIST training images and one 15-shot vote evaluation of the 10,000 test images,
for the sign network, Model 1 (a = 0.5) and Model 2 (a = 0, g = pi/4), written the way the
authors' PyTorch code works (elementwise tensor operations, torch.rand for the outcomes).

Prints CSV rows in bench_natural_quantization's format (names prefixed with "torch_"). Each
thread count runs in a fresh subprocess with the thread variables set before torch is imported.
Without torch it says so and exits 0: the peer is optional.
"""
import argparse
import math
import sys

from peer_torch import load_mnist, run_workers, timed


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="data", help="folder filled by `make data` (default: data)")
    parser.add_argument("--reps", type=int, default=3, help="repetitions per measurement (median reported)")
    parser.add_argument("--threads", default="1,2", help="comma-separated thread counts (default: 1,2)")
    parser.add_argument("--worker", type=int, default=0, help=argparse.SUPPRESS)
    return parser.parse_args()


def worker(args):
    import torch

    class SignSte(torch.autograd.Function):
        """Forward: the sampled (or sign) outcomes s; backward: dL/dh = dL/ds * 1[|h| < 1]."""
        @staticmethod
        def forward(ctx, h, s):
            ctx.save_for_backward(h)
            return s

        @staticmethod
        def backward(ctx, grad):
            (h,) = ctx.saved_tensors
            return grad * (h.abs() < 1).to(grad.dtype), None

    def hidden(h, state, a, g):
        """One hidden layer of quantum neurons on the register state = (phi, m)."""
        phi, m = state
        f = torch.sign(h) if a == 0 else torch.tanh(h / a)
        phi = phi + math.pi / 2 * (m - f.double())
        p = ((1 + math.sin(g) * torch.cos(phi)) / 2).clamp(0, 1)
        s = torch.where(torch.rand_like(p) < p, 1.0, -1.0)
        ratio = (1 - s * math.sin(g)) / (1 + s * math.sin(g) * torch.cos(phi)).clamp_min(1e-12)
        phi = 2 * torch.asin((torch.sin(phi / 2) * ratio.sqrt()).clamp(-1, 1))
        return s.float(), (phi, s)

    def forward(weights, x, kind, a, g):
        s = x
        state = (torch.zeros(x.shape[0], 512, dtype=torch.float64), torch.ones(x.shape[0], 512, dtype=torch.float64))
        for k, w in enumerate(weights[:-1]):
            h = s @ w.t()
            if kind == "sign":
                out = torch.sign(h)
            else:
                gamma = math.pi / 2 if k == len(weights) - 2 else g
                out, state = hidden(h.detach(), state, a, gamma)
            s = SignSte.apply(h, out)
        return s @ weights[-1].t()

    torch.manual_seed(0)
    train_x, train_y = load_mnist(torch, args.data, "train", 5000)
    test_x, test_y = load_mnist(torch, args.data, "test", 10000)
    train_x, test_x = train_x.reshape(5000, 784), test_x.reshape(10000, 784)
    cases = [("sign", "sign", 0.0, math.pi / 2), ("model1_a0.5", "quantum", 0.5, math.pi / 2),
             ("model2_a0_g0.25pi", "quantum", 0.0, math.pi / 4)]
    for name, kind, a, g in cases:
        weights = [torch.randn(o, i) / math.sqrt(i) for o, i in [(512, 784), (512, 512), (512, 512), (10, 512)]]
        for w in weights:
            w.requires_grad_(True)
        optimizer = torch.optim.SGD(weights, lr=0.01, momentum=0.9)

        def epoch(_):
            for batch in torch.randperm(5000).split(64):
                optimizer.zero_grad()
                loss = torch.nn.functional.cross_entropy(forward(weights, train_x[batch], kind, a, g), train_y[batch])
                loss.backward()
                optimizer.step()

        shots = 1 if kind == "sign" else 15

        def evaluate(_):
            # Blocks of 1,000 images keep the per-layer tensors in cache, as the C++ evaluator does.
            wrong = 0
            with torch.no_grad():
                for x, y in zip(test_x.split(1000), test_y.split(1000)):
                    votes = torch.stack([forward(weights, x, kind, a, g).argmax(1) for _ in range(shots)])
                    wrong += (votes.mode(0).values != y).sum().item()
            return wrong / len(test_y)

        for label, items, run in [(f"train_epoch_{name}", 5000, epoch), (f"vote_eval_{shots}shot_{name}", 10000, evaluate)]:
            median, low, high = timed(args.reps, run)
            print(f"torch_{label},{args.worker},{items},{args.reps},{median:.4f},{low:.4f},{high:.4f},"
                  f"{items / median:.1f}", flush=True)


def main():
    args = parse_args()
    if args.worker:
        worker(args)
        return 0
    try:
        import torch  # noqa: F401
    except ImportError as error:
        print(f"peer_natural_quantization.py: PyTorch is not available ({error}); no peer measurement was made.",
              file=sys.stderr)
        return 0
    return run_workers(__file__, args.threads, ["--data", args.data, "--reps", str(args.reps)])


if __name__ == "__main__":
    sys.exit(main())
