#!/usr/bin/env python3
"""Check an Expanse model artifact's predictions against an independent NumPy forward pass.

Usage: check_artifact.py MODEL.safetensors INPUT.csv PREDICTIONS.csv [--tolerance 1e-5]

MODEL.safetensors is an `expanse-lve/1` artifact. INPUT.csv has a header that
names at least the artifact's features (other columns are ignored, and names
and values may be quoted). PREDICTIONS.csv has a `fraud_probability` column
with one row per input row, in the same order.

The reference pass scales each feature as (x - min) / (max - min), scales a
feature whose training range is zero to 0 for every row (Expanse's rule, which
differs from scikit-learn's), and clips to [0, 1] when `scaler.clip` is true. It then applies the encoder (ReLU after `encoder.0` and
`encoder.2`, none after `encoder.4`), the classifier (`classifier.0` with ReLU,
then `classifier.3`) and a sigmoid, in float64. The decoder is not used.

Exit status: 0 when every probability is within the tolerance, 1 on a
mismatch or a row count mismatch, 2 when an input is missing or invalid.
Requires the numpy and safetensors packages.
"""

import argparse
import csv
import json
import sys

import numpy as np
from safetensors import safe_open
from safetensors.numpy import load_file

FORMAT = "expanse-lve/1"
PREDICTION_COLUMN = "fraud_probability"


class CheckError(Exception):
    """An input file that is missing, unreadable or not in the expected form."""


def load_artifact(path):
    """Return the tensors and metadata of the artifact at `path`."""
    tensors = load_file(path)
    with safe_open(path, framework="numpy") as handle:
        metadata = handle.metadata() or {}
    if metadata.get("format") != FORMAT:
        raise CheckError(f"{path}: metadata format is {metadata.get('format')!r}, expected {FORMAT!r}")
    return tensors, metadata


def read_features(path, features):
    """Return the named columns of the CSV file at `path` as a float64 array [rows, features]."""
    with open(path, newline="", encoding="utf-8-sig") as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        if header is None:
            raise CheckError(f"{path}: the file is empty")
        missing = [name for name in features if name not in header]
        if missing:
            raise CheckError(f"{path}: missing feature columns {missing}. The columns are {header}")
        indices = [header.index(name) for name in features]
        rows = []
        for line_number, row in enumerate(reader, start=2):
            if not row:
                continue
            if len(row) != len(header):
                raise CheckError(f"{path} line {line_number}: {len(row)} values but the header has {len(header)} columns")
            try:
                rows.append([float(row[index]) for index in indices])
            except ValueError as error:
                raise CheckError(f"{path} line {line_number}: {error}") from error
    return np.array(rows, dtype=np.float64).reshape(len(rows), len(features))


def read_predictions(path):
    """Return the fraud_probability column of the CSV file at `path` as a float64 array."""
    with open(path, newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames is None or PREDICTION_COLUMN not in reader.fieldnames:
            raise CheckError(f"{path}: no {PREDICTION_COLUMN} column. The columns are {reader.fieldnames}")
        try:
            values = [float(row[PREDICTION_COLUMN]) for row in reader if any(row.values())]
        except (TypeError, ValueError) as error:
            raise CheckError(f"{path}: invalid {PREDICTION_COLUMN} value: {error}") from error
    return np.array(values, dtype=np.float64)


def linear(tensors, name, inputs):
    """Apply the dense layer `name` (weight [out, in], bias [out]) to each row of `inputs`."""
    weight = tensors[f"{name}.weight"].astype(np.float64)
    bias = tensors[f"{name}.bias"].astype(np.float64)
    return inputs @ weight.T + bias


def predict(tensors, metadata, inputs):
    """Return the fraud probability of each row of unscaled `inputs`."""
    minimum = np.array(json.loads(metadata["scaler.min"]), dtype=np.float64)
    maximum = np.array(json.loads(metadata["scaler.max"]), dtype=np.float64)
    value_range = maximum - minimum
    constant = value_range == 0
    scaled = (inputs - minimum) / np.where(constant, 1.0, value_range)
    scaled[:, constant] = 0.0
    if metadata["scaler.clip"] == "true":
        scaled = np.clip(scaled, 0.0, 1.0)

    latent = scaled
    if metadata["encoder"] != "none":
        hidden = np.maximum(linear(tensors, "encoder.0", latent), 0.0)
        hidden = np.maximum(linear(tensors, "encoder.2", hidden), 0.0)
        latent = linear(tensors, "encoder.4", hidden)

    expanded = np.maximum(linear(tensors, "classifier.0", latent), 0.0)
    logits = linear(tensors, "classifier.3", expanded)[:, 0]
    # 0.5 * (1 + tanh(x / 2)) equals the logistic sigmoid without overflow for large |x|.
    return 0.5 * (1.0 + np.tanh(logits / 2.0))


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("model", help="the .safetensors artifact")
    parser.add_argument("input", help="CSV with the artifact's feature columns")
    parser.add_argument("predictions", help=f"CSV with a {PREDICTION_COLUMN} column")
    parser.add_argument("--tolerance", type=float, default=1e-5, help="maximum absolute difference (default 1e-5)")
    arguments = parser.parse_args(argv)

    try:
        tensors, metadata = load_artifact(arguments.model)
        features = json.loads(metadata["features"])
        inputs = read_features(arguments.input, features)
        expected = predict(tensors, metadata, inputs)
        actual = read_predictions(arguments.predictions)
    except (CheckError, OSError, KeyError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2

    if len(actual) != len(expected):
        print(f"FAIL: {arguments.predictions} has {len(actual)} rows but {arguments.input} has {len(expected)}")
        return 1

    differences = np.abs(actual - expected)
    worst = int(np.argmax(differences)) if len(differences) else 0
    max_difference = float(differences[worst]) if len(differences) else 0.0
    print(f"rows: {len(expected)}, max |difference|: {max_difference:.3e} (row {worst + 1}), tolerance: {arguments.tolerance:g}")
    if not np.all(differences <= arguments.tolerance):
        count = int(np.sum(differences > arguments.tolerance))
        print(f"FAIL: {count} rows differ by more than {arguments.tolerance:g}. The worst is "
              f"row {worst + 1}: expected {expected[worst]:.9f}, found {actual[worst]:.9f}")
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
