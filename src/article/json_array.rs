//! A JSON array of records read record by record, like JSONL: the array is never held
//! whole, and the size limit applies to each record, not to the file.
//!
//! A byte scanner finds where each element of the top-level array ends (tracking strings,
//! escapes and bracket depth, without recursion); each element is then parsed on its own.
//!
//! **Invariant:** memory stays within one record (at most the limit plus one byte is kept
//! of an oversized record, which is read through and reported); record `i` is named
//! `file.json[i]` in messages, as when the whole array was parsed.

use std::io::{BufRead, ErrorKind};

use super::input::decode;
use super::json::read_json_record;
use super::Article;
use crate::error::{Error, Result};

/// The records of a JSON array, read from `reader` one at a time.
pub(crate) struct ArrayRecords<R> {
    name: String,
    reader: R,
    limit: usize,
    index: usize,
    state: State,
}

#[derive(Debug, PartialEq, Eq)]
enum State {
    /// Before the opening `[`.
    Start,
    /// Inside the array, before an element (or the closing `]`).
    Elements,
    Done,
}

/// One element's bytes as scanned.
struct Element {
    bytes: Vec<u8>,
    /// Its full size (more than was kept when over the limit).
    size: usize,
    /// Whether the array ended right after it (`]`), or the input did.
    last: bool,
}

impl<R: BufRead> ArrayRecords<R> {
    /// Reads the array in `reader` (which starts at the array, a byte order mark and white
    /// space allowed); `name` names the input in messages.
    pub(crate) fn new(name: impl Into<String>, reader: R, limit: usize) -> Self {
        ArrayRecords { name: name.into(), reader, limit, index: 0, state: State::Start }
    }

    fn io_error(&mut self, source: std::io::Error) -> Error {
        self.state = State::Done;
        Error::Io { path: format!("{}[{}]", self.name, self.index).into(), source }
    }

    /// The next byte that is not white space (consumed), or `None` at the end.
    fn next_token(&mut self) -> std::io::Result<Option<u8>> {
        loop {
            let buf = match self.reader.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if buf.is_empty() {
                return Ok(None);
            }
            let skip = buf.iter().take_while(|b| b.is_ascii_whitespace()).count();
            if skip < buf.len() {
                let b = buf[skip];
                self.reader.consume(skip + 1);
                return Ok(Some(b));
            }
            let n = buf.len();
            self.reader.consume(n);
        }
    }

    /// Scans one element starting with `first` (already consumed), up to and including
    /// the `,` or `]` that ends it.
    fn element(&mut self, first: u8) -> std::io::Result<Element> {
        let mut scan = Scanner::default();
        let mut e = Element { bytes: Vec::new(), size: 0, last: true };
        if let Some(closing) = scan.step(first) {
            e.last = closing;
            return Ok(e);
        }
        e.bytes.push(first);
        e.size = 1;
        loop {
            let buf = match self.reader.fill_buf() {
                Ok(b) => b,
                Err(err) if err.kind() == ErrorKind::Interrupted => continue,
                Err(err) => return Err(err),
            };
            if buf.is_empty() {
                return Ok(e);
            }
            let end = buf.iter().position(|&b| {
                scan.step(b).is_some_and(|closing| {
                    e.last = closing;
                    true
                })
            });
            let used = end.unwrap_or(buf.len());
            let keep = used.min(self.limit.saturating_add(1).saturating_sub(e.bytes.len()));
            e.bytes.extend_from_slice(&buf[..keep]);
            e.size += used;
            self.reader.consume(end.map_or(used, |i| i + 1));
            if end.is_some() {
                return Ok(e);
            }
        }
    }
}

/// Where an array element ends: at a `,` or `]` outside strings and nested brackets.
#[derive(Default)]
struct Scanner {
    depth: usize,
    in_string: bool,
    escaped: bool,
}

impl Scanner {
    /// Takes one byte; `Some(closing)` when it ends the element (`closing`: it was `]`).
    fn step(&mut self, b: u8) -> Option<bool> {
        if self.in_string {
            match (self.escaped, b) {
                (true, _) => self.escaped = false,
                (false, b'\\') => self.escaped = true,
                (false, b'"') => self.in_string = false,
                _ => {}
            }
            return None;
        }
        match b {
            b'"' => self.in_string = true,
            b'{' | b'[' => self.depth += 1,
            b'}' | b']' if self.depth > 0 => self.depth -= 1,
            b',' | b']' if self.depth == 0 => return Some(b == b']'),
            _ => {}
        }
        None
    }
}

