//! Cuts a byte stream into LSP frames and puts bodies back into frames.

/// Buffer size of each in-process pipe.
pub(super) const PIPE_CAPACITY: usize = 64 * 1024;
/// A header line longer than this is garbage, not a header.
pub(super) const MAX_HEADER_LINE: usize = 8 * 1024;
/// A larger `Content-Length` is treated as unreadable rather than awaited.
const MAX_BODY: usize = 512 * 1024 * 1024;
pub(super) const CONTENT_LENGTH: &[u8] = b"content-length:";
/// A body this large is split off the buffer rather than drained from it.
pub(super) const LARGE_FRAME: usize = 1024 * 1024;
/// Capacity the frame buffer may keep while (nearly) empty: a few reads.
pub(super) const KEPT_CAPACITY: usize = 4 * PIPE_CAPACITY;

/// What the frame reader found in the byte stream.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Event {
    /// A complete body, exactly `Content-Length` bytes.
    Frame(Vec<u8>),
    /// A header block that cannot be read; the reader skips ahead to the
    /// next `Content-Length:`.
    BadHeader(String),
}

#[derive(Debug)]
enum State {
    Headers {
        length: Option<usize>,
        seen_any: bool,
    },
    Body(usize),
    Resync,
}

/// Splits a byte stream into LSP frames (`Content-Length: N`, optional other
/// headers such as `Content-Type`, a blank line, then N bytes), whatever the
/// chunking of the reads.
#[derive(Debug)]
pub(crate) struct FrameReader {
    pub(super) buffer: Vec<u8>,
    state: State,
}

impl Default for FrameReader {
    fn default() -> Self {
        Self {
            buffer: Vec::new(),
            state: State::Headers {
                length: None,
                seen_any: false,
            },
        }
    }
}

impl FrameReader {
    pub(crate) fn push(&mut self, bytes: &[u8]) {
        self.buffer.extend_from_slice(bytes);
    }

    /// The next complete event, or `None` until more bytes arrive.
    pub(crate) fn next_event(&mut self) -> Option<Event> {
        loop {
            match self.state {
                State::Body(length) => {
                    if self.buffer.len() < length {
                        return None;
                    }
                    let body = self.take_body(length);
                    self.state = State::Headers {
                        length: None,
                        seen_any: false,
                    };
                    return Some(Event::Frame(body));
                }
                State::Headers { length, seen_any } => {
                    let Some(end) = self.buffer.iter().position(|&b| b == b'\n') else {
                        if self.buffer.len() > MAX_HEADER_LINE {
                            self.buffer.clear();
                            return Some(self.resync("header line too long".into()));
                        }
                        return None;
                    };
                    let line: Vec<u8> = self.buffer.drain(..=end).collect();
                    let line = line.strip_suffix(b"\n").unwrap_or(&line);
                    let line = line.strip_suffix(b"\r").unwrap_or(line);
                    if line.is_empty() {
                        match length {
                            Some(length) => {
                                // Room for the whole body and the read that
                                // ends it at once, rather than doubling up to
                                // twice its size as it arrives. Untouched
                                // pages cost no memory, and a length the
                                // system cannot reserve is simply awaited.
                                let missing = length.saturating_sub(self.buffer.len());
                                let _ = self.buffer.try_reserve_exact(missing + PIPE_CAPACITY);
                                self.state = State::Body(length);
                            }
                            // Stray blank lines between frames are harmless.
                            None if !seen_any => {}
                            None => {
                                return Some(
                                    self.resync("header block without `Content-Length`".into()),
                                );
                            }
                        }
                        continue;
                    }
                    match parse_header_line(line) {
                        Ok(found) => {
                            self.state = State::Headers {
                                length: found.or(length),
                                seen_any: true,
                            };
                        }
                        Err(why) => return Some(self.resync(why)),
                    }
                }
                State::Resync => {
                    let found = self
                        .buffer
                        .windows(CONTENT_LENGTH.len())
                        .position(|window| window.eq_ignore_ascii_case(CONTENT_LENGTH));
                    match found {
                        Some(start) => {
                            self.buffer.drain(..start);
                            self.state = State::Headers {
                                length: None,
                                seen_any: false,
                            };
                        }
                        None => {
                            // Keep a tail that may be the start of the name.
                            let keep = self.buffer.len().min(CONTENT_LENGTH.len() - 1);
                            self.buffer.drain(..self.buffer.len() - keep);
                            self.release_spare_capacity();
                            return None;
                        }
                    }
                }
            }
        }
    }

    /// The first `length` bytes of the buffer, leaving the buffer no larger
    /// than what it still holds: a buffer keeps its capacity, so one huge
    /// frame would otherwise stay resident for the rest of the session.
    fn take_body(&mut self, length: usize) -> Vec<u8> {
        if length < LARGE_FRAME {
            // Small frames are the rule; moving the rest down is cheap.
            let body = self.buffer.drain(..length).collect();
            self.release_spare_capacity();
            return body;
        }
        let rest = self.buffer.split_off(length);
        std::mem::replace(&mut self.buffer, rest)
    }

    /// Gives back capacity well beyond what the buffer holds.
    fn release_spare_capacity(&mut self) {
        let keep = self.buffer.len().saturating_mul(2).max(KEPT_CAPACITY);
        if self.buffer.capacity() > keep {
            self.buffer.shrink_to(keep);
        }
    }

    fn resync(&mut self, why: String) -> Event {
        self.state = State::Resync;
        Event::BadHeader(why)
    }
}

/// `Ok(Some(n))` for a `Content-Length`, `Ok(None)` for any other header.
fn parse_header_line(line: &[u8]) -> Result<Option<usize>, String> {
    let shown = || String::from_utf8_lossy(line).into_owned();
    let Some(colon) = line.iter().position(|&b| b == b':') else {
        return Err(format!("not a header: {:?}", shown()));
    };
    let (name, value) = (&line[..colon], &line[colon + 1..]);
    if !name.trim_ascii().eq_ignore_ascii_case(b"content-length") {
        return Ok(None);
    }
    std::str::from_utf8(value.trim_ascii())
        .ok()
        .and_then(|value| value.parse::<usize>().ok())
        .filter(|&length| length <= MAX_BODY)
        .map(Some)
        .ok_or_else(|| format!("unreadable header: {:?}", shown()))
}

pub(super) fn encode(body: &[u8]) -> Vec<u8> {
    let mut frame = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    frame.extend_from_slice(body);
    frame
}
