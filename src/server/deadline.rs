//! Reads with an absolute deadline: a socket's read timeout is per read, so a peer sending one
//! byte just inside it each time could keep a frame going for ever.

use std::io::{self, Read};
use std::os::unix::net::UnixStream;
use std::time::Instant;

pub struct Timed<'a> {
    stream: &'a UnixStream,
    until: Instant,
}

impl<'a> Timed<'a> {
    pub fn new(stream: &'a UnixStream, until: Instant) -> Timed<'a> {
        Timed { stream, until }
    }

    /// Reads from now on must be done by `until`.
    pub fn by(&mut self, until: Instant) {
        self.until = until;
    }
}

impl Read for Timed<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let left = self.until.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(io::ErrorKind::TimedOut.into());
        }
        self.stream.set_read_timeout(Some(left))?;
        let mut s = self.stream;
        s.read(buf)
    }
}
