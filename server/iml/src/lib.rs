//! The IML expression language: finding `{{ ... }}` blocks in a decoded
//! string, lexing and parsing them with error recovery. Spans are byte
//! offsets into the decoded string; callers map them back to the file.
