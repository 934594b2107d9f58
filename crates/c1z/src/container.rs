//! The v1 container: `C1ZF\0` followed by one zstd stream of a SQLite database.
//!
//! Decompression is bounded, because a c1z may come from anywhere: the zstd window (the
//! memory the decoder must hold) and the decoded size are capped, with the Go SDK's
//! defaults of 128 MiB and 3 GiB. The first frame's header is checked before decoding so
//! an oversized window is reported as such, not as a generic zstd failure.

use std::fs::File;
use std::io::{self, BufReader, Read, Write};
use std::path::Path;
use std::sync::mpsc;

use crate::error::{Error, Result};

/// The five bytes every v1 `.c1z` file starts with.
pub const MAGIC: [u8; 5] = *b"C1ZF\0";
/// The magic of the v3 (Pebble) container, recognised only to give a clear error.
const MAGIC_V3: [u8; 5] = *b"C1Z3\0";
/// Size of the chunks decompression hands to the writing thread.
const CHUNK: usize = 1 << 20;
/// zstd's frame magic number, little-endian on disk.
const ZSTD_FRAME_MAGIC: [u8; 4] = [0x28, 0xB5, 0x2F, 0xFD];
/// Level 3 is zstd's default and close to Go's `SpeedDefault`, which baton-sdk v0.3.12 uses.
const COMPRESSION_LEVEL: i32 = 3;

/// Caps applied when decompressing a `.c1z` (the Go SDK's `BATON_DECODER_MAX_MEMORY_MB`
/// and `BATON_DECODER_MAX_DECODED_SIZE_MB`, passed in by the caller instead of read here).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Largest zstd window accepted, in bytes (rounded down to a power of two).
    pub max_window: u64,
    /// Largest decompressed database accepted, in bytes.
    pub max_decoded: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_window: 128 << 20,
            max_decoded: 3 << 30,
        }
    }
}

/// Decompresses the `.c1z` at `src` into a plain SQLite database file at `dst` (for tools
/// that want the raw database, such as `dump-db`). A 0-byte `src` gives an empty database.
pub fn decompress_file(src: &Path, dst: &Path, limits: Limits) -> Result<()> {
    let mut out = File::create(dst).map_err(|e| Error::io(dst, e))?;
    decompress(src, &mut out, dst, limits)?;
    out.sync_all().map_err(|e| Error::io(dst, e))
}

/// Checks that an existing, non-empty file at `path` starts with the c1z v1 header, so a
/// writer never replaces a file that is not a sync file. A missing or empty file passes.
pub(crate) fn check_existing(path: &Path) -> Result<()> {
    let mut file = match File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::io(path, e)),
    };
    let mut magic = [0u8; 5];
    let got = read_up_to(&mut file, &mut magic).map_err(|e| Error::io(path, e))?;
    if got == 0 {
        return Ok(());
    }
    check_magic(path, &magic[..got])
}

/// The first bytes of a c1z file: v1, or the v3 container we do not read.
fn check_magic(path: &Path, magic: &[u8]) -> Result<()> {
    if magic == MAGIC_V3 {
        return Err(Error::UnsupportedVersion { path: path.into() });
    }
    if magic != MAGIC {
        return Err(Error::NotC1z { path: path.into() });
    }
    Ok(())
}

