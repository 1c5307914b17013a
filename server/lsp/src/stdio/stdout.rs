//! The client's output. A message is written to the pipe at once by the task
//! that sends it, without waking any other thread, as long as the pipe has
//! room. When it has none (the client is not reading), the rest goes to a
//! writer thread that waits for the pipe, and the sending task goes on at
//! once. Nothing here waits for the client until the backlog reaches
//! [`MAX_BACKLOG`]: the protocol library stops reading input while its
//! output waits, so a client that writes a long burst before it reads would
//! otherwise deadlock with the server, each waiting for the other to read.
//!
//! The direct write needs the pipe in non-blocking mode, which is set only
//! on a pipe or socket (never on a terminal someone else shares) and only on
//! Unix; elsewhere every write goes through the writer thread.

use std::collections::VecDeque;
use std::fs::File;
use std::io::{ErrorKind, Write};
use std::pin::Pin;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::task::{Context, Poll, Waker};

use tokio::io::AsyncWrite;

/// Output held for a client that does not read, beyond which `flush` waits.
const MAX_BACKLOG: usize = 256 * 1024 * 1024;

/// The client's output.
pub struct Stdout {
    /// The pipe in non-blocking mode, for writes that need no other thread.
    direct: Option<File>,
    backlog: Arc<Backlog>,
}

/// Bytes the writer thread still has to write, in order.
#[derive(Default)]
struct Backlog {
    state: Mutex<BacklogState>,
    more: Condvar,
}

#[derive(Default)]
struct BacklogState {
    chunks: VecDeque<Vec<u8>>,
    /// Bytes in `chunks`.
    queued: usize,
    /// The writer thread holds a chunk it has not finished writing.
    writing: bool,
    /// The task waiting in `flush` or `shutdown` for the backlog to shrink.
    waiting: Option<Waker>,
    /// Set once the pipe failed; every later write fails with it.
    failed: Option<ErrorKind>,
    /// The `Stdout` is gone: the thread ends once the backlog is written.
    closed: bool,
}

impl Backlog {
    fn lock(&self) -> MutexGuard<'_, BacklogState> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl BacklogState {
    fn is_idle(&self) -> bool {
        self.chunks.is_empty() && !self.writing
    }
}

impl Stdout {
    /// The process's stdout.
    pub fn new() -> std::io::Result<Self> {
        let (direct, writer) = platform::stdout_files()?;
        Self::with_files(direct, writer)
    }

    /// `direct` (non-blocking, optional) and `writer` are the same pipe.
    fn with_files(direct: Option<File>, writer: platform::Sink) -> std::io::Result<Self> {
        let backlog = Arc::new(Backlog::default());
        let shared = Arc::clone(&backlog);
        std::thread::Builder::new()
            .name("iml-ls-stdout".into())
            .spawn(move || write_backlog(&shared, writer))?;
        Ok(Self { direct, backlog })
    }

    fn queue(&self, mut state: MutexGuard<'_, BacklogState>, bytes: &[u8]) {
        state.chunks.push_back(bytes.to_vec());
        state.queued += bytes.len();
        drop(state);
        self.backlog.more.notify_one();
    }
}

impl Drop for Stdout {
    fn drop(&mut self) {
        self.backlog.lock().closed = true;
        self.backlog.more.notify_one();
    }
}

impl AsyncWrite for Stdout {
    fn poll_write(
        self: Pin<&mut Self>,
        _: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        let this = self.get_mut();
        let state = this.backlog.lock();
        if let Some(kind) = state.failed {
            return Poll::Ready(Err(kind.into()));
        }
        // Bytes may overtake nothing still queued.
        let Some(direct) = this.direct.as_mut().filter(|_| state.is_idle()) else {
            this.queue(state, buf);
            return Poll::Ready(Ok(buf.len()));
        };
        drop(state);
        loop {
            match direct.write(buf) {
                Ok(written) => return Poll::Ready(Ok(written)),
                Err(error) if error.kind() == ErrorKind::Interrupted => {}
                Err(error) if error.kind() == ErrorKind::WouldBlock => {
                    let state = this.backlog.lock();
                    this.queue(state, buf);
                    return Poll::Ready(Ok(buf.len()));
                }
                Err(error) => return Poll::Ready(Err(error)),
            }
        }
    }

