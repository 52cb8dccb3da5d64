#!/usr/bin/env python3
"""Write a synthetic labelled CSV in the ULB credit-card layout.

Usage: make_transactions.py OUT.csv [--rows 3000] [--seed 7] [--fraud-rate 0.05]

Columns are `"Time","V1",...,"V28","Amount","Class"` with quoted names and
quoted labels, CRLF line ends and a byte-order mark, as the file is
downloaded. Frauds are shifted along a few V columns, so a model can learn
them; the values themselves are random.
"""

import argparse
import sys

import numpy as np


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out")
    parser.add_argument("--rows", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--fraud-rate", type=float, default=0.05)
    arguments = parser.parse_args(argv)

    generator = np.random.default_rng(arguments.seed)
    rows = arguments.rows
    labels = (generator.random(rows) < arguments.fraud_rate).astype(int)
    labels[:2] = [0, 1]
    components = generator.normal(size=(rows, 28))
    components[labels == 1, :4] += np.array([-3.0, 2.5, -2.0, 1.5])
    time = np.sort(generator.uniform(0, 172_800, size=rows)).round()
    amount = generator.lognormal(3.0, 1.2, size=rows).round(2)

    names = ["Time"] + [f"V{index}" for index in range(1, 29)] + ["Amount", "Class"]
    with open(arguments.out, "w", encoding="utf-8-sig", newline="") as output:
        output.write(",".join(f'"{name}"' for name in names) + "\r\n")
        for row in range(rows):
            values = [f"{time[row]:.0f}"] + [repr(float(value)) for value in components[row]]
            values += [f"{amount[row]:.2f}", f'"{labels[row]}"']
            output.write(",".join(values) + "\r\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
