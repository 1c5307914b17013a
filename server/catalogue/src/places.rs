//! Where a request spec, a response or an IML expression lives.
//!
//! Every availability fact in the catalogue is expressed over [`Place`], so
//! the analysis layer maps a file to one place and asks the tables.

/// Module kinds, with Make's spelling and numeric type id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ModuleType {
    /// Polling trigger (`trigger`, id 1).
    Trigger,
    /// `action` (id 4).
    Action,
    /// `search` (id 9).
    Search,
    /// `instant_trigger` (id 10), fed by a webhook.
    InstantTrigger,
    /// `responder` (id 11), answers a webhook caller.
    Responder,
    /// `universal` (id 12).
    Universal,
}

impl ModuleType {
    pub const ALL: [ModuleType; 6] = [
        ModuleType::Trigger,
        ModuleType::Action,
        ModuleType::Search,
        ModuleType::InstantTrigger,
        ModuleType::Responder,
        ModuleType::Universal,
    ];

    /// The name used by `makecomapp.json` (`moduleType`).
    pub const fn name(self) -> &'static str {
        match self {
            ModuleType::Trigger => "trigger",
            ModuleType::Action => "action",
            ModuleType::Search => "search",
            ModuleType::InstantTrigger => "instant_trigger",
            ModuleType::Responder => "responder",
            ModuleType::Universal => "universal",
        }
    }

    /// Make's numeric module type id.
    pub const fn type_id(self) -> u8 {
        match self {
            ModuleType::Trigger => 1,
            ModuleType::Action => 4,
            ModuleType::Search => 9,
            ModuleType::InstantTrigger => 10,
            ModuleType::Responder => 11,
            ModuleType::Universal => 12,
        }
    }

    pub fn from_name(name: &str) -> Option<ModuleType> {
        ModuleType::ALL.into_iter().find(|m| m.name() == name)
    }

    pub fn from_type_id(id: u8) -> Option<ModuleType> {
        ModuleType::ALL.into_iter().find(|m| m.type_id() == id)
    }
}

/// The component code a request spec or expression belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Place {
    /// Basic (API key, basic auth, JWT) connection communication.
    ConnectionBasic,
    /// OAuth 2 connection communication (keyed by flow section).
    ConnectionOAuth2,
    /// OAuth 1 connection communication (keyed by flow section).
    ConnectionOAuth1,
    /// The app's Base, merged into module, RPC and webhook requests.
    Base,
    /// A module's communication.
    Module(ModuleType),
    /// A remote procedure's communication.
    Rpc,
    /// A webhook's own communication (processes incoming payloads).
    WebhookCommunication,
    /// Dedicated webhook `attach` request.
    WebhookAttach,
    /// Dedicated webhook `detach` request.
    WebhookDetach,
    /// Webhook `update` request.
    WebhookUpdate,
    /// A polling trigger's epoch ("choose where to start") request.
    Epoch,
}

impl Place {
    /// Every place, in bit order.
    pub const ALL: [Place; 16] = [
        Place::ConnectionBasic,
        Place::ConnectionOAuth2,
        Place::ConnectionOAuth1,
        Place::Base,
        Place::Module(ModuleType::Trigger),
        Place::Module(ModuleType::Action),
        Place::Module(ModuleType::Search),
        Place::Module(ModuleType::InstantTrigger),
        Place::Module(ModuleType::Responder),
        Place::Module(ModuleType::Universal),
        Place::Rpc,
        Place::WebhookCommunication,
        Place::WebhookAttach,
        Place::WebhookDetach,
        Place::WebhookUpdate,
        Place::Epoch,
    ];

    /// Position of this place in a [`PlaceSet`].
    pub const fn bit(self) -> u32 {
        match self {
            Place::ConnectionBasic => 0,
            Place::ConnectionOAuth2 => 1,
            Place::ConnectionOAuth1 => 2,
            Place::Base => 3,
            Place::Module(ModuleType::Trigger) => 4,
            Place::Module(ModuleType::Action) => 5,
            Place::Module(ModuleType::Search) => 6,
            Place::Module(ModuleType::InstantTrigger) => 7,
            Place::Module(ModuleType::Responder) => 8,
            Place::Module(ModuleType::Universal) => 9,
            Place::Rpc => 10,
            Place::WebhookCommunication => 11,
            Place::WebhookAttach => 12,
            Place::WebhookDetach => 13,
            Place::WebhookUpdate => 14,
            Place::Epoch => 15,
        }
    }

    /// A short human name, used in messages ("… is not available in {name}").
    pub const fn describe(self) -> &'static str {
        match self {
            Place::ConnectionBasic => "a basic connection",
            Place::ConnectionOAuth2 => "an OAuth 2 connection",
            Place::ConnectionOAuth1 => "an OAuth 1 connection",
            Place::Base => "Base",
            Place::Module(ModuleType::Trigger) => "a polling trigger",
            Place::Module(ModuleType::Action) => "an action module",
            Place::Module(ModuleType::Search) => "a search module",
            Place::Module(ModuleType::InstantTrigger) => "an instant trigger",
            Place::Module(ModuleType::Responder) => "a responder module",
            Place::Module(ModuleType::Universal) => "a universal module",
            Place::Rpc => "an RPC",
            Place::WebhookCommunication => "webhook communication",
            Place::WebhookAttach => "a webhook attach request",
            Place::WebhookDetach => "a webhook detach request",
            Place::WebhookUpdate => "a webhook update request",
            Place::Epoch => "an epoch",
        }
    }

    pub const fn is_connection(self) -> bool {
        PlaceSet::CONNECTIONS.contains(self)
    }

    pub const fn set(self) -> PlaceSet {
        PlaceSet(1 << self.bit())
    }
}