impl<R: BufRead> Iterator for ArrayRecords<R> {
    type Item = Result<Article>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            match self.state {
                State::Done => return None,
                State::Start => match self.next_token() {
                    Ok(Some(b'[')) => self.state = State::Elements,
                    // A byte order mark (EF BB BF) before the array.
                    Ok(Some(0xEF)) => {
                        let mut bom = [0u8; 2];
                        if let Err(e) = self.reader.read_exact(&mut bom) {
                            return Some(Err(self.io_error(e)));
                        }
                    }
                    Ok(_) => {
                        self.state = State::Done;
                        let reason = "invalid JSON: expected an array of records".to_owned();
                        return Some(Err(Error::BadRecord { input: self.name.clone(), reason }));
                    }
                    Err(e) => return Some(Err(self.io_error(e))),
                },
                State::Elements => {
                    let first = match self.next_token() {
                        // The end, also after a trailing comma.
                        Ok(Some(b']')) => {
                            self.state = State::Done;
                            return None;
                        }
                        Ok(Some(b)) => b,
                        Ok(None) => {
                            self.state = State::Done;
                            let reason = "invalid JSON: the array is not closed".to_owned();
                            return Some(Err(Error::BadRecord { input: self.name.clone(), reason }));
                        }
                        Err(e) => return Some(Err(self.io_error(e))),
                    };
                    let element = match self.element(first) {
                        Ok(e) => e,
                        Err(e) => return Some(Err(self.io_error(e))),
                    };
                    let input = format!("{}[{}]", self.name, self.index);
                    self.index += 1;
                    if element.last {
                        self.state = State::Done;
                    }
                    let size = element.size;
                    if size > self.limit {
                        return Some(Err(Error::TooLarge { input, size, limit: self.limit }));
                    }
                    return Some(decode(&input, element.bytes, self.limit).and_then(|t| read_json_record(&input, &t)));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: &str, limit: usize) -> Vec<std::result::Result<String, String>> {
        ArrayRecords::new("a.json", std::io::Cursor::new(json.as_bytes().to_vec()), limit)
            .map(|r| r.map(|a| a.text).map_err(|e| e.to_string()))
            .collect()
    }

    #[test]
    fn records_are_read_one_by_one_with_brackets_and_commas_inside_strings() {
        let json = "\u{feff} [ {\"body\": \"One, [two] \\\"three\\\" {four}\", \"x\": [1, {\"y\": 2}]},\n{\"body\":\"Five.\"} ]";
        assert_eq!(read(json, 1000), [Ok("One, [two] \"three\" {four}".to_owned()), Ok("Five.".to_owned())]);
        assert!(read("[]", 10).is_empty());
    }

    #[test]
    fn the_limit_is_per_record_and_a_bad_record_fails_alone() {
        let big = format!("{{\"body\": \"{}\"}}", "x".repeat(500));
        let json = format!("[{{\"body\": \"A.\"}}, {big}, 42, {{\"body\": \"B.\"}}, {{broken");
        let r = read(&json, 100);
        assert_eq!(r[0], Ok("A.".to_owned()));
        assert_eq!(
            r[1],
            Err("a.json[1]: article is 512 bytes, over the limit of 100 bytes (--max-article-bytes), skipped".into())
        );
        assert_eq!(r[2], Err("a.json[2]: a record must be a JSON object".into()));
        assert_eq!(r[3], Ok("B.".to_owned()));
        assert!(r[4].as_ref().unwrap_err().starts_with("a.json[4]: invalid JSON"), "{r:?}");
        assert_eq!(r.len(), 5);
        assert_eq!(read("{\"body\": 1}", 100), [Err("a.json: invalid JSON: expected an array of records".into())]);
        assert_eq!(
            read("[{\"body\": \"A.\"},", 100).last(),
            Some(&Err("a.json: invalid JSON: the array is not closed".into()))
        );
    }
}
