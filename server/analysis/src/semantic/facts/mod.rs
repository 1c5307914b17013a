//! Facts one file offers to the others: declared parameters, connection data
//! and `temp` writes, common-data keys.

mod connection;
mod declared_params;
mod flow;
mod params;
mod writes;
mod written_keys;

use iml_catalogue::Place;
use iml_jsonc::{Value, ValueKind};

use super::context::requests;
use super::path::JsonPath;
use super::sites::FileSites;
use crate::roles::{FileRole, RoleKind};

pub use connection::{ConnectionFacts, RedirectUse};
pub use declared_params::{DeclaredParam, ParamFacts};
pub use flow::{FlowStep, Phase, flow_step_at};
pub use written_keys::{TempWrite, WrittenKey, keys_below};

use params::param_facts;
use writes::{connection_facts, named_keys, temp_writes};

/// Everything one file offers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileFacts {
    /// For parameter files (params, static, mappable, endpoint input).
    pub params: Option<ParamFacts>,
    /// For connection communication.
    pub connection: Option<ConnectionFacts>,
    /// For a webhook's attach: what its `response.data` saves, read later
    /// as `webhook.*` (spec §6.2, §7.6: detach and the instant trigger see
    /// the data saved by attach).
    pub attach_data: Option<ConnectionFacts>,
    /// `temp` writes of any communication, in file order.
    pub temp_writes: Vec<TempWrite>,
    /// For common-data files: the top-level keys.
    pub common_keys: Option<Vec<WrittenKey>>,
    /// For interface files: the output fields, declared like parameters.
    pub interface: Option<ParamFacts>,
    /// For samples: the keys of the sample (the first one of a list).
    pub sample_keys: Option<Vec<WrittenKey>>,
}

pub(crate) fn extract_facts(
    role: &FileRole,
    place: Option<Place>,
    root: &Value,
    sites: &FileSites,
) -> FileFacts {
    let mut facts = FileFacts::default();
    match role.kind {
        RoleKind::Params
        | RoleKind::StaticParams
        | RoleKind::MappableParams
        | RoleKind::InputParams => {
            facts.params = Some(param_facts(root));
        }
        RoleKind::Interface => facts.interface = Some(param_facts(root)),
        RoleKind::Common => {
            facts.common_keys = Some(named_keys(root, &JsonPath::root(), None, None, 0));
        }
        RoleKind::Samples => {
            let (sample, path) = match &root.kind {
                ValueKind::Array(items) => (items.first(), JsonPath::root().child_index(0)),
                _ => (Some(root), JsonPath::root()),
            };
            facts.sample_keys = Some(
                sample
                    .map(|sample| named_keys(sample, &path, None, None, 0))
                    .unwrap_or_default(),
            );
        }
        _ => {}
    }
    let Some(place) = place else { return facts };
    if role.kind == RoleKind::Params || role.kind == RoleKind::Common {
        return facts;
    }
    let requests = requests(place, root);
    facts.temp_writes = temp_writes(&requests);
    if place.is_connection() && role.kind == RoleKind::Communication {
        facts.connection = Some(connection_facts(&requests, root, sites, place));
    }
    if place == Place::WebhookAttach {
        facts.attach_data = Some(connection_facts(&requests, root, sites, place));
    }
    facts
}