/// Streams the database inside `src` into `out` (named `out_path` in errors) and returns
/// the number of bytes written.
pub(crate) fn decompress(
    src: &Path,
    out: &mut (impl Write + Send),
    out_path: &Path,
    limits: Limits,
) -> Result<u64> {
    let file = File::open(src).map_err(|e| Error::io(src, e))?;
    let mut input = BufReader::with_capacity(1 << 16, file);
    let mut magic = [0u8; 5];
    let got = read_up_to(&mut input, &mut magic).map_err(|e| Error::io(src, e))?;
    if got == 0 {
        return Ok(0);
    }
    check_magic(src, &magic[..got])?;
    check_frame_header(src, &mut input, limits)?;

    let corrupt = |e: io::Error| Error::Corrupt {
        path: src.into(),
        reason: e.to_string(),
    };
    let mut decoder = zstd::stream::read::Decoder::with_buffer(input).map_err(corrupt)?;
    decoder
        .window_log_max(window_log(limits.max_window))
        .map_err(corrupt)?;
    // Decoding and writing run on two threads: writing the database out (a copy into the
    // page cache) costs about half as much as decoding it, and whoever opens a file waits
    // for both. Chunks go to the writer through a short queue and come back for reuse.
    let total = std::thread::scope(|scope| -> Result<u64> {
        let (full, to_write) = mpsc::sync_channel::<Vec<u8>>(2);
        let (empty, reusable) = mpsc::channel::<Vec<u8>>();
        let writer = scope.spawn(move || -> io::Result<()> {
            for chunk in to_write {
                out.write_all(&chunk)?;
                let _ = empty.send(chunk);
            }
            Ok(())
        });
        let decoded = (|| -> Result<u64> {
            let mut total = 0u64;
            loop {
                let mut chunk = reusable.try_recv().unwrap_or_default();
                chunk.resize(CHUNK, 0);
                let n = read_up_to(&mut decoder, &mut chunk).map_err(corrupt)?;
                total += n as u64;
                if total > limits.max_decoded {
                    return Err(Error::TooLarge {
                        path: src.into(),
                        limit: limits.max_decoded,
                    });
                }
                chunk.truncate(n);
                // A closed queue means the writer failed: its error is reported below.
                if n == 0 || full.send(chunk).is_err() || n < CHUNK {
                    return Ok(total);
                }
            }
        })();
        drop(full);
        let written = writer
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        let total = decoded?;
        written.map_err(|e| Error::io(out_path, e))?;
        Ok(total)
    })?;
    if total == 0 {
        return Err(Error::Corrupt {
            path: src.into(),
            reason: "the compressed stream is empty".into(),
        });
    }
    Ok(total)
}

/// Writes `C1ZF\0` and the zstd-compressed content of `db` (with a content checksum, as
/// Go's encoder writes) to `out`.
pub(crate) fn compress(db: &Path, out: &mut impl Write, out_path: &Path) -> Result<()> {
    let mut input = File::open(db).map_err(|e| Error::io(db, e))?;
    let write_err = |e: io::Error| Error::io(out_path, e);
    out.write_all(&MAGIC).map_err(write_err)?;
    let mut encoder =
        zstd::stream::write::Encoder::new(out, COMPRESSION_LEVEL).map_err(write_err)?;
    encoder.include_checksum(true).map_err(write_err)?;
    // Still one frame, so every decoder reads it; the workers only split the input into
    // jobs. Compression is the last step before the rename, so it is on the sync's path.
    encoder
        .multithread(compression_workers())
        .map_err(write_err)?;
    let mut buf = vec![0u8; 1 << 17];
    loop {
        let n = match input.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(Error::io(db, e)),
        };
        encoder.write_all(&buf[..n]).map_err(write_err)?;
    }
    encoder.finish().map_err(write_err)?;
    Ok(())
}

/// zstd worker threads: one per core, up to four (each worker holds its own buffers, and
/// more would only wait on reading the database).
fn compression_workers() -> u32 {
    std::thread::available_parallelism().map_or(1, |n| n.get().min(4) as u32)
}

