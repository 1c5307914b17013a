//! The client's input: one long-lived thread reads stdin, so no read is
//! handed to tokio's blocking pool (a pool thread woken per read, then the
//! runtime woken back). Its reads may block for ever; the thread is never
//! joined, so it cannot hold up shutdown.

use std::io::Read;
use std::pin::Pin;
use std::task::{Context, Poll};

use tokio::io::{AsyncRead, ReadBuf};
use tokio::sync::mpsc;

/// How much one read of stdin takes at most.
const CHUNK: usize = 64 * 1024;
/// Chunks read ahead of the session; the reader thread waits beyond that.
const CHUNKS_AHEAD: usize = 16;

/// The client's input, read on a dedicated thread.
pub struct Stdin {
    chunks: mpsc::Receiver<std::io::Result<Vec<u8>>>,
    current: Vec<u8>,
    consumed: usize,
    ended: bool,
}

impl Stdin {
    pub fn spawn() -> std::io::Result<Self> {
        Self::spawn_reading(std::io::stdin())
    }

    fn spawn_reading(mut input: impl Read + Send + 'static) -> std::io::Result<Self> {
        let (sender, chunks) = mpsc::channel(CHUNKS_AHEAD);
        std::thread::Builder::new()
            .name("iml-ls-stdin".into())
            .spawn(move || {
                let mut buffer = vec![0; CHUNK];
                loop {
                    let chunk = match input.read(&mut buffer) {
                        Ok(0) => return,
                        Ok(read) => Ok(buffer[..read].to_vec()),
                        Err(error) if error.kind() == std::io::ErrorKind::Interrupted => continue,
                        Err(error) => Err(error),
                    };
                    let failed = chunk.is_err();
                    if sender.blocking_send(chunk).is_err() || failed {
                        return;
                    }
                }
            })?;
        Ok(Self {
            chunks,
            current: Vec::new(),
            consumed: 0,
            ended: false,
        })
    }
}

impl AsyncRead for Stdin {
    fn poll_read(
        self: Pin<&mut Self>,
        context: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let this = self.get_mut();
        while this.consumed == this.current.len() {
            if this.ended {
                return Poll::Ready(Ok(()));
            }
            match this.chunks.poll_recv(context) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(None) => this.ended = true,
                Poll::Ready(Some(Err(error))) => {
                    this.ended = true;
                    return Poll::Ready(Err(error));
                }
                Poll::Ready(Some(Ok(chunk))) => {
                    this.current = chunk;
                    this.consumed = 0;
                }
            }
        }
        let available = &this.current[this.consumed..];
        let taken = available.len().min(buf.remaining());
        buf.put_slice(&available[..taken]);
        this.consumed += taken;
        Poll::Ready(Ok(()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::AsyncReadExt;

    /// Hands out its bytes a few at a time, then fails if asked to.
    struct Trickle {
        bytes: Vec<u8>,
        at: usize,
        fail_at_end: bool,
    }

    impl Read for Trickle {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            if self.at == self.bytes.len() {
                return if self.fail_at_end {
                    Err(std::io::Error::other("pipe broke"))
                } else {
                    Ok(0)
                };
            }
            let taken = (self.bytes.len() - self.at).min(3).min(buf.len());
            buf[..taken].copy_from_slice(&self.bytes[self.at..self.at + taken]);
            self.at += taken;
            Ok(taken)
        }
    }

    fn trickle(text: &str, fail_at_end: bool) -> Stdin {
        Stdin::spawn_reading(Trickle {
            bytes: text.as_bytes().to_vec(),
            at: 0,
            fail_at_end,
        })
        .unwrap()
    }

    #[tokio::test]
    async fn reads_everything_in_order_then_ends() {
        let text = "Content-Length: 2\r\n\r\n{}".repeat(50);
        let mut read = Vec::new();
        let mut small = [0; 5];
        let mut stdin = trickle(&text, false);
        loop {
            let count = stdin.read(&mut small).await.unwrap();
            if count == 0 {
                break;
            }
            read.extend_from_slice(&small[..count]);
        }
        assert_eq!(String::from_utf8(read).unwrap(), text);
        assert_eq!(stdin.read(&mut small).await.unwrap(), 0);
    }

    #[tokio::test]
    async fn a_read_error_arrives_after_the_bytes_before_it() {
        let mut stdin = trickle("abcdef", true);
        let mut read = Vec::new();
        let error = stdin.read_to_end(&mut read).await.unwrap_err();
        assert_eq!(read, b"abcdef");
        assert_eq!(error.to_string(), "pipe broke");
    }
}
