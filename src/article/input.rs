//! Turning command-line inputs (files, directories, `-` for stdin) into a stream of
//! articles. One bad input gives one error in the stream and the stream goes on.
//!
//! Invariant: inputs are read one at a time (JSONL line by line, a JSON array record by
//! record, a web archive record by record), so memory stays flat however large the batch;
//! directories are walked in sorted order, so runs are repeatable.

use std::collections::VecDeque;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use super::json_array::ArrayRecords;
use super::warc::{is_warc_name, WarcRecords};
use super::{read_html, read_json, read_jsonl_line, read_plain, Article};
use crate::error::{Error, Result};

/// How an input's content is to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    /// Plain text (wire copy, Wikinews, or bare prose).
    Text,
    /// One JSON record or an array of records.
    Json,
    /// One JSON record per line.
    Jsonl,
    /// A saved HTML page.
    Html,
    /// A web archive (WARC, plain or gzipped): its HTML response records.
    Warc,
}

impl InputFormat {
    /// The format a file name's extension stands for; `None` for extensions newskg does
    /// not read (those files are skipped when a directory is walked).
    pub fn from_path(path: &Path) -> Option<Self> {
        if path.file_name().and_then(|n| n.to_str()).is_some_and(is_warc_name) {
            return Some(InputFormat::Warc);
        }
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(InputFormat::Text),
            "json" => Some(InputFormat::Json),
            "jsonl" | "ndjson" => Some(InputFormat::Jsonl),
            "html" | "htm" => Some(InputFormat::Html),
            _ => None,
        }
    }

    /// Guesses from content: `{` or `[` first means JSON (JSONL if several lines each
    /// start with `{`), `<!DOCTYPE html` or `<html` means HTML, anything else is text.
    fn sniff(text: &str) -> Self {
        let t = text.trim_start_matches('\u{feff}').trim_start();
        // Bytes, not a lower-cased copy: a head cut inside a character would copy the text.
        let starts = |tag: &[u8]| t.as_bytes().get(..tag.len()).is_some_and(|h| h.eq_ignore_ascii_case(tag));
        if starts(b"<!doctype html") || starts(b"<html") {
            return InputFormat::Html;
        }
        if t.starts_with('[') {
            return InputFormat::Json;
        }
        if t.starts_with('{') {
            let mut lines = t.lines().filter(|l| !l.trim().is_empty());
            lines.next();
            return match lines.next() {
                Some(l) if l.trim_start().starts_with('{') => InputFormat::Jsonl,
                _ => InputFormat::Json,
            };
        }
        InputFormat::Text
    }
}

/// The default of [`ReadOptions::max_article_bytes`] (and of `--max-article-bytes`).
pub const DEFAULT_MAX_ARTICLE_BYTES: usize = 8 * 1024 * 1024;

/// Options for reading inputs.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Articles (files, JSON records, archived pages) larger than this are skipped with an
    /// error.
    pub max_article_bytes: usize,
    /// Forces a format instead of guessing from extensions and content.
    pub format: Option<InputFormat>,
    /// Where the readers leave lines for the end of the run.
    pub summary: ReadSummary,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions { max_article_bytes: DEFAULT_MAX_ARTICLE_BYTES, format: None, summary: ReadSummary::default() }
    }
}

/// Lines the readers leave for the end of a run (what a web archive held and what was
/// skipped), shared by the clones of one [`ReadOptions`].
#[derive(Debug, Clone, Default)]
pub struct ReadSummary(Arc<Mutex<Vec<String>>>);

