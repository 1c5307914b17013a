//! Which places a communication runs in, and how a diagnostic names them:
//! shared by the dispatcher, which picks a module's places, and the key
//! checks, which say where a key is not allowed.

use iml_catalogue::{ModuleType as CatalogueModuleType, PlaceSet};

use super::context::{Ctx, single_place};
use crate::roles::ModuleType;

/// The places a module's communication runs in: its type's, or every
/// module type's when the type is not known (a key is then accepted if any
/// type accepts it).
pub(super) fn module_places(ctx: &Ctx) -> PlaceSet {
    let declared = ctx
        .analysis
        .component_of(ctx.path)
        .and_then(|(_, component)| component.module_type)
        .or_else(|| ctx.role.component.as_ref().and_then(|c| c.module_type));
    match declared {
        Some(module_type) => iml_catalogue::Place::Module(catalogue_module_type(module_type)).set(),
        None => PlaceSet::MODULES,
    }
}

pub(crate) fn catalogue_module_type(module_type: ModuleType) -> CatalogueModuleType {
    match module_type {
        ModuleType::Trigger => CatalogueModuleType::Trigger,
        ModuleType::Action => CatalogueModuleType::Action,
        ModuleType::Search => CatalogueModuleType::Search,
        ModuleType::InstantTrigger => CatalogueModuleType::InstantTrigger,
        ModuleType::Responder => CatalogueModuleType::Responder,
        ModuleType::Universal => CatalogueModuleType::Universal,
    }
}

/// "a search module", or "a module" when several module types are possible.
pub(crate) fn describe_places(places: PlaceSet) -> &'static str {
    if let Some(place) = single_place(places) {
        return place.describe();
    }
    if places.minus(PlaceSet::MODULES).is_empty() {
        "a module"
    } else if places.minus(PlaceSet::CONNECTIONS).is_empty() {
        "a connection"
    } else {
        "this communication"
    }
}
