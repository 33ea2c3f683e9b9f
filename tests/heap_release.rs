//! `mend::release_free_heap`, run after locking and after the check that follows an
//! unlock: memory the process has freed goes back to the system, so what it held (text
//! that was decrypted for the window) no longer stays mapped in the process.
//!
//! One test in this file on purpose: it reads the process's resident size, which other
//! tests running beside it would change.

#![cfg(all(target_os = "linux", target_env = "gnu"))]

/// Resident pages of this process, in bytes.
fn resident() -> usize {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap();
    let pages: usize = statm.split_whitespace().nth(1).unwrap().parse().unwrap();
    pages * 4096
}

#[test]
fn freed_heap_pages_go_back_to_the_system() {
    const MIB: usize = 1 << 20;
    // 40 MiB in small blocks (below glibc's mmap threshold, so they come from the heap),
    // each page written, then one more block on top so that freeing the rest cannot
    // simply shrink the heap from its end.
    let blocks: Vec<Vec<u8>> = (0..10_240).map(|i| vec![(i % 251) as u8 + 1; 4096]).collect();
    let on_top = vec![7u8; 4096];
    let full = resident();
    drop(blocks);
    let freed = resident();
    mend::release_free_heap();
    let released = resident();
    assert!(
        freed > released + 30 * MIB,
        "resident: {} MiB with the blocks, {} MiB after freeing them, {} MiB after release",
        full / MIB,
        freed / MIB,
        released / MIB
    );
    assert_eq!(on_top[4095], 7);
}
