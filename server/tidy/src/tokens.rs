//! The tokens the path reader works on: names, `::` and single
//! punctuation marks, from code whose comments and literals are already
//! blanked, so that nothing finer than Rust's item structure is needed.

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token {
    Name(String),
    PathSep,
    Punct(char),
}

/// `code` split into tokens; whitespace only separates them.
pub fn tokens(code: &str) -> Vec<Token> {
    let chars: Vec<char> = code.chars().collect();
    let mut tokens = Vec::new();
    let mut index = 0;
    while index < chars.len() {
        let c = chars[index];
        if c.is_alphabetic() || c == '_' {
            // `r#match` names `match`.
            let raw = c == 'r'
                && chars.get(index + 1) == Some(&'#')
                && chars
                    .get(index + 2)
                    .is_some_and(|c| c.is_alphabetic() || *c == '_');
            if raw {
                index += 2;
            }
            let start = index;
            while index < chars.len() && (chars[index].is_alphanumeric() || chars[index] == '_') {
                index += 1;
            }
            let name: String = chars[start..index].iter().collect();
            tokens.push(Token::Name(name));
        } else if c == ':' && chars.get(index + 1) == Some(&':') {
            tokens.push(Token::PathSep);
            index += 2;
        } else {
            if !c.is_whitespace() {
                tokens.push(Token::Punct(c));
            }
            index += 1;
        }
    }
    tokens
}

/// The tokens inside `#[…]` of `#[cfg(test)]`.
pub fn cfg_test_attribute() -> Vec<Token> {
    vec![
        Token::Punct('['),
        Token::Name("cfg".into()),
        Token::Punct('('),
        Token::Name("test".into()),
        Token::Punct(')'),
        Token::Punct(']'),
    ]
}
