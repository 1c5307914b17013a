//! Built-in IML functions (§7.4) with arity, return type and availability.

use crate::urls;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FunctionCategory {
    General,
    /// Text and binary; `contains` and `length` also take arrays.
    Text,
    Array,
    Date,
    Math,
    /// JSON and signing.
    JsonAndCrypto,
}

impl FunctionCategory {
    pub const fn label(self) -> &'static str {
        match self {
            FunctionCategory::General => "general",
            FunctionCategory::Text => "text and binary",
            FunctionCategory::Array => "arrays and collections",
            FunctionCategory::Date => "date and time",
            FunctionCategory::Math => "math",
            FunctionCategory::JsonAndCrypto => "JSON and crypto",
        }
    }
}

/// Coarse value types, for hover signatures and simple checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ValueType {
    Any,
    Text,
    Number,
    Boolean,
    Date,
    Array,
    /// An object ("collection" in Make's words).
    Collection,
    Buffer,
}

impl ValueType {
    pub const fn label(self) -> &'static str {
        match self {
            ValueType::Any => "any",
            ValueType::Text => "text",
            ValueType::Number => "number",
            ValueType::Boolean => "boolean",
            ValueType::Date => "date",
            ValueType::Array => "array",
            ValueType::Collection => "collection",
            ValueType::Buffer => "buffer",
        }
    }
}

/// Where a function is documented.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FunctionAvailability {
    /// Listed by the custom-apps documentation.
    AppsDoc,
    /// Documented only for scenarios (Help Center); availability in apps assumed.
    HelpOnly,
    /// Seen in official material but in no function list.
    Unclear,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Param {
    pub name: &'static str,
    pub optional: bool,
    /// The parameter repeats; it is always the last one.
    pub variadic: bool,
}

