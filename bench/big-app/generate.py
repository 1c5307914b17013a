#!/usr/bin/env python3
"""Writes a synthetic Make app with N modules for scaling measurements.

The app is the sample app (examples/acme-tasks) with its one search module
cloned N times under a manifest. With --fixable, every module carries a few
problems that `iml-ls check --fix` repairs safely (a misspelt method, a
misspelt root variable, a string boolean), so the fix loop has work to do.

    python3 bench/big-app/generate.py 4000 /tmp/big-4000 [--fixable]
"""

import argparse
import json
import pathlib
import shutil

HERE = pathlib.Path(__file__).resolve().parent
SAMPLE = HERE.parent.parent / "examples" / "acme-tasks"


def module_files(index: int, fixable: bool) -> dict[str, object]:
    method = "GTE" if fixable else "GET"
    root = "paramters" if fixable else "parameters"
    communication = {
        "url": f"/projects/{{{{{root}.projectId}}}}/tasks/{index}",
        "method": method,
        "qs": {"status": "{{parameters.status}}", "per_page": 100},
        "response": {
            "limit": "{{parameters.limit}}",
            "iterate": "{{body.tasks}}",
            "output": {"id": "{{item.id}}", "title": "{{item.title}}"},
        },
    }
    mappable = [
        {"name": "projectId", "type": "text", "label": "Project", "required": True},
        {"name": "status", "type": "select", "label": "Status",
         "options": [{"label": "Open", "value": "open"}, {"label": "Done", "value": "done"}]},
        {"name": "limit", "type": "uinteger", "label": "Limit", "default": 10,
         "advanced": "true" if fixable else True},
    ]
    interface = [{"name": "id", "type": "text", "label": "ID"},
                 {"name": "title", "type": "text", "label": "Title"}]
    return {
        "communication": communication,
        "static-params": [],
        "mappable-params": mappable,
        "interface": interface,
        "samples": {"id": str(index), "title": "Sample"},
        "scope": [],
    }


def generate(count: int, out: pathlib.Path, fixable: bool) -> None:
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(SAMPLE, out)
    manifest_path = out / "makecomapp.json"
    manifest = json.loads(manifest_path.read_text())
    modules = manifest["components"]["module"]
    template = next(iter(modules.values()))
    for index in range(count):
        name = f"listTasks{index}"
        folder = f"modules/list-tasks-{index}"
        (out / folder).mkdir(parents=True)
        code_files = {}
        for key, content in module_files(index, fixable).items():
            relative = f"{folder}/list-tasks-{index}.{key}.iml.json"
            (out / relative).write_text(json.dumps(content, indent=2) + "\n")
            code_files[{"static-params": "staticParams",
                        "mappable-params": "mappableParams"}.get(key, key)] = relative
        modules[name] = {**template, "label": f"List Tasks {index}",
                         "description": f"Lists tasks, variant {index}.",
                         "codeFiles": code_files}
    manifest_path.write_text(json.dumps(manifest, indent=2) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("out", type=pathlib.Path)
    parser.add_argument("--fixable", action="store_true")
    args = parser.parse_args()
    generate(args.count, args.out, args.fixable)


if __name__ == "__main__":
    main()
