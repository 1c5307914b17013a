//! Links into Make's documentation, used by every table entry.

macro_rules! apps_doc {
    ($($name:ident = $path:literal;)*) => {
        $(pub const $name: &str = concat!(
            "https://developers.make.com/custom-apps-documentation/", $path
        );)*
    };
}

apps_doc! {
    CONNECTIONS = "app-components/connections";
    BASIC_CONNECTION = "app-components/connections/basic-connection";
    JWT = "app-components/connections/jwt";
    OAUTH1 = "app-components/connections/oauth1";
    OAUTH2 = "app-components/connections/oauth2";
    API = "component-blocks/api";
    MAKING_REQUESTS = "component-blocks/api/making-requests";
    MULTIPLE_REQUESTS = "component-blocks/api/multiple-requests";
    REQUEST_LESS = "component-blocks/api/request-less-communication";
    HANDLING_RESPONSES = "component-blocks/api/handling-responses";
    RESPONSE_TYPE = "component-blocks/api/handling-responses/type";
    RESPONSE_VALID = "component-blocks/api/handling-responses/valid";
    RESPONSE_ERROR = "component-blocks/api/handling-responses/error";
    RESPONSE_LIMIT = "component-blocks/api/handling-responses/limit";
    RESPONSE_ITERATE = "component-blocks/api/handling-responses/iterate";
    RESPONSE_TEMP = "component-blocks/api/handling-responses/temp";
    RESPONSE_OUTPUT = "component-blocks/api/handling-responses/output";
    PAGINATION = "component-blocks/api/pagination";
    MULTIPART = "component-blocks/api/multipart-form-data";
    JSON_STRINGS = "component-blocks/api/processing-of-json-strings-inside-a-json-object";
    IML = "block-elements/iml";
    TYPES = "block-elements/types";
    IML_FUNCTIONS = "app-components/iml-functions";
    PARAMETERS = "block-elements/parameters";
    BASE = "app-components/base";
    BASE_URL = "app-components/base/base-url";
    BASE_AUTHORIZATION = "app-components/base/authorization";
    BASE_ERROR_HANDLING = "app-components/base/error-handling";
    BASE_SANITIZATION = "app-components/base/sanitization";
    BASE_ADVANCED_INHERITANCE = "app-components/base/advanced-inheritance";
    MODULES = "app-components/modules";
    MODULE_ACTION = "app-components/modules/action";
    MODULE_SEARCH = "app-components/modules/search";
    MODULE_TRIGGER = "app-components/modules/trigger";
    MODULE_INSTANT_TRIGGER = "app-components/modules/instant-trigger";
    MODULE_RESPONDER = "app-components/modules/responder";
    MODULE_UNIVERSAL = "app-components/modules/universal-module";
    WEBHOOKS = "app-components/webhooks";
    WEBHOOKS_SHARED = "app-components/webhooks/shared";
    WEBHOOKS_ATTACHED = "app-components/webhooks/dedicated/attached";
    RPCS = "app-components/rpcs";
    DYNAMIC_OPTIONS_RPC = "app-components/rpcs/dynamic-options-rpc";
    EPOCH = "component-blocks/epoch";
    SCOPE = "component-blocks/scope";
    SCOPES = "component-blocks/scopes";
    SAMPLES = "component-blocks/samples";
    INTERFACE = "component-blocks/interface";
    MAPPABLE_PARAMETERS = "component-blocks/mappable-parameters";
    LOCAL_DEVELOPMENT = "get-started/make-apps-editor/apps-sdk/local-development-for-apps";
    // App review and best practices: the pages the `review` profile cites.
    REVIEW_PREREQUISITES = "app-review/prerequisites";
    BP_MODULE_LABELS = "best-practices/naming-conventions/modules/module-labels";
    BP_MODULE_DESCRIPTIONS = "best-practices/naming-conventions/modules/module-descriptions";
    BP_PARAMETER_LABELS = "best-practices/naming-conventions/input-parameters/parameter-labels";
    BP_GROUPS = "best-practices/naming-conventions/groups";
    BP_MODULE_TYPES = "best-practices/modules/module-types";
    BP_SEARCH_MODULES = "best-practices/modules/search-modules";
    BP_TRIGGER_MODULES = "best-practices/trigger-modules";
    BP_BASE_URL = "best-practices/base/base-url";
    BP_BASE_SANITIZATION = "best-practices/base/authorization-and-sanitization";
    BP_BASE_ERRORS = "best-practices/base/error-handling";
    BP_BASE_429 = "best-practices/base/429-error-handling";
    BP_CONNECTIONS = "best-practices/connections";
    BP_EDITABLE_CONNECTION = "best-practices/connections/editable-connection";
    BP_RPCS = "best-practices/remote-procedure-calls";
}

/// The page of one parameter type, e.g. `block-elements/parameters/select`.
pub fn parameter_type(type_name: &str) -> String {
    format!("{PARAMETERS}/{type_name}")
}

pub const HELP_GENERAL_FUNCTIONS: &str = "https://help.make.com/general-functions";
pub const HELP_TEXT_FUNCTIONS: &str = "https://help.make.com/text-and-binary-functions";
pub const HELP_ARRAY_FUNCTIONS: &str = "https://help.make.com/array-functions";
pub const HELP_DATE_FUNCTIONS: &str = "https://help.make.com/date-and-time-functions";
pub const HELP_MATH_FUNCTIONS: &str = "https://help.make.com/math-functions";