impl ReadSummary {
    pub(crate) fn note(&self, line: String) {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).push(line);
    }

    /// The lines left so far, in the order they were left (then forgotten).
    pub fn take(&self) -> Vec<String> {
        std::mem::take(&mut *self.0.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

/// Reads every input in order: files, directories (walked recursively, by extension, in
/// sorted order) and `-` (stdin). Yields one item per article or per failure.
pub fn read_inputs(inputs: &[PathBuf], options: ReadOptions) -> impl Iterator<Item = Result<Article>> {
    Inputs { pending: inputs.iter().cloned().collect(), walked: VecDeque::new(), current: Current::None, options }
}

/// A reader of an input, as the input is read.
type Source = BufReader<Box<dyn Read>>;

enum Current {
    None,
    Ready(std::vec::IntoIter<Result<Article>>),
    Jsonl { name: String, reader: Source, line_no: usize },
    Array(ArrayRecords<Source>),
    Warc(WarcRecords<Source>),
}

struct Inputs {
    pending: VecDeque<PathBuf>,
    walked: VecDeque<PathBuf>,
    current: Current,
    options: ReadOptions,
}

impl Iterator for Inputs {
    type Item = Result<Article>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            match &mut self.current {
                Current::Ready(items) => {
                    if let Some(item) = items.next() {
                        return Some(item);
                    }
                }
                Current::Jsonl { name, reader, line_no } => {
                    let limit = self.options.max_article_bytes;
                    let mut buf = Vec::new();
                    match read_line_bounded(reader, &mut buf, limit) {
                        Ok(Some(size)) => {
                            *line_no += 1;
                            let input = format!("{name}:{line_no}");
                            if size > limit {
                                return Some(Err(Error::TooLarge { input, size, limit }));
                            }
                            let line = match String::from_utf8(buf) {
                                Ok(line) => line,
                                Err(e) => {
                                    let offset = e.utf8_error().valid_up_to();
                                    return Some(Err(Error::InvalidUtf8 { input, offset }));
                                }
                            };
                            if line.trim().is_empty() {
                                continue;
                            }
                            return Some(read_jsonl_line(name, *line_no, &line));
                        }
                        Ok(None) => {}
                        Err(source) => {
                            let err = Error::Io { path: PathBuf::from(format!("{name}:{}", *line_no + 1)), source };
                            self.current = Current::None;
                            return Some(Err(err));
                        }
                    }
                }
                Current::Array(records) => {
                    if let Some(item) = records.next() {
                        return Some(item);
                    }
                }
                Current::Warc(records) => {
                    if let Some(item) = records.next() {
                        return Some(item);
                    }
                }
                Current::None => {}
            }
            self.current = Current::None;
            let path = match self.walked.pop_front() {
                Some(p) => p,
                None => {
                    let p = self.pending.pop_front()?;
                    if p.is_dir() {
                        match walk(&p) {
                            Ok(files) => self.walked.extend(files),
                            Err(e) => return Some(Err(e)),
                        }
                        continue;
                    }
                    p
                }
            };
            self.current = self.open(&path);
        }
    }
}

/// Reads the next line (without its `\n` or `\r\n`) into `buf`, keeping at most
/// `limit + 1` bytes of it: a longer line is read through but not kept, so memory stays
/// bounded whatever the input. Returns the line's full length, or `None` at the end.
fn read_line_bounded(reader: &mut impl BufRead, buf: &mut Vec<u8>, limit: usize) -> std::io::Result<Option<usize>> {
    buf.clear();
    let (mut size, mut any) = (0usize, false);
    loop {
        let available = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            break;
        }
        any = true;
        let (chunk, end) = match available.iter().position(|b| *b == b'\n') {
            Some(i) => (&available[..i], true),
            None => (available, false),
        };
        let keep = chunk.len().min((limit + 1).saturating_sub(buf.len()));
        buf.extend_from_slice(&chunk[..keep]);
        size += chunk.len();
        let used = chunk.len() + usize::from(end);
        reader.consume(used);
        if end {
            break;
        }
    }
    if !any {
        return Ok(None);
    }
    if buf.last() == Some(&b'\r') && buf.len() == size {
        buf.pop();
        size -= 1;
    }
    Ok(Some(size))
}

impl Inputs {
    fn open(&self, path: &Path) -> Current {
        let stdin = is_stdin(path);
        let name = path.display().to_string();
        let limit = self.options.max_article_bytes;
        let format = self.options.format.or_else(|| if stdin { None } else { InputFormat::from_path(path) });
        let (mut reader, size) = match open_source(path) {
            Ok(r) => r,
            Err(e) => return ready(Err(e)),
        };
        match format {
            Some(InputFormat::Jsonl) => return Current::Jsonl { name, reader, line_no: 0 },
            Some(InputFormat::Warc) => {
                let gzipped = match reader.fill_buf() {
                    Ok(head) => head.starts_with(&[0x1f, 0x8b]),
                    Err(source) => return ready(Err(Error::Io { path: path.to_owned(), source })),
                };
                let reader: Source =
                    if gzipped { BufReader::new(Box::new(flate2::read::MultiGzDecoder::new(reader))) } else { reader };
                return Current::Warc(WarcRecords::new(name, reader, limit, self.options.summary.clone()));
            }
            Some(InputFormat::Json) | None if starts_array(&mut reader) => {
                return Current::Array(ArrayRecords::new(name, reader, limit));
            }
            _ => {}
        }
        let text = match read_text(reader, size, path, &name, limit) {
            Ok(t) => t,
            Err(e) => return ready(Err(e)),
        };
        match format.unwrap_or_else(|| InputFormat::sniff(&text)) {
            InputFormat::Text => ready(Ok(read_plain(&name, text))),
            InputFormat::Html => ready(read_html(&name, &text)),
            InputFormat::Json => Current::Ready(read_json(&name, &text).into_iter()),
            InputFormat::Jsonl | InputFormat::Warc => Current::Ready(
                text.lines()
                    .enumerate()
                    .filter(|(_, l)| !l.trim().is_empty())
                    .map(|(i, l)| read_jsonl_line(&name, i + 1, l))
                    .collect::<Vec<_>>()
                    .into_iter(),
            ),
        }
    }
}