const fn p(name: &'static str) -> Param {
    Param {
        name,
        optional: false,
        variadic: false,
    }
}
const fn opt(name: &'static str) -> Param {
    Param {
        name,
        optional: true,
        variadic: false,
    }
}
/// One or more.
const fn many(name: &'static str) -> Param {
    Param {
        name,
        optional: false,
        variadic: true,
    }
}
/// Zero or more.
const fn rest(name: &'static str) -> Param {
    Param {
        name,
        optional: true,
        variadic: true,
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Function {
    pub name: &'static str,
    pub category: FunctionCategory,
    pub params: &'static [Param],
    pub min_args: u8,
    /// `None` when the last parameter repeats.
    pub max_args: Option<u8>,
    pub returns: ValueType,
    pub doc: &'static str,
    pub url: &'static str,
    pub availability: FunctionAvailability,
    /// The choice made where the sources disagree.
    pub note: Option<&'static str>,
}

impl Function {
    pub fn accepts_arg_count(&self, n: usize) -> bool {
        n >= usize::from(self.min_args) && self.max_args.is_none_or(|max| n <= usize::from(max))
    }

    /// `name(a, b, [c])`, for hover and signature help.
    pub fn signature(&self) -> String {
        let params: Vec<String> = self
            .params
            .iter()
            .map(|p| {
                let name = if p.variadic {
                    format!("{}…", p.name)
                } else {
                    p.name.to_string()
                };
                if p.optional {
                    format!("[{name}]")
                } else {
                    name
                }
            })
            .collect();
        format!(
            "{}({}): {}",
            self.name,
            params.join(", "),
            self.returns.label()
        )
    }
}

const fn count_required(params: &[Param]) -> u8 {
    let mut n = 0;
    let mut i = 0;
    while i < params.len() {
        if !params[i].optional {
            n += 1;
        }
        i += 1;
    }
    n
}

const fn max_of(params: &[Param]) -> Option<u8> {
    let mut i = 0;
    while i < params.len() {
        if params[i].variadic {
            return None;
        }
        i += 1;
    }
    Some(params.len() as u8)
}

const fn f(
    name: &'static str,
    category: FunctionCategory,
    params: &'static [Param],
    returns: ValueType,
    doc: &'static str,
) -> Function {
    Function {
        name,
        category,
        params,
        min_args: count_required(params),
        max_args: max_of(params),
        returns,
        doc,
        url: urls::IML_FUNCTIONS,
        availability: FunctionAvailability::AppsDoc,
        note: None,
    }
}

impl Function {
    const fn help_only(mut self, url: &'static str) -> Self {
        self.availability = FunctionAvailability::HelpOnly;
        self.url = url;
        self
    }
    const fn unclear(mut self, url: &'static str, note: &'static str) -> Self {
        self.availability = FunctionAvailability::Unclear;
        self.url = url;
        self.note = Some(note);
        self
    }
    const fn url(mut self, url: &'static str) -> Self {
        self.url = url;
        self
    }
    const fn note(mut self, note: &'static str) -> Self {
        self.note = Some(note);
        self
    }
}

use FunctionCategory::{Array, Date, General, JsonAndCrypto, Math, Text};
use ValueType as T;

const DATE_N: &[Param] = &[p("date"), p("n")];

pub static FUNCTIONS: &[Function] = &[
    // ---- general ----
    f(
        "get",
        General,
        &[p("objectOrArray"), p("path")],
        T::Any,
        "Value at a dot path or computed key; array indices start at 1.",
    ),
    f(
        "if",
        General,
        &[p("condition"), p("then"), p("else")],
        T::Any,
        "`then` when the condition is truthy, otherwise `else`.",
    ),
    f(
        "ifempty",
        General,
        &[p("value"), p("fallback")],
        T::Any,
        "`value` unless it is undefined, null or empty text; then `fallback`.",
    ),
    f(
        "switch",
        General,
        &[
            p("expression"),
            p("value"),
            p("result"),
            rest("valueOrResultOrElse"),
        ],
        T::Any,
        "The result paired with the first value equal to the expression; an odd trailing \
         argument is the default.",
    ),
    f(
        "omit",
        General,
        &[p("collection"), many("key")],
        T::Collection,
        "The collection without the listed keys.",
    ),
    f(
        "pick",
        General,
        &[p("collection"), many("key")],
        T::Collection,
        "The collection with only the listed keys.",
    ),
    // ---- text and binary ----
    f(
        "ascii",
        Text,
        &[p("text"), opt("removeDiacritics")],
        T::Text,
        "Drops non-ASCII characters, optionally transliterating accents first.",
    ),
    f(
        "base64",
        Text,
        &[p("text")],
        T::Text,
        "Base64 encoding of the text.",
    ),
    f(
        "capitalize",
        Text,
        &[p("text")],
        T::Text,
        "Upper-cases the first character.",
    ),
    f(
        "contains",
        Text,
        &[p("textOrArray"), p("value")],
        T::Boolean,
        "For text: whether it contains the search string. For an array: whether the value \
         is one of its items.",
    ),
    f(
        "decodeURL",
        Text,
        &[p("text")],
        T::Text,
        "Decodes percent-encoded text.",
    ),
    f(
        "encodeURL",
        Text,
        &[p("text")],
        T::Text,
        "Percent-encodes special characters.",
    ),
    f(
        "escapeHTML",
        Text,
        &[p("text")],
        T::Text,
        "Escapes HTML markup.",
    ),
    f(
        "escapeMarkdown",
        Text,
        &[p("text")],
        T::Text,
        "Escapes Markdown syntax (apps only).",
    ),
    f(
        "indexOf",
        Text,
        &[p("text"), p("value"), opt("start")],
        T::Number,
        "Position of the first occurrence, or -1.",
    ),
    f(
        "length",
        Text,
        &[p("textOrArray")],
        T::Number,
        "Characters of a text, bytes of a buffer, or items of an array.",
    ),
    f(
        "lower",
        Text,
        &[p("text")],
        T::Text,
        "Lower-cases the text.",
    ),
    f("md5", Text, &[p("text")], T::Text, "MD5 digest in hex."),
    f(
        "mime",
        Text,
        &[p("filename")],
        T::Text,
        "MIME type guessed from a file name's extension (apps only).",
    ),
    f(
        "replace",
        Text,
        &[p("text"), p("search"), p("replacement")],
        T::Text,
        "Replaces occurrences; `search` may be a `/regex/flags` string and the \
         replacement may use `$&` and `$1`…",
    ),
    f(
        "replaceEmojiCharacters",
        Text,
        &[p("text"), opt("replacement")],
        T::Text,
        "Replaces emoji characters.",
    )
    .note("Help shows one argument, the apps page mentions a replacement; both accepted."),
    f(
        "sha1",
        Text,
        &[p("text"), opt("encoding"), opt("key")],
        T::Text,
        "SHA-1 digest, or HMAC with a key; encodings `hex` (default), `base64`, `latin1`.",
    ),
    f(
        "sha256",
        Text,
        &[p("text"), opt("encoding"), opt("key"), opt("keyEncoding")],
        T::Text,
        "SHA-256 digest, or HMAC with a key.",
    ),
    f(
        "sha512",
        Text,
        &[p("text"), opt("encoding"), opt("key"), opt("keyEncoding")],
        T::Text,
        "SHA-512 digest, or HMAC with a key; key encodings `text`, `hex`, `base64`, `binary`.",
    ),
    f(
        "split",
        Text,
        &[p("text"), p("separator")],
        T::Array,
        "Splits text into an array.",
    ),
    f(
        "startcase",
        Text,
        &[p("text")],
        T::Text,
        "Capitalises every word, lower-cases the rest.",
    ),
    f(
        "stripHTML",
        Text,
        &[p("text")],
        T::Text,
        "Removes HTML tags.",
    ),
    f(
        "substring",
        Text,
        &[p("text"), p("start"), p("end")],
        T::Text,
        "Part of the text between 0-based positions.",
    ),
    f(
        "toBinary",
        Text,
        &[p("value"), opt("encoding")],
        T::Buffer,
        "Converts to a buffer; `hex` or `base64` decodes from that form.",
    ),
    f(
        "toString",
        Text,
        &[p("value")],
        T::Text,
        "Converts any value to text.",
    ),
    f(
        "trim",
        Text,
        &[p("text")],
        T::Text,
        "Removes surrounding whitespace.",
    ),
    f(
        "upper",
        Text,
        &[p("text")],
        T::Text,
        "Upper-cases the text.",
    ),
    // ---- arrays and collections ----
    f(
        "add",
        Array,
        &[p("array"), many("value")],
        T::Array,
        "Appends values to the array.",
    ),
    f(
        "deduplicate",
        Array,
        &[p("array")],
        T::Array,
        "Removes duplicate items.",
    ),
    f(
        "distinct",
        Array,
        &[p("array"), opt("key")],
        T::Array,
        "Removes duplicates, optionally comparing one dot-path key.",
    ),
    f("first", Array, &[p("array")], T::Any, "First item."),
    f(
        "flatten",
        Array,
        &[p("array")],
        T::Array,
        "Flattens nested arrays.",
    ),
    f(
        "join",
        Array,
        &[p("array"), p("separator")],
        T::Text,
        "Joins items into text.",
    ),
    f(
        "keys",
        Array,
        &[p("object")],
        T::Array,
        "Property names of an object or array.",
    ),
    f("last", Array, &[p("array")], T::Any, "Last item."),
    f(
        "map",
        Array,
        &[p("array"), p("key"), opt("filterKey"), opt("filterValues")],
        T::Array,
        "Values of `key` from each item, optionally only items whose `filterKey` is among \
         the comma-separated `filterValues`.",
    ),
    f(
        "merge",
        Array,
        &[many("array")],
        T::Array,
        "Concatenates arrays.",
    ),
    f(
        "remove",
        Array,
        &[p("array"), many("value")],
        T::Array,
        "Removes values (arrays of primitives only).",
    ),
    f(
        "reverse",
        Array,
        &[p("array")],
        T::Array,
        "Reverses the order.",
    ),
    f("shuffle", Array, &[p("array")], T::Array, "Random order."),
    f(
        "slice",
        Array,
        &[p("array"), p("start"), opt("end")],
        T::Array,
        "Part of the array between 0-based positions.",
    ),
    f(
        "sort",
        Array,
        &[p("array"), opt("order"), opt("key")],
        T::Array,
        "Sorts; order `asc`, `desc`, `asc ci`, `desc ci`; `key` is a dot path.",
    ),
    f(
        "toArray",
        Array,
        &[p("collection")],
        T::Array,
        "Turns a collection into an array of key/value pairs.",
    ),
    f(
        "toCollection",
        Array,
        &[p("array"), p("keyField"), p("valueField")],
        T::Collection,
        "Turns an array of key/value objects into a collection.",
    ),
    // ---- date and time ----
    f(
        "formatDate",
        Date,
        &[p("date"), p("format"), opt("timezone")],
        T::Text,
        "Formats a date with Moment-style tokens.",
    ),
    f(
        "parseDate",
        Date,
        &[p("text"), opt("format"), opt("timezone")],
        T::Date,
        "Parses text into a date with Moment-style tokens.",
    )
    .note(
        "The signature lists `format` as required, but official examples omit it \
               (§7.4); it is treated as optional so those examples are not reported.",
    ),
    f(
        "addSeconds",
        Date,
        DATE_N,
        T::Date,
        "Adds seconds (negative subtracts).",
    ),
    f(
        "addMinutes",
        Date,
        DATE_N,
        T::Date,
        "Adds minutes (negative subtracts).",
    ),
    f(
        "addHours",
        Date,
        DATE_N,
        T::Date,
        "Adds hours (negative subtracts).",
    ),
    f(
        "addDays",
        Date,
        DATE_N,
        T::Date,
        "Adds days (negative subtracts).",
    ),
    f(
        "addMonths",
        Date,
        DATE_N,
        T::Date,
        "Adds months (negative subtracts).",
    ),
    f(
        "addYears",
        Date,
        DATE_N,
        T::Date,
        "Adds years (negative subtracts).",
    ),
    f(
        "setSecond",
        Date,
        DATE_N,
        T::Date,
        "Sets the seconds (0–59).",
    ),
    f(
        "setMinute",
        Date,
        DATE_N,
        T::Date,
        "Sets the minutes (0–59).",
    ),
    f("setHour", Date, DATE_N, T::Date, "Sets the hour (0–23)."),
    f(
        "setDay",
        Date,
        &[p("date"), p("nOrName")],
        T::Date,
        "Sets the weekday (1 = Sunday … 7 = Saturday, or an English name).",
    ),
    f(
        "setDate",
        Date,
        DATE_N,
        T::Date,
        "Sets the day of the month (1–31).",
    ),
    f(
        "setMonth",
        Date,
        &[p("date"), p("nOrName")],
        T::Date,
        "Sets the month (1–12, or an English name).",
    ),
    f("setYear", Date, DATE_N, T::Date, "Sets the year."),
    // ---- math ----
    f("abs", Math, &[p("number")], T::Number, "Absolute value."),
    f(
        "average",
        Math,
        &[many("arrayOrValue")],
        T::Number,
        "Mean of an array or of the arguments.",
    ),
    f("ceil", Math, &[p("number")], T::Number, "Rounds up."),
    f("floor", Math, &[p("number")], T::Number, "Rounds down."),
    f(
        "formatNumber",
        Math,
        &[
            p("number"),
            p("decimals"),
            opt("decimalSeparator"),
            opt("thousandsSeparator"),
        ],
        T::Text,
        "Formats a number as text (defaults: `,` decimal, `.` thousands).",
    ),
    f(
        "max",
        Math,
        &[many("arrayOrValue")],
        T::Number,
        "Largest value.",
    ),
    f(
        "min",
        Math,
        &[many("arrayOrValue")],
        T::Number,
        "Smallest value.",
    ),
    f(
        "median",
        Math,
        &[many("arrayOrValue")],
        T::Number,
        "Median value.",
    ),
    f(
        "sum",
        Math,
        &[many("arrayOrValue")],
        T::Number,
        "Sum of the values.",
    ),
    f(
        "parseNumber",
        Math,
        &[p("text"), p("decimalSeparator")],
        T::Number,
        "Parses text into a number.",
    ),
    f(
        "round",
        Math,
        &[p("number")],
        T::Number,
        "Rounds to the nearest integer.",
    ),
    f(
        "stdevP",
        Math,
        &[many("arrayOrValue")],
        T::Number,
        "Population standard deviation.",
    ),
    f(
        "stdevS",
        Math,
        &[many("arrayOrValue")],
        T::Number,
        "Sample standard deviation.",
    )
    .help_only(urls::HELP_MATH_FUNCTIONS),
    f(
        "trunc",
        Math,
        &[p("number"), opt("decimals")],
        T::Number,
        "Truncates to the given decimals.",
    ),
    // ---- JSON and crypto ----
    f(
        "parseJSON",
        JsonAndCrypto,
        &[p("text")],
        T::Any,
        "Parses a JSON string.",
    ),
    f(
        "createJSON",
        JsonAndCrypto,
        &[p("value")],
        T::Text,
        "Serialises a value to a JSON string.",
    ),
    f(
        "jwt",
        JsonAndCrypto,
        &[p("payload"), p("secret"), opt("algorithm"), opt("options")],
        T::Text,
        "Signs a JWT; algorithms `HS256` (default), `HS384`, `HS512`, `RS256`.",
    )
    .url(urls::JWT),
    // ---- seen, not listed ----
    f(
        "base64url",
        Text,
        &[many("value")],
        T::Text,
        "URL-safe base64 encoding.",
    )
    .unclear(
        urls::OAUTH2,
        "Used by the OAuth 2 PKCE example only; may be built-in or an assumed custom \
             function. Arity left open.",
    ),
    f(
        "isArray",
        General,
        &[many("value")],
        T::Boolean,
        "Whether the value is an array.",
    )
    .unclear(
        urls::IML_FUNCTIONS,
        "Seen in a copy of Make's GraphQL template only. Arity left open.",
    ),
];

pub fn functions() -> &'static [Function] {
    FUNCTIONS
}

pub fn function(name: &str) -> Option<&'static Function> {
    FUNCTIONS.iter().find(|f| f.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn names_are_unique() {
        let mut seen = HashSet::new();
        for f in FUNCTIONS {
            assert!(seen.insert(f.name), "duplicate {}", f.name);
            assert!(
                !f.doc.is_empty() && f.url.starts_with("https://"),
                "{}",
                f.name
            );
        }
    }

    #[test]
    fn arity_matches_parameter_lists() {
        for f in FUNCTIONS {
            let required = f.params.iter().filter(|p| !p.optional).count();
            assert_eq!(usize::from(f.min_args), required, "{} min", f.name);
            let variadic = f.params.iter().position(|p| p.variadic);
            match (variadic, f.max_args) {
                (Some(i), None) => {
                    assert_eq!(i, f.params.len() - 1, "{} variadic not last", f.name)
                }
                (None, Some(max)) => assert_eq!(usize::from(max), f.params.len(), "{} max", f.name),
                other => panic!("{}: inconsistent {other:?}", f.name),
            }
            // Optional parameters never precede required ones.
            let first_optional = f.params.iter().position(|p| p.optional);
            if let Some(i) = first_optional {
                assert!(f.params[i..].iter().all(|p| p.optional), "{}", f.name);
            }
        }
    }

    fn arity(name: &str) -> (u8, Option<u8>) {
        let f = function(name).unwrap_or_else(|| panic!("{name} missing"));
        (f.min_args, f.max_args)
    }

    #[test]
    fn arity_of_well_known_functions_follows_rule_i4() {
        assert_eq!(arity("if"), (3, Some(3)));
        assert_eq!(arity("ifempty"), (2, Some(2)));
        assert_eq!(arity("formatDate"), (2, Some(3)));
        for add in [
            "addSeconds",
            "addMinutes",
            "addHours",
            "addDays",
            "addMonths",
            "addYears",
        ] {
            assert_eq!(arity(add), (2, Some(2)), "{add}");
        }
        assert_eq!(arity("join"), (2, Some(2)));
        assert_eq!(arity("split"), (2, Some(2)));
        assert_eq!(arity("substring"), (3, Some(3)));
        assert_eq!(arity("get"), (2, Some(2)));
        assert_eq!(arity("omit"), (2, None));
        assert_eq!(arity("pick"), (2, None));
        assert_eq!(arity("jwt"), (2, Some(4)));
        assert_eq!(arity("sha1"), (1, Some(3)));
        assert_eq!(arity("sha256"), (1, Some(4)));
        assert_eq!(arity("sha512"), (1, Some(4)));
        assert_eq!(arity("contains"), (2, Some(2)));
        assert_eq!(arity("length"), (1, Some(1)));
        assert_eq!(arity("switch"), (3, None));
    }

    #[test]
    fn every_section_7_4_name_is_present() {
        let expected = [
            "get",
            "if",
            "ifempty",
            "switch",
            "omit",
            "pick",
            "ascii",
            "base64",
            "capitalize",
            "contains",
            "decodeURL",
            "encodeURL",
            "escapeHTML",
            "escapeMarkdown",
            "indexOf",
            "length",
            "lower",
            "md5",
            "mime",
            "replace",
            "replaceEmojiCharacters",
            "sha1",
            "sha256",
            "sha512",
            "split",
            "startcase",
            "stripHTML",
            "substring",
            "toBinary",
            "toString",
            "trim",
            "upper",
            "add",
            "deduplicate",
            "distinct",
            "first",
            "flatten",
            "join",
            "keys",
            "last",
            "map",
            "merge",
            "remove",
            "reverse",
            "shuffle",
            "slice",
            "sort",
            "toArray",
            "toCollection",
            "formatDate",
            "parseDate",
            "addSeconds",
            "addMinutes",
            "addHours",
            "addDays",
            "addMonths",
            "addYears",
            "setSecond",
            "setMinute",
            "setHour",
            "setDay",
            "setDate",
            "setMonth",
            "setYear",
            "abs",
            "average",
            "ceil",
            "floor",
            "formatNumber",
            "max",
            "min",
            "median",
            "sum",
            "parseNumber",
            "round",
            "stdevP",
            "stdevS",
            "trunc",
            "parseJSON",
            "createJSON",
            "jwt",
            "base64url",
            "isArray",
        ];
        let actual: HashSet<_> = FUNCTIONS.iter().map(|f| f.name).collect();
        let expected: HashSet<_> = expected.into_iter().collect();
        assert_eq!(actual, expected);
        assert_eq!(
            function("stdevS").map(|f| f.availability),
            Some(FunctionAvailability::HelpOnly)
        );
        for unclear in ["base64url", "isArray"] {
            assert_eq!(
                function(unclear).map(|f| f.availability),
                Some(FunctionAvailability::Unclear)
            );
        }
        assert!(function("dateDifference").is_none());
    }

    #[test]
    fn signature_rendering() {
        let jwt = function("jwt").map(Function::signature);
        assert_eq!(
            jwt.as_deref(),
            Some("jwt(payload, secret, [algorithm], [options]): text")
        );
        let omit = function("omit").map(Function::signature);
        assert_eq!(omit.as_deref(), Some("omit(collection, key…): collection"));
        assert!(function("if").is_some_and(|f| f.accepts_arg_count(3) && !f.accepts_arg_count(2)));
        assert!(function("merge").is_some_and(|f| f.accepts_arg_count(5)));
    }
}