/// A set of places, as a bit set (see [`Place::bit`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct PlaceSet(u32);

impl PlaceSet {
    pub const EMPTY: PlaceSet = PlaceSet(0);
    pub const ALL: PlaceSet = PlaceSet((1 << 16) - 1);

    pub const CONNECTION_BASIC: PlaceSet = Place::ConnectionBasic.set();
    pub const CONNECTION_OAUTH2: PlaceSet = Place::ConnectionOAuth2.set();
    pub const CONNECTION_OAUTH1: PlaceSet = Place::ConnectionOAuth1.set();
    pub const OAUTH_CONNECTIONS: PlaceSet = Self::CONNECTION_OAUTH2.union(Self::CONNECTION_OAUTH1);
    pub const CONNECTIONS: PlaceSet = Self::CONNECTION_BASIC.union(Self::OAUTH_CONNECTIONS);
    pub const BASE: PlaceSet = Place::Base.set();
    pub const EPOCH: PlaceSet = Place::Epoch.set();
    pub const RPC: PlaceSet = Place::Rpc.set();

    pub const TRIGGER: PlaceSet = Place::Module(ModuleType::Trigger).set();
    pub const ACTION: PlaceSet = Place::Module(ModuleType::Action).set();
    pub const SEARCH: PlaceSet = Place::Module(ModuleType::Search).set();
    pub const INSTANT_TRIGGER: PlaceSet = Place::Module(ModuleType::InstantTrigger).set();
    pub const RESPONDER: PlaceSet = Place::Module(ModuleType::Responder).set();
    pub const UNIVERSAL: PlaceSet = Place::Module(ModuleType::Universal).set();
    pub const MODULES: PlaceSet = Self::TRIGGER
        .union(Self::ACTION)
        .union(Self::SEARCH)
        .union(Self::INSTANT_TRIGGER)
        .union(Self::RESPONDER)
        .union(Self::UNIVERSAL);
    /// Modules whose communication sends HTTP requests (all but the responder).
    pub const REQUESTING_MODULES: PlaceSet = Self::MODULES.minus(Self::RESPONDER);

    pub const WEBHOOK_COMMUNICATION: PlaceSet = Place::WebhookCommunication.set();
    /// Attach, detach and update: requests to the remote service.
    pub const WEBHOOK_REQUESTS: PlaceSet = Place::WebhookAttach
        .set()
        .union(Place::WebhookDetach.set())
        .union(Place::WebhookUpdate.set());
    pub const WEBHOOKS: PlaceSet = Self::WEBHOOK_COMMUNICATION.union(Self::WEBHOOK_REQUESTS);

    /// Modules and RPCs: the places Base is merged into besides webhook requests.
    pub const MODULES_AND_RPC: PlaceSet = Self::REQUESTING_MODULES.union(Self::RPC);
    /// Every place that builds and sends an HTTP request.
    pub const REQUESTS: PlaceSet = Self::CONNECTIONS
        .union(Self::BASE)
        .union(Self::MODULES_AND_RPC)
        .union(Self::WEBHOOK_REQUESTS)
        .union(Self::EPOCH);
    /// Every request place except connections.
    pub const NON_CONNECTION_REQUESTS: PlaceSet = Self::REQUESTS.minus(Self::CONNECTIONS);

    pub const fn of(place: Place) -> PlaceSet {
        place.set()
    }

    pub const fn union(self, other: PlaceSet) -> PlaceSet {
        PlaceSet(self.0 | other.0)
    }

    pub const fn minus(self, other: PlaceSet) -> PlaceSet {
        PlaceSet(self.0 & !other.0)
    }

    pub const fn intersection(self, other: PlaceSet) -> PlaceSet {
        PlaceSet(self.0 & other.0)
    }

    pub const fn contains(self, place: Place) -> bool {
        self.0 & (1 << place.bit()) != 0
    }

    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn iter(self) -> impl Iterator<Item = Place> {
        Place::ALL.into_iter().filter(move |p| self.contains(*p))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bits_are_unique_and_dense() {
        let mut seen = 0u32;
        for place in Place::ALL {
            let bit = 1 << place.bit();
            assert_eq!(seen & bit, 0, "{place:?} shares a bit");
            seen |= bit;
        }
        assert_eq!(PlaceSet(seen), PlaceSet::ALL);
        assert_eq!(PlaceSet::ALL.iter().count(), Place::ALL.len());
    }

    #[test]
    fn groups_hold_what_their_names_say() {
        assert!(PlaceSet::CONNECTIONS.contains(Place::ConnectionOAuth1));
        assert!(!PlaceSet::CONNECTIONS.contains(Place::Base));
        assert!(!PlaceSet::REQUESTS.contains(Place::WebhookCommunication));
        assert!(!PlaceSet::REQUESTS.contains(Place::Module(ModuleType::Responder)));
        assert!(PlaceSet::REQUESTS.contains(Place::Epoch));
        assert_eq!(PlaceSet::MODULES.iter().count(), 6);
        assert_eq!(PlaceSet::NON_CONNECTION_REQUESTS.iter().count(), 11);
    }

    #[test]
    fn module_names_and_ids_round_trip() {
        for m in ModuleType::ALL {
            assert_eq!(ModuleType::from_name(m.name()), Some(m));
            assert_eq!(ModuleType::from_type_id(m.type_id()), Some(m));
        }
        assert_eq!(ModuleType::from_name("instant"), None);
    }
}
