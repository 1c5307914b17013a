//! Reading a function's arguments with Make's coercions and clear
//! messages when an argument has the wrong type.

use jiff::Timestamp;

use crate::convert;
use crate::env::Env;
use crate::value::Value;

pub(crate) struct Args<'a> {
    pub name: &'a str,
    pub values: &'a [Value],
    pub env: &'a Env,
}

impl<'a> Args<'a> {
    pub fn new(name: &'a str, values: &'a [Value], env: &'a Env) -> Args<'a> {
        Args { name, values, env }
    }

    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// The argument, undefined when absent.
    pub fn get(&self, i: usize) -> &Value {
        self.values.get(i).unwrap_or(&Value::Undefined)
    }

    fn wrong(&self, i: usize, expected: &str) -> String {
        format!(
            "`{}`: argument {} must be {expected}, not {}",
            self.name,
            i + 1,
            self.get(i).type_name()
        )
    }

    /// Text coercion; every value converts.
    pub fn text(&self, i: usize) -> String {
        convert::to_text(self.get(i))
    }

    pub fn opt_text(&self, i: usize) -> Option<String> {
        match self.get(i) {
            Value::Undefined | Value::Null => None,
            v => Some(convert::to_text(v)),
        }
    }

    pub fn number(&self, i: usize) -> Result<f64, String> {
        convert::to_number(self.get(i)).ok_or_else(|| self.wrong(i, "a number"))
    }

    pub fn opt_number(&self, i: usize) -> Result<Option<f64>, String> {
        match self.get(i) {
            Value::Undefined | Value::Null => Ok(None),
            _ => self.number(i).map(Some),
        }
    }

    /// An integer argument (fractions truncated toward zero).
    pub fn int(&self, i: usize) -> Result<i64, String> {
        let n = self.number(i)?;
        if n.is_finite() {
            Ok(n.trunc().clamp(-1e15, 1e15) as i64)
        } else {
            Err(self.wrong(i, "a finite number"))
        }
    }

    pub fn date(&self, i: usize) -> Result<Timestamp, String> {
        convert::to_date(self.get(i), &self.env.zone).ok_or_else(|| {
            format!(
                "`{}`: argument {} is not a date: {}",
                self.name,
                i + 1,
                match self.get(i) {
                    Value::Text(s) => format!("`{s}` is in no date layout Make reads"),
                    other => format!("{} cannot become a date", other.type_name()),
                }
            )
        })
    }

    /// Array coercion: anything that is not an array becomes a one-item array.
    pub fn array(&self, i: usize) -> Vec<Value> {
        convert::to_array(self.get(i))
    }

    pub fn collection(&self, i: usize) -> Result<&'a [(String, Value)], String> {
        match self.values.get(i) {
            Some(Value::Collection(props)) => Ok(props),
            _ => Err(self.wrong(i, "a collection")),
        }
    }

    /// The items of the aggregate functions: one array argument means its
    /// items, several arguments are the values themselves.
    pub fn aggregate(&self) -> Vec<Value> {
        match self.values {
            [Value::Array(items)] => items.clone(),
            values => values.to_vec(),
        }
    }
}