/// Opens a file or stdin for reading, with the file's size when known.
fn open_source(path: &Path) -> Result<(Source, Option<u64>)> {
    if is_stdin(path) {
        return Ok((BufReader::new(Box::new(std::io::stdin())), None));
    }
    let io = |source| Error::Io { path: path.to_owned(), source };
    let file = File::open(path).map_err(io)?;
    let size = file.metadata().map_err(io)?.len();
    Ok((BufReader::with_capacity(64 * 1024, Box::new(file)), Some(size)))
}

/// Whether the input's first buffer shows a JSON array (`[` first, after a byte order
/// mark and white space); nothing is consumed.
fn starts_array(reader: &mut Source) -> bool {
    let Ok(head) = reader.fill_buf() else { return false };
    let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    head.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[')
}

/// Whether an input path names standard input (`-`).
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

fn ready(item: Result<Article>) -> Current {
    Current::Ready(vec![item].into_iter())
}

/// Reads a whole input as text, refusing what is too large, binary, not UTF-8 or empty.
fn read_text(mut reader: Source, size: Option<u64>, path: &Path, name: &str, limit: usize) -> Result<String> {
    let io = |source| Error::Io { path: path.to_owned(), source };
    if let Some(size) = size.filter(|s| *s > limit as u64) {
        return Err(Error::TooLarge { input: name.to_owned(), size: size as usize, limit });
    }
    let mut bytes = Vec::new();
    (&mut reader).take(limit as u64 + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() > limit {
        // Too large: read the rest through, only to say how large.
        let rest = std::io::copy(&mut reader, &mut std::io::sink()).map_err(io)?;
        return Err(Error::TooLarge { input: name.to_owned(), size: bytes.len() + rest as usize, limit });
    }
    decode(name, bytes, limit)
}

/// Checks raw bytes and turns them into the article text.
pub(crate) fn decode(name: &str, bytes: Vec<u8>, limit: usize) -> Result<String> {
    if bytes.len() > limit {
        return Err(Error::TooLarge { input: name.to_owned(), size: bytes.len(), limit });
    }
    if let Some(offset) = bytes.iter().position(|b| *b == 0) {
        return Err(Error::Binary { input: name.to_owned(), offset });
    }
    let text = String::from_utf8(bytes)
        .map_err(|e| Error::InvalidUtf8 { input: name.to_owned(), offset: e.utf8_error().valid_up_to() })?;
    if text.trim().is_empty() {
        return Err(Error::Empty { input: name.to_owned() });
    }
    Ok(text)
}

/// The readable files below a directory, sorted by path.
fn walk(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|e| Error::Io {
            path: e.path().unwrap_or(dir).to_owned(),
            source: e.into_io_error().unwrap_or_else(|| std::io::Error::other("directory loop")),
        })?;
        if entry.file_type().is_file() && InputFormat::from_path(entry.path()).is_some() {
            files.push(entry.into_path());
        }
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_names_the_problem() {
        let e = decode("x", b"ab\xffcd".to_vec(), 100).unwrap_err().to_string();
        assert_eq!(e, "x: not valid UTF-8 (first bad byte at offset 2)");
        assert!(matches!(decode("x", b"a\0b".to_vec(), 100), Err(Error::Binary { offset: 1, .. })));
        assert!(matches!(decode("x", b" \n\t".to_vec(), 100), Err(Error::Empty { .. })));
        assert!(matches!(decode("x", vec![b'a'; 101], 100), Err(Error::TooLarge { .. })));
    }

    #[test]
    fn lines_are_read_whole_up_to_the_limit_and_measured_beyond_it() {
        let mut r = std::io::Cursor::new(b"ab\r\nabcdef\n\nlast".to_vec());
        let mut buf = Vec::new();
        assert_eq!(read_line_bounded(&mut r, &mut buf, 2).unwrap(), Some(2));
        assert_eq!(buf, b"ab", "a line of exactly the limit, without its CRLF");
        assert_eq!(read_line_bounded(&mut r, &mut buf, 2).unwrap(), Some(6));
        assert_eq!(buf, b"abc", "only limit + 1 bytes are kept");
        assert_eq!(read_line_bounded(&mut r, &mut buf, 2).unwrap(), Some(0));
        assert_eq!(read_line_bounded(&mut r, &mut buf, 8).unwrap(), Some(4));
        assert_eq!(buf, b"last");
        assert_eq!(read_line_bounded(&mut r, &mut buf, 8).unwrap(), None);
    }

    #[test]
    fn sniffing_tells_json_jsonl_and_text() {
        assert_eq!(InputFormat::sniff("[{}]"), InputFormat::Json);
        assert_eq!(InputFormat::sniff("{\"a\":\n1}"), InputFormat::Json);
        assert_eq!(InputFormat::sniff("{}\n{}\n"), InputFormat::Jsonl);
        assert_eq!(InputFormat::sniff("Hello"), InputFormat::Text);
        assert_eq!(InputFormat::sniff("\n<!DOCTYPE html><html>"), InputFormat::Html);
        assert_eq!(InputFormat::sniff("<HTML lang=en>"), InputFormat::Html);
        assert_eq!(InputFormat::from_path(Path::new("a/b.HTM")), Some(InputFormat::Html));
    }
}
