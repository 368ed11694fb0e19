//! Any small folder (pages, fixtures with fuzzed bytes, links, folders,
//! sockets, names that are not UTF-8): the queue lists exactly its pages,
//! once each, in natural order, reads every status without panicking, and
//! gives each page the state the desk gives it (a fixture the desk refuses
//! is damaged, one it reads has its status). See `common/queue_folder.rs`.
#![no_main]

#[path = "../common/queue_folder.rs"]
mod queue_folder;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _pages = queue_folder::check(data);
});
