//! The store's lock: one writer, or any number of readers, across processes.
//!
//! A writer takes an advisory lock on [`LOCK_FILE`] inside the store folder exclusively and
//! writes its PID there; a reader takes it shared. Oxigraph reading a store that another
//! process writes is undefined behaviour (it crashed in our tests), so a reader during a
//! write, or a writer during a read, is refused with a [`LockError`] that names the other
//! process. The lock is the kernel's, so it goes away with the process however it ends (a
//! leftover file is harmless).
//!
//! **Invariant:** a store folder is opened by Oxigraph only while this process holds its
//! lock (exclusive for writing, shared for reading), except on media where no lock file
//! can be made, where no writer can work either.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Write};
use std::path::Path;
use std::time::{Duration, Instant};

/// The file inside a store folder that a writer holds locked, with its PID in it.
pub const LOCK_FILE: &str = "newskg.lock";

/// How long a writer waits for readers to finish before it gives up.
const READERS_WAIT: Duration = Duration::from_secs(5);

/// Why the store's lock could not be taken.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    /// The lock file could not be opened, locked or written.
    #[error("{LOCK_FILE}: {0}")]
    File(#[source] std::io::Error),
    /// A writer was refused: another writer holds the store (its PID when it could be read).
    #[error("{}; one writer at a time, and not while others read", in_use_by(.pid))]
    HeldByWriter { pid: Option<u32> },
    /// A reader was refused: a writer holds the store.
    #[error(
        "{} that is writing it; reading a store while it is written is unsafe, so try again when it has \
         finished (or query through `newskg serve --writable`)",
        in_use_by(.pid)
    )]
    BeingWritten { pid: Option<u32> },
    /// A writer was refused: readers held the store for longer than it waits.
    #[error(
        "store in use by other newskg processes that are reading it (query, export, stats or serve); a store \
         is written only when nothing reads it (or through `newskg serve --writable`)"
    )]
    HeldByReaders,
}

fn in_use_by(pid: &Option<u32>) -> String {
    match pid {
        Some(pid) => format!("store in use by another newskg process (PID {pid})"),
        None => "store in use by another newskg process".to_owned(),
    }
}

/// Takes the writer's lock of the store in `folder` (exclusive) and writes this process's
/// PID into it. Readers are waited for a little (queries are short); another writer is not.
pub(super) fn lock_writer(folder: &Path) -> Result<File, LockError> {
    let file_path = folder.join(LOCK_FILE);
    let mut file = open_lock_file(&file_path).map_err(LockError::File)?;
    let started = Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => break,
            Err(TryLockError::WouldBlock) => {
                // Readers hold the lock shared, a writer exclusively: a shared lock of our
                // own tells which.
                let readers = File::open(&file_path).is_ok_and(|f| f.try_lock_shared().is_ok());
                if readers && started.elapsed() < READERS_WAIT {
                    std::thread::sleep(Duration::from_millis(50));
                    continue;
                }
                return Err(if readers {
                    LockError::HeldByReaders
                } else {
                    LockError::HeldByWriter { pid: holder_pid(&file_path) }
                });
            }
            Err(TryLockError::Error(e)) => return Err(LockError::File(e)),
        }
    }
    file.set_len(0).map_err(LockError::File)?;
    file.write_all(format!("{}\n", std::process::id()).as_bytes()).map_err(LockError::File)?;
    file.flush().map_err(LockError::File)?;
    Ok(file)
}

/// Takes the store's lock shared, for a reader. A store whose folder cannot hold a lock
/// file (read-only media) is read without one: no writer can lock it either.
pub(super) fn lock_reader(folder: &Path) -> Result<Option<File>, LockError> {
    let file_path = folder.join(LOCK_FILE);
    let Ok(file) = open_lock_file(&file_path).or_else(|_| File::open(&file_path)) else { return Ok(None) };
    match file.try_lock_shared() {
        Ok(()) => Ok(Some(file)),
        Err(TryLockError::WouldBlock) => Err(LockError::BeingWritten { pid: holder_pid(&file_path) }),
        Err(TryLockError::Error(e)) => Err(LockError::File(e)),
    }
}

/// Opens the lock file for reading and writing, creating it if needed (its content, a
/// writer's PID, is left as it is).
fn open_lock_file(file_path: &Path) -> std::io::Result<File> {
    OpenOptions::new().read(true).write(true).create(true).truncate(false).open(file_path)
}

/// The PID written in a held lock file. The holder writes it just after locking, so a
/// reader may come in between: look again a few times before giving up.
fn holder_pid(file_path: &Path) -> Option<u32> {
    for _ in 0..20 {
        let mut s = String::new();
        if File::open(file_path).and_then(|mut f| f.read_to_string(&mut s)).is_ok() {
            if let Ok(pid) = s.trim().parse() {
                return Some(pid);
            }
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    None
}
