//! The web-archive reader: each WARC response record whose payload is an HTML page is read
//! as a saved page (`.warc`, `.warc.gz`: gzip members one after another, as crawlers write
//! them).
//!
//! The record header block is parsed by the `warc` crate's parser; the framing is done
//! here, streaming: a record's block is read through a `Take` of its `Content-Length`, and
//! only an HTML payload within the size limit is kept. The page's URL is the record's
//! `WARC-Target-URI`; `WARC-Date` is the date when the page gives none. Records that are
//! not HTML responses are skipped and counted in the summary. A broken record is one error
//! and reading goes on at the next line that starts a record (`WARC/`).
//!
//! **Invariant:** memory stays within one header block (at most [`MAX_HEADER_BYTES`]) and
//! one page (at most the size limit), whatever the archive's size; record `i` (counted
//! from 0, every record type) is named `file.warc.gz[i]` in messages.

use std::io::{self, BufRead, Read};

use chrono::{DateTime, NaiveDate};

use super::html::read_html_with;
use super::input::{decode, ReadSummary};
use super::Article;
use crate::error::{Error, Result};

/// The largest WARC header block read; a longer one is a broken record.
pub(crate) const MAX_HEADER_BYTES: usize = 64 * 1024;

/// Whether a file name says web archive (`.warc`, `.warc.gz`).
pub(crate) fn is_warc_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".warc") || lower.ends_with(".warc.gz")
}

/// The records of one archive, read as articles.
pub(crate) struct WarcRecords<R> {
    name: String,
    reader: R,
    limit: usize,
    index: usize,
    counts: Counts,
    summary: ReadSummary,
    done: bool,
}

/// What an archive held, for the summary line.
#[derive(Debug, Default)]
struct Counts {
    pages: usize,
    not_html: usize,
    other_records: usize,
    failed: usize,
}

/// One record's header fields that matter here.
struct RecordHead {
    warc_type: String,
    content_length: u64,
    target_uri: Option<String>,
    date: Option<NaiveDate>,
    content_type: String,
}

impl<R: BufRead> WarcRecords<R> {
    /// Reads the (already decompressed) archive in `reader`; `name` names it in messages and
    /// the summary gets one line about it at the end.
    pub(crate) fn new(name: impl Into<String>, reader: R, limit: usize, summary: ReadSummary) -> Self {
        WarcRecords { name: name.into(), reader, limit, index: 0, counts: Counts::default(), summary, done: false }
    }

    fn record_name(&self) -> String {
        format!("{}[{}]", self.name, self.index)
    }

    /// Reads the header block of the next record; `Ok(None)` at the end of the archive.
    fn head(&mut self) -> Result<Option<RecordHead>> {
        let mut block = Vec::new();
        loop {
            let before = block.len();
            let n = (&mut self.reader)
                .take((MAX_HEADER_BYTES + 1 - block.len().min(MAX_HEADER_BYTES)) as u64)
                .read_until(b'\n', &mut block)
                .map_err(|source| Error::Io { path: self.record_name().into(), source })?;
            if n == 0 {
                if block.iter().all(u8::is_ascii_whitespace) {
                    return Ok(None);
                }
                return Err(self.broken("the archive ends inside a record header"));
            }
            if before == 0 && block.iter().all(u8::is_ascii_whitespace) {
                block.clear(); // Blank lines between records.
                continue;
            }
            if block.len() > MAX_HEADER_BYTES {
                return Err(self.broken("record header over 64 KiB"));
            }
            if block.ends_with(b"\r\n\r\n") || block.ends_with(b"\n\n") {
                break;
            }
        }
        let Ok((_, (_, fields, content_length))) = warc::parser::headers(&block) else {
            return Err(self.broken("not a WARC record header"));
        };
        let field = |name: &str| -> Option<String> {
            fields
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .map(|(_, v)| String::from_utf8_lossy(v).trim().to_owned())
        };
        if field("content-length").is_none() {
            return Err(self.broken("record without Content-Length"));
        }
        Ok(Some(RecordHead {
            warc_type: field("warc-type").unwrap_or_default().to_ascii_lowercase(),
            content_length: content_length as u64,
            target_uri: field("warc-target-uri").map(|u| u.trim_matches(['<', '>']).to_owned()),
            date: field("warc-date").and_then(|d| DateTime::parse_from_rfc3339(&d).ok()).map(|d| d.date_naive()),
            content_type: field("content-type").unwrap_or_default().to_ascii_lowercase(),
        }))
    }

    /// A broken-record error; reading goes on at the next record.
    fn broken(&self, reason: &str) -> Error {
        Error::BadRecord { input: self.record_name(), reason: format!("broken WARC record: {reason}") }
    }

    /// Skips to the next line that starts a record (`WARC/`), or the end.
    fn resync(&mut self) -> io::Result<()> {
        loop {
            let buf = self.reader.fill_buf()?;
            if buf.is_empty() || buf.starts_with(b"WARC/") {
                return Ok(());
            }
            let line_end = buf.iter().position(|b| *b == b'\n').map_or(buf.len(), |p| p + 1);
            self.reader.consume(line_end);
        }
    }