    /// Ready once the bytes are written or handed to the writer thread,
    /// unless the backlog is over [`MAX_BACKLOG`].
    fn poll_flush(self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        self.wait_until(context, |state| state.queued <= MAX_BACKLOG)
    }

    /// Ready once every byte is written to the pipe.
    fn poll_shutdown(self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        self.wait_until(context, BacklogState::is_idle)
    }
}

impl Stdout {
    fn wait_until(
        &self,
        context: &mut Context<'_>,
        done: impl Fn(&BacklogState) -> bool,
    ) -> Poll<std::io::Result<()>> {
        let mut state = self.backlog.lock();
        if let Some(kind) = state.failed {
            return Poll::Ready(Err(kind.into()));
        }
        if done(&state) {
            return Poll::Ready(Ok(()));
        }
        state.waiting = Some(context.waker().clone());
        Poll::Pending
    }
}

/// The writer thread: writes queued chunks in order, waiting for the pipe
/// as long as it takes, and wakes the waiting task after each chunk.
fn write_backlog(backlog: &Backlog, mut writer: platform::Sink) {
    loop {
        let chunk = {
            let mut state = backlog.lock();
            loop {
                if let Some(chunk) = state.chunks.pop_front() {
                    state.queued -= chunk.len();
                    state.writing = true;
                    break chunk;
                }
                if state.closed {
                    return;
                }
                state = backlog
                    .more
                    .wait(state)
                    .unwrap_or_else(PoisonError::into_inner);
            }
        };
        let outcome = platform::write_all_waiting(&mut writer, &chunk);
        let mut state = backlog.lock();
        state.writing = false;
        if let Err(error) = outcome {
            state.failed = Some(error.kind());
            state.chunks.clear();
            state.queued = 0;
        }
        // The waiting task checks again what it waits for.
        if let Some(waker) = state.waiting.take() {
            waker.wake();
        }
        if state.failed.is_some() {
            return;
        }
    }
}

#[cfg(unix)]
mod platform {
    use std::fs::File;
    use std::io::{ErrorKind, Write};
    use std::os::fd::{AsFd, AsRawFd, BorrowedFd};

    /// The writer thread's handle on the pipe.
    pub(super) type Sink = File;

    /// A non-blocking handle for direct writes when stdout is a pipe or a
    /// socket, and a handle for the writer thread.
    pub(super) fn stdout_files() -> std::io::Result<(Option<File>, Sink)> {
        let stdout = std::io::stdout();
        let fd = stdout.as_fd();
        let direct = if is_pipe_or_socket(fd) && set_nonblocking(fd) {
            Some(File::from(fd.try_clone_to_owned()?))
        } else {
            None
        };
        Ok((direct, File::from(fd.try_clone_to_owned()?)))
    }

    fn is_pipe_or_socket(fd: BorrowedFd<'_>) -> bool {
        // SAFETY: fstat only writes into the zeroed struct it is given.
        let mut stat: libc::stat = unsafe { std::mem::zeroed() };
        if unsafe { libc::fstat(fd.as_raw_fd(), &mut stat) } != 0 {
            return false;
        }
        matches!(stat.st_mode & libc::S_IFMT, libc::S_IFIFO | libc::S_IFSOCK)
    }

    pub(super) fn set_nonblocking(fd: BorrowedFd<'_>) -> bool {
        // SAFETY: fcntl with integer arguments on a descriptor we hold.
        unsafe {
            let flags = libc::fcntl(fd.as_raw_fd(), libc::F_GETFL);
            flags >= 0 && libc::fcntl(fd.as_raw_fd(), libc::F_SETFL, flags | libc::O_NONBLOCK) == 0
        }
    }

