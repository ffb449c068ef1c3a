#!/usr/bin/env python3
"""Validate a chartscan FHIR R4 Bulk Data export (test-time tool, not a run-time dependency).

    fhir-validate.py EXPORT_DIR

Checks
- the manifest export.json: transactionTime (instant), request, requiresAccessToken false,
  output entries {type, url} whose files exist in EXPORT_DIR, error [];
- every line of every NDJSON file against the FHIR models of the PyPI package
  `fhir.resources` (pydantic; the R4B models: Patient and DocumentReference are the same in
  R4 and R4B), which enforces structure, cardinality, primitive formats and rejects
  unknown elements;
- the required bindings those models do not check: Patient.gender,
  DocumentReference.status and docStatus; Attachment.hash is base64 of a 20-byte SHA-1;
- every `reference` anywhere resolves to a resource in the export, and ids are unique.

Prints a JSON summary on stdout; exit status 0 valid, 1 invalid, 2 cannot run.
Run it with the venv made by scripts/setup.sh (CHARTSCAN_FHIR_PY), e.g.
    /opt/chartscan-fhir/bin/python scripts/fhir-validate.py out/
"""

import base64
import json
import os
import re
import sys
from urllib.parse import unquote, urlparse

try:
    from fhir.resources.R4B import get_fhir_model_class
except ImportError as e:  # pragma: no cover
    print(f"fhir-validate: the fhir.resources package is missing ({e}); see scripts/setup.sh", file=sys.stderr)
    sys.exit(2)

INSTANT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
BINDINGS = {
    ("Patient", "gender"): {"male", "female", "other", "unknown"},
    ("DocumentReference", "status"): {"current", "superseded", "entered-in-error"},
    ("DocumentReference", "docStatus"): {"preliminary", "final", "amended", "entered-in-error"},
}


def references(node, path=""):
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "reference" and isinstance(v, str):
                yield path + "." + k, v
            else:
                yield from references(v, path + "." + k)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from references(v, f"{path}[{i}]")


def local_path(export_dir, url):
    u = urlparse(url)
    if u.scheme == "file":
        return unquote(u.path)
    if u.scheme == "":
        return os.path.join(export_dir, unquote(u.path))
    return None


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    export_dir = sys.argv[1]
    errors = []
    try:
        with open(os.path.join(export_dir, "export.json"), encoding="utf-8") as f:
            manifest = json.load(f)
    except (OSError, ValueError) as e:
        print(json.dumps({"valid": False, "errors": [f"export.json: {e}"]}))
        return 1

    if not INSTANT.match(str(manifest.get("transactionTime", ""))):
        errors.append("export.json: transactionTime is not a FHIR instant")
    if not isinstance(manifest.get("request"), str):
        errors.append("export.json: request missing")
    if manifest.get("requiresAccessToken") is not False:
        errors.append("export.json: requiresAccessToken must be false")
    if manifest.get("error") != []:
        errors.append("export.json: error must be an empty list")
    outputs = manifest.get("output")
    if not isinstance(outputs, list) or not outputs:
        errors.append("export.json: output missing")
        outputs = []

    ids = {}  # (type, id) -> location
    refs = []  # (location, reference)
    counts = {}
    for out in outputs:
        rtype, url = out.get("type"), out.get("url")
        path = local_path(export_dir, url or "")
        if not rtype or not path or not os.path.isfile(path):
            errors.append(f"export.json: output {out!r} does not name a file of the export")
            continue
        model = get_fhir_model_class(rtype)
        n = 0
        with open(path, encoding="utf-8") as f:
            for lineno, line in enumerate(f, 1):
                where = f"{os.path.basename(path)}:{lineno}"
                try:
                    obj = json.loads(line)
                except ValueError as e:
                    errors.append(f"{where}: not JSON: {e}")
                    continue
                n += 1
                if obj.get("resourceType") != rtype:
                    errors.append(f"{where}: resourceType {obj.get('resourceType')!r} in the {rtype} file")
                try:
                    model.model_validate(obj)
                except Exception as e:  # pydantic.ValidationError and friends
                    errors.append(f"{where}: {str(e).splitlines()[0:3]}")
                for (t, field), allowed in BINDINGS.items():
                    if t == rtype and field in obj and obj[field] not in allowed:
                        errors.append(f"{where}: {field} {obj[field]!r} not in {sorted(allowed)}")
                for c in obj.get("content", []) if rtype == "DocumentReference" else []:
                    h = c.get("attachment", {}).get("hash")
                    if h is not None:
                        try:
                            if len(base64.b64decode(h, validate=True)) != 20:
                                errors.append(f"{where}: attachment.hash is not a SHA-1")
                        except ValueError:
                            errors.append(f"{where}: attachment.hash is not base64")
                key = (rtype, obj.get("id"))
                if key in ids:
                    errors.append(f"{where}: duplicate id {key[1]!r} (also {ids[key]})")
                ids[key] = where
                for loc, ref in references(obj):
                    refs.append((where + loc, ref))
        if "count" in out and out["count"] != n:
            errors.append(f"export.json: {rtype} count {out['count']} but {n} lines")
        counts[rtype] = counts.get(rtype, 0) + n

    unresolved = 0
    for loc, ref in refs:
        parts = ref.split("/")
        if len(parts) != 2 or (parts[0], parts[1]) not in ids:
            unresolved += 1
            errors.append(f"{loc}: reference {ref!r} does not resolve within the export")

    summary = {
        "valid": not errors,
        "resources": counts,
        "references": len(refs),
        "unresolved_references": unresolved,
        "errors": errors[:50],
        "error_count": len(errors),
        "validator": "fhir.resources R4B models",
    }
    print(json.dumps(summary, indent=2))
    return 0 if not errors else 1


if __name__ == "__main__":
    sys.exit(main())
