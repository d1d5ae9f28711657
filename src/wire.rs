//! The server's wire: length-prefixed postcard frames over a Unix socket.
//!
//! A frame is a 4-byte big-endian length and that many bytes of postcard. The first frame each
//! way is a hello that starts with the protocol number and the build, so that two builds that
//! share nothing else can still tell each other what they are.

use std::io::{self, Read, Write};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::domain::role::User;
use crate::service::{Change, Reply, Request, RequestKey, ServiceError};

/// Bumped whenever a message below changes shape; both ends refuse a different number.
pub const PROTOCOL: u32 = 7;

/// The build a desk or server was made from, shown when protocols differ.
pub const BUILD: &str = env!("CARGO_PKG_VERSION");

/// The largest frame either end accepts: a case with its whole timeline fits many times over.
pub const MAX_FRAME: u32 = 8 * 1024 * 1024;

/// The largest hello a server reads: a protocol number and a build name need a few bytes, and a
/// stranger at the door must not make the server hold megabytes.
pub const MAX_HELLO: u32 = 4 * 1024;

/// A desk sends a ping this often when it has nothing else to send; a server closes a
/// connection silent for three of them.
pub const HEARTBEAT_SECS: u64 = 10;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hello {
    pub protocol: u32,
    pub build: String,
}

impl Hello {
    pub fn ours() -> Hello {
        Hello {
            protocol: PROTOCOL,
            build: BUILD.to_string(),
        }
    }
}

/// The server's first frame: its hello, then whether the desk may go on. Only the hello part
/// is read when the protocols differ.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Welcome {
    pub hello: Hello,
    pub outcome: Result<User, Refusal>,
}

/// Why a server turned a desk away at the door.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Refusal {
    /// This OS user has no user record; the administrator adds one.
    UnknownLogin {
        login: String,
        uid: u32,
    },
    /// The socket's peer has no name in the password file.
    NoLogin {
        uid: u32,
    },
    Protocol {
        server: Hello,
    },
    ShuttingDown,
    /// The server holds as many connections as it takes, in all or from this OS user.
    Busy {
        limit: u32,
        per_user: bool,
    },
    /// The administrator has deactivated this user (`xinfang user enable` lets them back).
    Disabled {
        login: String,
    },
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum ToServer {
    /// `key` is set on mutations and sent again unchanged with a retry.
    Call {
        id: u64,
        key: Option<RequestKey>,
        req: Box<Request>,
    },
    Ping,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum ToDesk {
    Reply {
        id: u64,
        result: Result<Reply, ServiceError>,
    },
    Change(Change),
    Pong,
}

#[derive(Debug, thiserror::Error)]
pub enum WireError {
    #[error("{0}")]
    Io(#[from] io::Error),
    #[error("frame of {0} bytes is over the limit")]
    Oversized(u32),
    #[error("malformed frame: {0}")]
    Malformed(String),
    #[error("connection closed")]
    Closed,
}

pub fn encode<T: Serialize>(msg: &T) -> Result<Vec<u8>, WireError> {
    let body = postcard::to_stdvec(msg).map_err(|e| WireError::Malformed(e.to_string()))?;
    let len = u32::try_from(body.len()).unwrap_or(u32::MAX);
    if len > MAX_FRAME {
        return Err(WireError::Oversized(len));
    }
    let mut out = Vec::with_capacity(4 + body.len());
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(&body);
    Ok(out)
}

pub fn write_frame<T: Serialize>(w: &mut impl Write, msg: &T) -> Result<(), WireError> {
    w.write_all(&encode(msg)?)?;
    w.flush()?;
    Ok(())
}

/// Reads one frame's bytes; a clean end of stream before a frame starts is `Closed`.
pub fn read_body(r: &mut impl Read) -> Result<Vec<u8>, WireError> {
    let len = read_len(r, MAX_FRAME)?;
    read_rest(r, len)
}

/// Reads a frame's length, refusing one over `max` before any of its body is read.
pub fn read_len(r: &mut impl Read, max: u32) -> Result<u32, WireError> {
    let mut len = [0u8; 4];
    match r.read_exact(&mut len) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Err(WireError::Closed),
        Err(e) => return Err(e.into()),
    }
    let len = u32::from_be_bytes(len);
    if len > max {
        return Err(WireError::Oversized(len));
    }
    Ok(len)
}

/// Reads the `len` bytes of a frame's body. Memory grows with what arrives, not with what the
/// length announced: a peer that announces 8 MiB and sends a trickle holds a trickle.
pub fn read_rest(r: &mut impl Read, len: u32) -> Result<Vec<u8>, WireError> {
    let mut body = Vec::with_capacity((len as usize).min(64 * 1024));
    r.take(u64::from(len)).read_to_end(&mut body)?;
    if body.len() < len as usize {
        return Err(io::Error::from(io::ErrorKind::UnexpectedEof).into());
    }
    Ok(body)
}

pub fn decode<T: DeserializeOwned>(body: &[u8]) -> Result<T, WireError> {
    postcard::from_bytes(body).map_err(|e| WireError::Malformed(e.to_string()))
}

pub fn read_frame<T: DeserializeOwned>(r: &mut impl Read) -> Result<T, WireError> {
    decode(&read_body(r)?)
}

/// The hello at the front of a peer's first frame, whatever follows it.
pub fn peek_hello(body: &[u8]) -> Result<Hello, WireError> {
    postcard::take_from_bytes::<Hello>(body)
        .map(|(h, _)| h)
        .map_err(|e| WireError::Malformed(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_frame_round_trips() {
        let msg = ToServer::Call {
            id: 7,
            key: Some([3; 16]),
            req: Box::new(Request::Search {
                text: "噪音扰民".into(),
                page: Default::default(),
            }),
        };
        let bytes = encode(&msg).unwrap();
        assert_eq!(
            u32::from_be_bytes(bytes[..4].try_into().unwrap()) as usize,
            bytes.len() - 4
        );
        let back: ToServer = read_frame(&mut &bytes[..]).unwrap();
        assert!(matches!(back, ToServer::Call { id: 7, key: Some(k), .. } if k == [3; 16]));
    }

    #[test]
    fn an_oversized_length_is_refused_before_reading_the_body() {
        let bytes = (MAX_FRAME + 1).to_be_bytes();
        assert!(matches!(
            read_body(&mut &bytes[..]),
            Err(WireError::Oversized(n)) if n == MAX_FRAME + 1
        ));
    }

    #[test]
    fn a_message_over_the_limit_is_not_encoded() {
        let big = ToDesk::Reply {
            id: 1,
            result: Ok(Reply::Revealed("信".repeat(MAX_FRAME as usize / 3 + 1))),
        };
        assert!(matches!(encode(&big), Err(WireError::Oversized(n)) if n > MAX_FRAME));
    }

    #[test]
    fn a_hello_is_read_from_the_front_of_any_later_welcome() {
        let w = Welcome {
            hello: Hello {
                protocol: 99,
                build: "9.9.9".into(),
            },
            outcome: Err(Refusal::ShuttingDown),
        };
        let body = postcard::to_stdvec(&w).unwrap();
        assert_eq!(peek_hello(&body).unwrap().protocol, 99);
    }

    #[test]
    fn an_end_of_stream_between_frames_is_a_close() {
        assert!(matches!(read_body(&mut &[][..]), Err(WireError::Closed)));
        assert!(matches!(
            read_body(&mut &[0u8, 0, 0, 9, 1][..]),
            Err(WireError::Io(_))
        ));
    }
}