    /// Writes all of `bytes`; the pipe may be non-blocking, so when it is
    /// full this waits for room with `poll`.
    pub(super) fn write_all_waiting(sink: &mut Sink, mut bytes: &[u8]) -> std::io::Result<()> {
        while !bytes.is_empty() {
            match sink.write(bytes) {
                Ok(0) => return Err(ErrorKind::WriteZero.into()),
                Ok(written) => bytes = &bytes[written..],
                Err(error) if error.kind() == ErrorKind::Interrupted => {}
                Err(error) if error.kind() == ErrorKind::WouldBlock => wait_writable(sink)?,
                Err(error) => return Err(error),
            }
        }
        Ok(())
    }

    fn wait_writable(sink: &Sink) -> std::io::Result<()> {
        let mut target = libc::pollfd {
            fd: sink.as_raw_fd(),
            events: libc::POLLOUT,
            revents: 0,
        };
        // SAFETY: one pollfd that outlives the call; no timeout.
        if unsafe { libc::poll(&mut target, 1, -1) } < 0 {
            let error = std::io::Error::last_os_error();
            if error.kind() != ErrorKind::Interrupted {
                return Err(error);
            }
        }
        Ok(())
    }
}

#[cfg(not(unix))]
mod platform {
    use std::fs::File;
    use std::io::Write;

    pub(super) type Sink = std::io::Stdout;

    pub(super) fn stdout_files() -> std::io::Result<(Option<File>, Sink)> {
        Ok((None, std::io::stdout()))
    }

    pub(super) fn write_all_waiting(sink: &mut Sink, bytes: &[u8]) -> std::io::Result<()> {
        sink.write_all(bytes)?;
        sink.flush()
    }
}

#[cfg(all(test, unix))]
mod tests {
    use std::io::Read;
    use std::os::fd::AsFd;

    use tokio::io::AsyncWriteExt;

    use super::*;

    /// A `Stdout` on a fresh pipe, and the pipe's reading end.
    fn piped() -> (Stdout, std::io::PipeReader) {
        let (reader, writer) = std::io::pipe().unwrap();
        assert!(platform::set_nonblocking(writer.as_fd()));
        let direct = File::from(writer.as_fd().try_clone_to_owned().unwrap());
        let sink = File::from(std::os::fd::OwnedFd::from(writer));
        (Stdout::with_files(Some(direct), sink).unwrap(), reader)
    }

    #[tokio::test]
    async fn small_writes_reach_the_pipe_before_flush() {
        let (mut stdout, mut reader) = piped();
        stdout
            .write_all(b"Content-Length: 2\r\n\r\n{}")
            .await
            .unwrap();
        let mut read = vec![0; 64];
        let count = reader.read(&mut read).unwrap();
        assert_eq!(&read[..count], b"Content-Length: 2\r\n\r\n{}");
        stdout.flush().await.unwrap();
    }

    #[tokio::test(flavor = "current_thread")]
    async fn a_client_that_does_not_read_never_makes_the_server_wait() {
        let (mut stdout, mut reader) = piped();
        // Many times a pipe's capacity, written and flushed while nobody
        // reads: neither waits for the client.
        let message: Vec<u8> = (0..2_000_000u32).map(|i| (i % 251) as u8).collect();
        stdout.write_all(&message).await.unwrap();
        stdout.flush().await.unwrap();
        stdout.write_all(b"end").await.unwrap();
        stdout.flush().await.unwrap();
        let drain = std::thread::spawn(move || {
            let mut read = Vec::new();
            reader.read_to_end(&mut read).unwrap();
            read
        });
        // Shutdown waits until the client has taken every byte.
        stdout.shutdown().await.unwrap();
        drop(stdout);
        let read = drain.join().unwrap();
        assert_eq!(read.len(), message.len() + 3);
        assert_eq!(&read[..message.len()], &message[..]);
        assert_eq!(&read[message.len()..], b"end");
    }

    #[tokio::test]
    async fn a_closed_pipe_fails_the_writes() {
        let (mut stdout, reader) = piped();
        drop(reader);
        let mut failed = false;
        for _ in 0..100 {
            if stdout.write_all(&[b'x'; 100_000]).await.is_err() || stdout.flush().await.is_err() {
                failed = true;
                break;
            }
        }
        assert!(failed, "writes to a closed pipe kept succeeding");
    }
}