/// Reads until `buf` is full or the input ends; returns how many bytes were read.
fn read_up_to(input: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match input.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

/// The largest window log whose window fits `max_window`, within zstd's bounds.
fn window_log(max_window: u64) -> u32 {
    max_window.max(1).ilog2().clamp(10, 31)
}

/// Rejects a first frame whose declared window or content size is over the limits, without
/// consuming input (the header is peeked from the buffer).
fn check_frame_header(src: &Path, input: &mut BufReader<File>, limits: Limits) -> Result<()> {
    use std::io::BufRead;
    let header = input.fill_buf().map_err(|e| Error::io(src, e))?;
    let corrupt = |reason: &str| Error::Corrupt {
        path: src.into(),
        reason: reason.into(),
    };
    if header.len() < 6 {
        return Err(corrupt("the compressed stream is truncated"));
    }
    if header[..4] != ZSTD_FRAME_MAGIC {
        return Err(corrupt("the content after the header is not a zstd stream"));
    }
    let descriptor = FrameDescriptor::parse(&header[4..])
        .ok_or_else(|| corrupt("the zstd frame header is truncated"))?;
    if let Some(size) = descriptor.content_size
        && size > limits.max_decoded
    {
        return Err(Error::TooLarge {
            path: src.into(),
            limit: limits.max_decoded,
        });
    }
    if descriptor.window > limits.max_window {
        return Err(Error::WindowTooLarge {
            path: src.into(),
            window: descriptor.window,
            limit: limits.max_window,
        });
    }
    Ok(())
}

/// The parts of a zstd frame header that bound decoding cost (RFC 8878 §3.1.1.1).
struct FrameDescriptor {
    window: u64,
    content_size: Option<u64>,
}

impl FrameDescriptor {
    /// Parses the header that follows the frame magic; `None` if it is cut short.
    fn parse(bytes: &[u8]) -> Option<Self> {
        let flags = *bytes.first()?;
        let fcs_flag = flags >> 6;
        let single_segment = flags & 0x20 != 0;
        let dict_id_len = [0usize, 1, 2, 4][usize::from(flags & 0x03)];
        let fcs_len = match fcs_flag {
            0 if single_segment => 1,
            0 => 0,
            1 => 2,
            2 => 4,
            _ => 8,
        };
        let mut at = 1;
        let declared_window = if single_segment {
            None
        } else {
            let descriptor = *bytes.get(at)?;
            at += 1;
            let log = 10 + u32::from(descriptor >> 3);
            let base = 1u64 << log;
            Some(base + (base / 8) * u64::from(descriptor & 7))
        };
        at += dict_id_len;
        let content_size = if fcs_len == 0 {
            None
        } else {
            let field = bytes.get(at..at + fcs_len)?;
            let mut le = [0u8; 8];
            le[..fcs_len].copy_from_slice(field);
            let value = u64::from_le_bytes(le);
            // The 2-byte form is stored minus 256.
            Some(if fcs_len == 2 { value + 256 } else { value })
        };
        // A single-segment frame's window is its content size.
        let window = declared_window.or(content_size)?;
        Some(FrameDescriptor {
            window,
            content_size,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frame_header_reports_window_and_content_size() {
        // Go's v0.3.12 encoder: checksum only, window log 23 (8 MiB).
        let go = FrameDescriptor::parse(&[0x04, 0x68]).expect("complete header");
        assert_eq!((go.window, go.content_size), (8 << 20, None));
        // Single segment with a 1-byte content size of 200.
        let small = FrameDescriptor::parse(&[0x20, 200]).expect("complete header");
        assert_eq!((small.window, small.content_size), (200, Some(200)));
        // Window exponent 1, mantissa 1: 2 KiB + 1/8; 2-byte content size is offset by 256.
        let fcs2 = FrameDescriptor::parse(&[0x40, 0x09, 0x00, 0x01]).expect("complete header");
        assert_eq!((fcs2.window, fcs2.content_size), (2048 + 256, Some(512)));
        assert!(FrameDescriptor::parse(&[0x00]).is_none());
    }

    #[test]
    fn window_log_rounds_down_within_zstd_bounds() {
        assert_eq!(window_log(128 << 20), 27);
        assert_eq!(window_log((128 << 20) + 5), 27);
        assert_eq!(window_log(1), 10);
    }
}
