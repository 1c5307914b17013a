//! Every diagnostic of one file, in the order they are gathered: JSONC
//! syntax, the IML inside strings, Make's rules, the review rules and (for
//! spec tests) the cases' own, then the rule configuration's levels.

use std::path::Path;

use crate::config::{self, RuleConfig};
use crate::diagnostics::{Diagnostic, MAX_DIAGNOSTICS_PER_FILE};
use crate::host::Analysis;
use crate::jsonc_diagnostics::jsonc_diagnostics;
use crate::roles::{RoleKind, resolve_role};

impl Analysis {
    /// Every diagnostic of one file, sorted by range.
    pub fn diagnostics(&self, path: &Path) -> Vec<Diagnostic> {
        let Some(data) = self.data(path) else {
            return Vec::new();
        };
        // A configuration file gets only its own problems (F004).
        if config::is_config_file(path) {
            return RuleConfig::from_toml(data.content.text()).1;
        }
        if data.content.is_too_large() {
            let mut too_large = vec![crate::file_data::too_large(data.content.text().len())];
            self.rule_config(path).apply(&mut too_large);
            return too_large;
        }
        let Some(doc) = data.content.document() else {
            return Vec::new();
        };
        let role = data.role.get_or_init(|| resolve_role(path, self));
        let config = self.rule_config(path);
        let mut diagnostics = jsonc_diagnostics(doc, role);
        // IML inside strings: syntax, variables, functions, parameters,
        // connection data; the densest producer, so it stops where the
        // per-file cap would cut anyway.
        let iml = crate::semantic::iml_diagnostics_bounded(
            self,
            path,
            Some((&config, MAX_DIAGNOSTICS_PER_FILE)),
        );
        diagnostics.extend(iml.diagnostics);
        // Make's rules, then the configured severities.
        diagnostics.extend(crate::rules::file_diagnostics(self, path));
        diagnostics.extend(crate::review::file_diagnostics(self, path));
        if role.kind == RoleKind::SpecTest {
            diagnostics.extend(crate::spec_tests::file_diagnostics(self, path));
        }
        config.apply(&mut diagnostics);
        // Every fix must be classified safe or unsafe in the catalogue; the
        // test suite trips this when a rule gains a fix without an entry.
        debug_assert!(
            diagnostics
                .iter()
                .all(|d| d.fixes.is_empty() || iml_catalogue::fix_safety(d.code).is_some()),
            "a fix without a fix_safety entry: {:?}",
            diagnostics
                .iter()
                .filter(|d| !d.fixes.is_empty() && iml_catalogue::fix_safety(d.code).is_none())
                .map(|d| d.code)
                .collect::<Vec<_>>()
        );
        diagnostics.sort_by_key(|diagnostic| (diagnostic.range.start(), diagnostic.range.end()));
        crate::diagnostics::cap_per_file(&mut diagnostics, iml.stopped_early);
        diagnostics
    }
}
