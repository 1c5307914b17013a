//! The order in which requests and sections run, so that a `temp` read can
//! be told whether a write before it is visible.

use iml_catalogue::{OAuthFlavour, Place, Region, Section, sections};

use crate::semantic::context::SiteContext;
use crate::semantic::path::JsonPath;

/// When, in the evaluation of one request, something happens (spec §3.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Phase {
    /// The request's own `temp`, evaluated first.
    RequestTemp,
    /// `condition`, `url`, `qs`, `headers`, `body`, …
    Request,
    /// `response.temp`, right after the request.
    ResponseTemp,
    /// The rest of `response`, and `pagination`.
    Response,
}

/// A position in the order requests and sections run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FlowStep {
    pub section: Option<Section>,
    /// Position in the initial OAuth flow; `None` for `refresh`/`invalidate`
    /// and non-OAuth communication.
    pub flow_order: Option<u8>,
    pub request_index: Option<usize>,
    pub phase: Phase,
}

impl FlowStep {
    /// Whether a `temp` write at `self` is certainly visible to a read at
    /// `read`; `None` when the order is not known (stay quiet then).
    pub fn visible_to(&self, read: &FlowStep) -> Option<bool> {
        if self.section != read.section {
            return match (self.flow_order, read.flow_order) {
                (Some(write), Some(read)) => Some(write < read),
                // `refresh`/`invalidate` run outside the flow: unknown.
                _ => None,
            };
        }
        let same_request = self.request_index == read.request_index;
        if !same_request {
            return match (self.request_index, read.request_index) {
                (Some(write), Some(read)) => Some(write < read),
                _ => None,
            };
        }
        Some(self.phase <= read.phase)
    }
}

/// The step at which an expression at `path`, with `context`, is evaluated;
/// `None` outside a request.
pub fn flow_step_at(context: &SiteContext, path: &JsonPath) -> Option<FlowStep> {
    let request_path = context.request_path.as_ref()?;
    let below = request_path.len();
    let phase = if path.key(below) == Some("temp") {
        Phase::RequestTemp
    } else if path.keys_start_with(below, &["response", "temp"]) {
        Phase::ResponseTemp
    } else if matches!(
        context.region(),
        Some(Region::Response | Region::Wrapper | Region::Pagination)
    ) {
        Phase::Response
    } else {
        Phase::Request
    };
    let flavour = match context.place {
        Some(Place::ConnectionOAuth1) => OAuthFlavour::OAuth1,
        _ => OAuthFlavour::OAuth2,
    };
    let flow_order = context
        .section
        .and_then(|s| sections(flavour).iter().find(|info| info.section == s))
        .and_then(|info| info.flow_order);
    Some(FlowStep {
        section: context.section,
        flow_order,
        request_index: context.request_index,
        phase,
    })
}
