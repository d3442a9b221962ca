"""Shared helpers of the Python tests."""

import random

import pytest


def nn_loss(n_in=4, n_hidden=10, n_samples=20, seed=5):
    """A small neural network's squared loss over samples, as text, and its
    parameters: n_in inputs, n_hidden tanh units, one linear output, so
    n_in*n_hidden weights w, n_hidden biases b, n_hidden output weights v
    and the output bias c (61 parameters for 4-10-1). The benchmark's W5
    workload is of this form."""
    rng = random.Random(seed)
    w = [f"w{k}" for k in range(1, n_in * n_hidden + 1)]
    b = [f"b{j}" for j in range(1, n_hidden + 1)]
    v = [f"v{j}" for j in range(1, n_hidden + 1)]
    squares = []
    for _ in range(n_samples):
        inputs = [round(rng.uniform(-1, 1), 4) for _ in range(n_in)]
        target = round(rng.uniform(-1, 1), 4)
        units = []
        for j in range(n_hidden):
            pre = " + ".join(f"({x})*{w[j * n_in + i]}" for i, x in enumerate(inputs))
            units.append(f"{v[j]}*tanh({pre} + {b[j]})")
        squares.append(f"({' + '.join(units)} + c - ({target}))^2")
    return " + ".join(squares), w + b + v + ["c"]


@pytest.fixture(scope="session")
def nn():
    return nn_loss()
