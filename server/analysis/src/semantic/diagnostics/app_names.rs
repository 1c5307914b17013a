//! The names an expression reads from other files: `parameters.*` (I009),
//! `connection.*` (X003), `data.*` (C009) and `temp.*` (C010).

use super::*;

impl Checker<'_> {
    /// I009.
    pub(super) fn parameter(
        &mut self,
        name: &str,
        range: TextRange,
        root_range: Option<TextRange>,
        context: &ExprContext,
    ) {
        if name.starts_with("__IMT") {
            return;
        }
        if context.place == Place::Base {
            self.base_parameter(name, range, root_range);
            return;
        }
        let Some(params) = self.params() else { return };
        if params.value.open_ended || params.names.contains(name) {
            return;
        }
        let suggestion = did_you_mean(
            name,
            params
                .value
                .params
                .iter()
                .filter(|(_, p)| !p.path.contains(['.', '[']))
                .map(|(_, p)| p.path.as_str()),
        );
        let message = match suggestion {
            Some(s) => format!("parameter `{name}` is not declared; did you mean `{s}`?"),
            None => format!(
                "parameter `{name}` is not declared in this component's parameter files; declare \
                 it or fix the name"
            ),
        };
        self.out
            .push(diagnostic("I009", severity_of("I009"), message, range));
    }

    /// I009 in Base, where `parameters` are the calling module's: a name
    /// no module, RPC or webhook declares is almost always a connection
    /// field copied with the wrong root.
    fn base_parameter(&mut self, name: &str, range: TextRange, root_range: Option<TextRange>) {
        let Some(declared) = self.base_params() else {
            return;
        };
        if declared.contains(name) {
            return;
        }
        let connection_has = self
            .connection()
            .is_some_and(|keys| keys.names.contains(name));
        let message = if connection_has {
            format!(
                "no module, RPC or webhook declares parameter `{name}`; in Base, `parameters` are \
                 the calling module's, and the connection has `{name}`: did you mean \
                 `connection.{name}`?"
            )
        } else {
            format!(
                "no module, RPC or webhook declares parameter `{name}`; in Base, `parameters` are \
                 the calling module's: read a connection value as `connection.{name}`, or declare \
                 the parameter"
            )
        };
        let mut d = diagnostic("I009", severity_of("I009"), message, range);
        if connection_has && let Some(root_range) = root_range {
            d.fixes.push(rename_fix(root_range, "connection"));
        }
        self.out.push(d);
    }

    /// X003: `connection.<key>` outside the connection.
    pub(super) fn connection_key(
        &mut self,
        name: &str,
        range: TextRange,
        key_range: Option<TextRange>,
        context: &ExprContext,
    ) {
        if context.place.is_connection() || context.place == Place::WebhookCommunication {
            return;
        }
        let Some(keys) = self.connection() else {
            return;
        };
        if keys.value.open_ended || keys.names.contains(name) {
            return;
        }
        let ids = keys.value.connections.join("`, `");
        // Collection children (`a.b`) are read through their parent, which
        // is what a misspelt first segment should become.
        let suggestion = did_you_mean(
            name,
            keys.value
                .keys
                .iter()
                .map(|key| key.name.as_str())
                .filter(|key| !key.contains('.')),
        );
        let message = match suggestion {
            Some(s) => format!(
                "connection `{ids}` neither declares a parameter `{name}` nor saves `{name}` with \
                 `response.data`; did you mean `{s}`?"
            ),
            None => format!(
                "connection `{ids}` neither declares a parameter `{name}` nor saves `{name}` with \
                 `response.data`; add it there or fix the name"
            ),
        };
        let mut d = diagnostic("X003", severity_of("X003"), message, range);
        if let Some(s) = suggestion.filter(|s| is_plain_name(s))
            && let Some(key_range) = key_range
        {
            d.fixes.push(rename_fix(key_range, s));
        }
        self.out.push(d);
    }

    /// C009: `data.<key>` in `refresh` / `info` that no `response.data` writes.
    pub(super) fn data_key(&mut self, name: &str, range: TextRange, context: &ExprContext) {
        if !matches!(
            context.place,
            Place::ConnectionOAuth2 | Place::ConnectionOAuth1
        ) || !matches!(context.section, Some(Section::Refresh | Section::Info))
        {
            return;
        }
        let Some(data) = self.data() else {
            return;
        };
        if data.value.data_open || data.names.contains(name) {
            return;
        }
        // Parameters may also be part of the saved data; never report those.
        match self.params() {
            Some(params) if !params.value.open_ended && !params.names.contains(name) => {}
            _ => return,
        }
        let message = format!(
            "`data.{name}` is never written: no section saves `{name}` with `response.data`; save \
             it in `token.response.data` or fix the name"
        );
        self.out
            .push(diagnostic("C009", severity_of("C009"), message, range));
    }

    /// C010: `temp.<key>` read before any earlier step writes it (connections).
    pub(super) fn temp_key(
        &mut self,
        site: &Site<'_>,
        name: &str,
        range: TextRange,
        context: &SiteContext,
    ) {
        let Some(place) = context.place else { return };
        if !place.is_connection() {
            return;
        }
        let Some(read) = flow_step_at(context, &site.string.path) else {
            return;
        };
        let writes = self.temp_writes();
        let satisfied = writes.iter().any(|w| {
            w.key.as_deref().is_none_or(|k| k == name) && w.step.visible_to(&read) != Some(false)
        });
        if satisfied {
            return;
        }
        let written_later = writes.iter().any(|w| w.key.as_deref() == Some(name));
        let message = if written_later {
            format!(
                "`temp.{name}` is read before it is written: it is only set later in the flow \
                 (preauthorize → authorize → token → info, request `temp` before `response.temp`); \
                 write it in an earlier step"
            )
        } else {
            format!(
                "`temp.{name}` is never written; set it with `temp` or `response.temp` in an \
                 earlier request or section"
            )
        };
        self.out
            .push(diagnostic("C010", severity_of("C010"), message, range));
    }
}