    /// Reads one record's block: the page, `Ok(None)` for a record that is not an HTML page.
    fn page(&mut self, head: &RecordHead) -> Result<Option<Article>> {
        let name = self.record_name();
        let io_error = |source| Error::Io { path: name.clone().into(), source };
        let mut block = (&mut self.reader).take(head.content_length);
        let result = match head.warc_type.as_str() {
            "response" if head.content_type.starts_with("application/http") => {
                read_http_page(&mut block, &name, self.limit)
            }
            "resource" if is_html_type(&head.content_type) => read_limited(&mut block, &name, self.limit).map(Some),
            _ => Ok(None),
        };
        // The rest of the block, then the two line ends that close the record.
        io::copy(&mut block, &mut io::sink()).map_err(io_error)?;
        if block.limit() > 0 {
            return Err(Error::BadRecord { input: name, reason: "the archive ends inside a record".into() });
        }
        let mut end = [0u8; 4];
        let n = read_up_to(&mut self.reader, &mut end).map_err(io_error)?;
        if end[..n].iter().any(|b| !b.is_ascii_whitespace()) {
            return Err(self.broken("record longer than its Content-Length"));
        }
        let Some(html) = result? else {
            if head.warc_type == "response" {
                self.counts.not_html += 1;
            } else {
                self.counts.other_records += 1;
            }
            return Ok(None);
        };
        self.counts.pages += 1;
        let mut article = read_html_with(&name, &html, head.target_uri.as_deref())?;
        if article.metadata.date.is_none() {
            article.metadata.date = head.date;
        }
        Ok(Some(article))
    }

    fn finish(&mut self) {
        self.done = true;
        let c = &self.counts;
        let mut line = format!("{}: {} HTML page{}", self.name, c.pages, if c.pages == 1 { "" } else { "s" });
        if c.not_html > 0 {
            line.push_str(&format!(", {} responses not HTML skipped", c.not_html));
        }
        if c.other_records > 0 {
            line.push_str(&format!(", {} other records (request, metadata...) skipped", c.other_records));
        }
        if c.failed > 0 {
            line.push_str(&format!(", {} records failed", c.failed));
        }
        self.summary.note(line);
    }
}

impl<R: BufRead> Iterator for WarcRecords<R> {
    type Item = Result<Article>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            let result = match self.head() {
                Ok(None) => {
                    self.finish();
                    return None;
                }
                // The archive itself cannot be read on: the error, and the end.
                Err(e @ Error::Io { .. }) => Err(e).inspect_err(|_| self.done = true),
                Err(e) => Err(e),
                Ok(Some(head)) => self.page(&head),
            };
            self.index += 1;
            match result {
                Ok(None) => continue,
                Ok(Some(article)) => return Some(Ok(article)),
                Err(e) => {
                    self.counts.failed += 1;
                    if self.done || self.resync().is_err() {
                        self.finish();
                    }
                    return Some(Err(e));
                }
            }
        }
        None
    }
}

/// Reads into `buf` until it is full or the input ends; the number of bytes read.
fn read_up_to(reader: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match reader.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

fn is_html_type(content_type: &str) -> bool {
    let mime = content_type.split(';').next().unwrap_or("").trim();
    mime == "text/html" || mime == "application/xhtml+xml"
}

/// An HTTP response's payload when it is an HTML page (`Ok(None)` otherwise).
fn read_http_page(block: &mut impl BufRead, name: &str, limit: usize) -> Result<Option<String>> {
    let bad = |reason: String| Error::BadRecord { input: name.to_owned(), reason };
    // The response head: status line and headers, up to the blank line.
    let mut head = Vec::new();
    loop {
        let n = block
            .take((MAX_HEADER_BYTES + 1 - head.len().min(MAX_HEADER_BYTES)) as u64)
            .read_until(b'\n', &mut head)
            .map_err(|source| Error::Io { path: name.into(), source })?;
        if head.ends_with(b"\r\n\r\n") || head.ends_with(b"\n\n") {
            break;
        }
        if n == 0 || head.len() > MAX_HEADER_BYTES {
            return Err(bad("broken WARC record: no complete HTTP response head".into()));
        }
    }
    let mut headers = [httparse::EMPTY_HEADER; 128];
    let mut response = httparse::Response::new(&mut headers);
    if !matches!(response.parse(&head), Ok(httparse::Status::Complete(_))) {
        return Err(bad("broken WARC record: the HTTP response head does not parse".into()));
    }
    let header = |key: &str| -> String {
        response
            .headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(key))
            .map(|h| String::from_utf8_lossy(h.value).trim().to_ascii_lowercase())
            .unwrap_or_default()
    };
    if !is_html_type(&header("content-type")) {
        return Ok(None);
    }
    if header("transfer-encoding").contains("chunked") {
        return Err(bad("chunked HTTP payload in a WARC record (not supported)".into()));
    }
    let text = match header("content-encoding").as_str() {
        "" | "identity" => read_limited(block, name, limit)?,
        "gzip" | "x-gzip" => read_limited(&mut io::BufReader::new(flate2::read::GzDecoder::new(block)), name, limit)?,
        "deflate" => read_limited(&mut io::BufReader::new(flate2::read::ZlibDecoder::new(block)), name, limit)?,
        other => return Err(bad(format!("HTTP payload compressed as {other:?} (not supported)"))),
    };
    Ok(Some(text))
}

/// Reads a payload as text, refusing what is over `limit` (read through, to say how large).
fn read_limited(reader: &mut impl BufRead, name: &str, limit: usize) -> Result<String> {
    let io_error = |source| Error::Io { path: name.into(), source };
    let mut bytes = Vec::new();
    reader.take(limit as u64 + 1).read_to_end(&mut bytes).map_err(io_error)?;
    if bytes.len() > limit {
        let rest = io::copy(reader, &mut io::sink()).map_err(io_error)?;
        return Err(Error::TooLarge { input: name.to_owned(), size: bytes.len() + rest as usize, limit });
    }
    decode(name, bytes, limit)
}
