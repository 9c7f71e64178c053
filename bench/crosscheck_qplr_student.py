#!/usr/bin/python3
# Cross-check, not a benchmark: the QPLR one-hot student (M1) written independently in PyTorch,
# to confirm that its noise robustness comes from the recipe and not from our implementation.
# LeNet-5 (conv 6@5×5 pad 2, max-pool, ReLU, conv 16@5×5, max-pool, ReLU, 400-120-84-10),
# PyTorch's default initialisation and shuffling, Adam 1e-4, batch 64, raw [0,1] inputs, the
# final weights; accuracy on the 10,000 test images with unclipped Gaussian noise.
#   /usr/bin/python3 bench/crosscheck_qplr_student.py [--dataset mnist|fashion-mnist] [--epochs 20] [--seeds 0,1,2]
# Compare with the M1 rows of results/qplr/robustness.csv (same σ, rotation 0, clipped = no).
import argparse, os, sys

try:
    import numpy as np
    import torch
    import torch.nn as nn
    import torch.nn.functional as F
except ImportError:
    print("crosscheck_qplr_student: PyTorch is not installed for /usr/bin/python3 (Debian: python3-torch); nothing run")
    sys.exit(0)

SIGMAS = (0.0, 0.1, 0.3, 0.5)


def load(data_dir, split):
    prefix = "train" if split == "train" else "t10k"
    images = np.fromfile(os.path.join(data_dir, f"{prefix}-images-idx3-ubyte"), dtype=np.uint8)[16:]
    labels = np.fromfile(os.path.join(data_dir, f"{prefix}-labels-idx1-ubyte"), dtype=np.uint8)[8:]
    return (torch.tensor(images.reshape(-1, 1, 28, 28) / 255.0, dtype=torch.float32),
            torch.tensor(labels.astype(np.int64)))


class LeNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1, self.conv2 = nn.Conv2d(1, 6, 5, padding=2), nn.Conv2d(6, 16, 5)
        self.fc1, self.fc2, self.fc3 = nn.Linear(400, 120), nn.Linear(120, 84), nn.Linear(84, 10)

    def forward(self, x):
        x = F.relu(F.max_pool2d(self.conv1(x), 2))
        x = F.relu(F.max_pool2d(self.conv2(x), 2)).flatten(1)
        return self.fc3(F.relu(self.fc2(F.relu(self.fc1(x)))))


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", default="data")
    parser.add_argument("--dataset", default="mnist", choices=["mnist", "fashion-mnist"])
    parser.add_argument("--epochs", type=int, default=20)
    parser.add_argument("--seeds", default="0,1,2")
    args = parser.parse_args()
    torch.set_num_threads(1)
    train_x, train_y = load(os.path.join(args.data, args.dataset), "train")
    test_x, test_y = load(os.path.join(args.data, args.dataset), "test")
    print("seed," + ",".join(f"accuracy_sigma_{s}" for s in SIGMAS))
    for seed in (int(s) for s in args.seeds.split(",")):
        torch.manual_seed(seed)
        model = LeNet()
        optimizer = torch.optim.Adam(model.parameters(), lr=1e-4)
        for _ in range(args.epochs):
            order = torch.randperm(len(train_y))
            for start in range(0, len(order), 64):
                batch = order[start:start + 64]
                optimizer.zero_grad()
                F.cross_entropy(model(train_x[batch]), train_y[batch]).backward()
                optimizer.step()
        noise = torch.randn(test_x.shape, generator=torch.Generator().manual_seed(1000 + seed))
        with torch.no_grad():
            accuracies = [(model(test_x + s * noise).argmax(1) == test_y).float().mean().item() * 100 for s in SIGMAS]
        print(f"{seed}," + ",".join(f"{a:.2f}" for a in accuracies), flush=True)


if __name__ == "__main__":
    main()
