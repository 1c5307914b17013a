//! How the analysis scales with the number of modules in an app: a
//! keystroke in the manifest followed by the manifest's diagnostics, and the
//! diagnostics of every file (what `check` does). The apps are the sample
//! app with its search module cloned N times under the manifest, as
//! `bench/big-app/generate.py` writes them to disk.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use iml_analysis::{AnalysisHost, TextRange, TextSize};
use serde_json::{Value, json};

mod support;

const MODULE_COUNTS: [usize; 3] = [40, 400, 4000];

struct ScaledApp {
    host: AnalysisHost,
    manifest: PathBuf,
    files: Vec<PathBuf>,
}

fn module_files(index: usize) -> Vec<(&'static str, &'static str, Value)> {
    vec![
        (
            "communication",
            "communication",
            json!({
                "url": format!("/projects/{{{{parameters.projectId}}}}/tasks/{index}"),
                "method": "GET",
                "response": {"iterate": "{{body.tasks}}", "output": {"id": "{{item.id}}"}},
            }),
        ),
        ("staticParams", "static-params", json!([])),
        (
            "mappableParams",
            "mappable-params",
            json!([
                {"name": "projectId", "type": "text", "label": "Project", "required": true},
            ]),
        ),
        (
            "interface",
            "interface",
            json!([{"name": "id", "type": "text", "label": "ID"}]),
        ),
        ("samples", "samples", json!({"id": index.to_string()})),
        ("scope", "scope", json!([])),
    ]
}

impl ScaledApp {
    fn new(modules: usize) -> ScaledApp {
        let root = support::sample_app();
        let mut host = AnalysisHost::new();
        let mut files = Vec::new();
        let mut manifest: Value = serde_json::from_str(&support::read_sample("makecomapp.json"))
            .expect("the sample manifest is JSON");
        for (relative, text) in support::sample_files() {
            if relative != "makecomapp.json" {
                files.push(root.join(&relative));
                host.set_file(root.join(&relative), text);
            }
        }
        let declared = manifest["components"]["module"]
            .as_object_mut()
            .expect("the sample manifest declares modules");
        let template = declared.values().next().cloned().expect("one module");
        for index in 0..modules {
            let mut code_files = serde_json::Map::new();
            for (key, suffix, content) in module_files(index) {
                let relative = format!("modules/m{index}/m{index}.{suffix}.iml.json");
                code_files.insert(key.to_owned(), Value::String(relative.clone()));
                files.push(root.join(&relative));
                host.set_file(root.join(&relative), content.to_string());
            }
            let mut module = template.clone();
            module["label"] = json!(format!("Module {index}"));
            module["description"] = json!(format!("Lists tasks, variant {index}."));
            module["codeFiles"] = Value::Object(code_files);
            declared.insert(format!("module{index}"), module);
        }
        let manifest_path = root.join("makecomapp.json");
        let text = serde_json::to_string_pretty(&manifest).expect("serialisable");
        host.set_file(manifest_path.clone(), text);
        files.push(manifest_path.clone());
        ScaledApp {
            host,
            manifest: manifest_path,
            files,
        }
    }
}

fn manifest_keystroke(c: &mut Criterion) {
    let mut group = c.benchmark_group("app_scale/manifest_keystroke");
    for modules in MODULE_COUNTS {
        let mut app = ScaledApp::new(modules);
        let text = app
            .host
            .snapshot()
            .file_text(&app.manifest)
            .unwrap()
            .to_owned();
        let offset = text.find("variant 0.").expect("a description to type in");
        let at = TextRange::empty(TextSize::from(offset as u32));
        let typed = TextRange::at(at.start(), TextSize::from(1));
        black_box(app.host.snapshot().diagnostics(&app.manifest));
        let mut grown = false;
        group.bench_function(BenchmarkId::from_parameter(modules), |b| {
            b.iter(|| {
                // Typing, then deleting on the next iteration: the text keeps its size.
                if grown {
                    app.host.apply_edit(&app.manifest, typed, "").unwrap();
                } else {
                    app.host.apply_edit(&app.manifest, at, "x").unwrap();
                }
                grown = !grown;
                black_box(app.host.snapshot().diagnostics(&app.manifest))
            });
        });
    }
    group.finish();
}

fn every_file(c: &mut Criterion) {
    let mut group = c.benchmark_group("app_scale/every_file");
    group.sample_size(10);
    for modules in MODULE_COUNTS {
        let app = ScaledApp::new(modules);
        group.bench_function(BenchmarkId::from_parameter(modules), |b| {
            b.iter(|| {
                let analysis = app.host.snapshot();
                for file in &app.files {
                    black_box(analysis.diagnostics(file));
                }
            });
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().measurement_time(Duration::from_secs(3));
    targets = manifest_keystroke, every_file
}
criterion_main!(benches);
