#!/usr/bin/python3
# PyTorch peer of bench_qplr_teacher: the same QPLR teacher (pre-net 784-128-10, sigmoid·π RY
# encoding, L × [RY + CZ ring] on 10 qubits simulated as batched real state vectors, 1024
# probabilities, post-net 1024-128-10, Adam 1e-3), one epoch over the first N MNIST images.
#   /usr/bin/python3 bench/peer_qplr_teacher.py [--images N] [--layers L] [--batch B] [--reps R] [--threads 1,2]
# Rows: benchmark,threads,items,reps,median_s,min_s,max_s,items_per_s (as bench_qplr_teacher)
import argparse, math, os, statistics, struct, sys, time

try:
    import torch
except ImportError:
    print("peer_qplr_teacher: PyTorch is not installed for /usr/bin/python3 (Debian: python3-torch); nothing measured")
    sys.exit(0)

N_QUBITS = 10


def load_mnist(data_dir, count):
    with open(os.path.join(data_dir, "mnist", "train-images-idx3-ubyte"), "rb") as f:
        f.read(16)
        images = torch.frombuffer(bytearray(f.read(count * 784)), dtype=torch.uint8)
    with open(os.path.join(data_dir, "mnist", "train-labels-idx1-ubyte"), "rb") as f:
        f.read(8)
        labels = torch.frombuffer(bytearray(f.read(count)), dtype=torch.uint8)
    return images.float().view(count, 784) / 255.0, labels.long()


def ring_signs():
    # CZ(q, q+1 mod n) for every q multiplies amplitude b by (−1)^(number of adjacent 1-pairs).
    b = torch.arange(1 << N_QUBITS)
    signs = torch.ones(1 << N_QUBITS, dtype=torch.float64)
    for q in range(N_QUBITS):
        both = ((b >> q) & 1) & ((b >> ((q + 1) % N_QUBITS)) & 1)
        signs = signs * (1 - 2 * both).double()
    return signs


def apply_ry(state, q, angle):
    # state (B, 1024) real; qubit q is bit q of the index; angle (B,) or scalar.
    batch = state.shape[0]
    s = state.view(batch, 1 << (N_QUBITS - 1 - q), 2, 1 << q)
    c, sn = torch.cos(angle / 2), torch.sin(angle / 2)
    if c.dim() == 1:
        c, sn = c.view(batch, 1, 1), sn.view(batch, 1, 1)
    a0, a1 = s[:, :, 0, :], s[:, :, 1, :]
    return torch.stack((c * a0 - sn * a1, sn * a0 + c * a1), dim=2).view(batch, 1 << N_QUBITS)


class Teacher(torch.nn.Module):
    def __init__(self, layers):
        super().__init__()
        self.pre = torch.nn.Sequential(torch.nn.Linear(784, 128), torch.nn.ReLU(), torch.nn.Linear(128, N_QUBITS))
        self.theta = torch.nn.Parameter(torch.rand(layers, N_QUBITS, dtype=torch.float64) * 2 * math.pi)
        self.post = torch.nn.Sequential(torch.nn.Linear(1 << N_QUBITS, 128), torch.nn.ReLU(), torch.nn.Linear(128, 10))
        self.register_buffer("signs", ring_signs())

    def forward(self, x):
        phi = (math.pi * torch.sigmoid(self.pre(x))).double()
        state = torch.zeros(x.shape[0], 1 << N_QUBITS, dtype=torch.float64)
        state[:, 0] = 1.0
        for q in range(N_QUBITS):
            state = apply_ry(state, q, phi[:, q])
        for layer in range(self.theta.shape[0]):
            for q in range(N_QUBITS):
                state = apply_ry(state, q, self.theta[layer, q])
            state = state * self.signs
        return self.post((state * state).float())


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--images", type=int, default=12800)
    p.add_argument("--layers", type=int, default=3)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--reps", type=int, default=3)
    p.add_argument("--threads", default="1,2")
    p.add_argument("--data", default="data")
    args = p.parse_args()
    x, y = load_mnist(args.data, args.images)
    print("benchmark,threads,items,reps,median_s,min_s,max_s,items_per_s")
    for threads in [int(t) for t in args.threads.split(",")]:
        torch.set_num_threads(threads)
        times = []
        for _ in range(args.reps):
            torch.manual_seed(0)
            model = Teacher(args.layers)
            opt = torch.optim.Adam(model.parameters(), lr=1e-3)
            order = torch.randperm(args.images)
            start = time.perf_counter()
            for first in range(0, args.images, args.batch):
                idx = order[first:first + args.batch]
                loss = torch.nn.functional.cross_entropy(model(x[idx]), y[idx])
                opt.zero_grad()
                loss.backward()
                opt.step()
            times.append(time.perf_counter() - start)
        med = statistics.median(times)
        print(f"torch_qplr_teacher_L{args.layers}_B{args.batch},{threads},{args.images},{args.reps},"
              f"{med:.4f},{min(times):.4f},{max(times):.4f},{args.images / med:.1f}")


if __name__ == "__main__":
    main()
