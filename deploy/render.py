#!/usr/bin/env python3
"""Render a Kustomize directory to YAML on stdout, for machines without kubectl.

Usage: python3 deploy/render.py DIRECTORY

Supports the subset of Kustomize that deploy/ uses: `resources` (files and
directories), `namespace`, `images` (newName, newTag, digest), `replicas`
and `patches` given as a `path` to a strategic-merge patch that names its
target by kind and metadata.name. In a patch, lists whose items all have a
`name` (containers, env, volumes, ports) are merged item by item, and other
lists replace the original. Any other kustomization field or patch
directive raises an error instead of rendering something other than what
`kubectl kustomize` would. Needs PyYAML (the tools venv has it).
Exit status: 0 on success, 1 on an invalid or unsupported kustomization,
64 on bad usage.
"""

import copy
import sys
from pathlib import Path

import yaml

SUPPORTED_FIELDS = {"apiVersion", "kind", "resources", "namespace", "images", "replicas", "patches"}

# Kinds whose spec.replicas the `replicas` field sets.
SCALABLE_KINDS = {"Deployment", "ReplicaSet", "ReplicationController", "StatefulSet"}

# Kinds that have no namespace, so the `namespace` field leaves them alone.
CLUSTER_SCOPED_KINDS = {
    "Namespace",
    "PersistentVolume",
    "StorageClass",
    "ClusterRole",
    "ClusterRoleBinding",
    "CustomResourceDefinition",
    "PriorityClass",
    "IngressClass",
    "ValidatingWebhookConfiguration",
    "MutatingWebhookConfiguration",
}


class RenderError(Exception):
    """A kustomization that this renderer cannot render faithfully."""


def load_documents(path):
    """Return the non-empty YAML documents of one file."""
    with open(path, encoding="utf-8") as stream:
        return [document for document in yaml.safe_load_all(stream) if document]


def render(directory):
    """Return the objects that the kustomization in `directory` produces."""
    kustomization_path = directory / "kustomization.yaml"
    if not kustomization_path.is_file():
        raise RenderError(f"{kustomization_path} not found")
    kustomization = load_documents(kustomization_path)[0]

    unsupported = sorted(set(kustomization) - SUPPORTED_FIELDS)
    if unsupported:
        raise RenderError(
            f"{kustomization_path}: unsupported field(s) {', '.join(unsupported)}. "
            "Render it with `kubectl kustomize` instead."
        )

    objects = []
    for resource in kustomization.get("resources", []):
        path = directory / resource
        if path.is_dir():
            objects.extend(render(path))
        elif path.is_file():
            objects.extend(load_documents(path))
        else:
            raise RenderError(f"{kustomization_path}: resource {resource} not found")

    for patch in kustomization.get("patches", []):
        apply_patch_file(objects, directory, patch, kustomization_path)

    for replica in kustomization.get("replicas", []):
        scalable = [obj for obj in objects if obj.get("kind") in SCALABLE_KINDS]
        target = find_object(scalable, None, replica["name"], kustomization_path)
        target.setdefault("spec", {})["replicas"] = replica["count"]

    for image in kustomization.get("images", []):
        for obj in objects:
            for container in pod_containers(obj):
                container["image"] = rewrite_image(container.get("image", ""), image)

    namespace = kustomization.get("namespace")
    if namespace:
        for obj in objects:
            if obj.get("kind") not in CLUSTER_SCOPED_KINDS:
                obj.setdefault("metadata", {})["namespace"] = namespace

    return objects


def apply_patch_file(objects, directory, patch, kustomization_path):
    """Merge each document of one patch file into the object it names."""
    if set(patch) != {"path"}:
        raise RenderError(f"{kustomization_path}: only patches with a single `path` are supported, got {patch}")

    for document in load_documents(directory / patch["path"]):
        name = document.get("metadata", {}).get("name")
        target = find_object(objects, document.get("kind"), name, kustomization_path)
        merged = strategic_merge(target, document)
        target.clear()
        target.update(merged)


def find_object(objects, kind, name, kustomization_path):
    """Return the one object with this name (and kind, unless None)."""
    matches = [
        obj
        for obj in objects
        if obj.get("metadata", {}).get("name") == name and (kind is None or obj.get("kind") == kind)
    ]
    if len(matches) != 1:
        raise RenderError(f"{kustomization_path}: expected one {kind or 'object'} named {name}, found {len(matches)}")
    return matches[0]


def strategic_merge(original, patch):
    """Return `original` with `patch` merged in, by the rules in the module doc."""
    if isinstance(original, dict) and isinstance(patch, dict):
        merged = copy.deepcopy(original)
        for key, value in patch.items():
            if isinstance(key, str) and key.startswith("$"):
                raise RenderError(f"patch directive {key} is not supported")
            merged[key] = strategic_merge(original[key], value) if key in original else copy.deepcopy(value)
        return merged

    if isinstance(original, list) and isinstance(patch, list) and is_named_list(original) and is_named_list(patch):
        merged = copy.deepcopy(original)
        positions = {item["name"]: index for index, item in enumerate(merged)}
        for item in patch:
            if item["name"] in positions:
                index = positions[item["name"]]
                merged[index] = strategic_merge(merged[index], item)
            else:
                merged.append(copy.deepcopy(item))
        return merged

    return copy.deepcopy(patch)


def is_named_list(items):
    """Return True when every item is a mapping with a `name` key."""
    return all(isinstance(item, dict) and "name" in item for item in items)


def pod_containers(obj):
    """Yield the containers and init containers of a workload's pod template."""
    spec = obj.get("spec", {})
    if obj.get("kind") == "CronJob":
        spec = spec.get("jobTemplate", {}).get("spec", {})
    if obj.get("kind") == "Pod":
        pod_spec = spec
    else:
        pod_spec = spec.get("template", {}).get("spec", {})
    yield from pod_spec.get("initContainers", [])
    yield from pod_spec.get("containers", [])


def rewrite_image(reference, image):
    """Return `reference` rewritten by one `images` entry, or unchanged when its name differs."""
    name, tag, digest = split_image(reference)
    if name != image["name"]:
        return reference

    name = image.get("newName", name)
    if "digest" in image:
        return f"{name}@{image['digest']}"
    if "newTag" in image:
        return f"{name}:{image['newTag']}"
    if digest:
        return f"{name}@{digest}"
    return f"{name}:{tag}" if tag else name


def split_image(reference):
    """Split `registry/name:tag@digest` into (name, tag, digest). Tag and digest may be empty."""
    reference, _, digest = reference.partition("@")
    slash = reference.rfind("/")
    colon = reference.rfind(":")
    if colon > slash:
        return reference[:colon], reference[colon + 1 :], digest
    return reference, "", digest


def main(arguments):
    if len(arguments) != 1 or arguments[0] in ("-h", "--help"):
        print("usage: render.py DIRECTORY", file=sys.stderr)
        return 0 if arguments and arguments[0] in ("-h", "--help") else 64

    try:
        objects = render(Path(arguments[0]))
    except (RenderError, OSError, yaml.YAMLError) as error:
        print(f"render.py: {error}", file=sys.stderr)
        return 1

    yaml.safe_dump_all(objects, sys.stdout, sort_keys=False)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
