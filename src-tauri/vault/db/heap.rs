//! SQLite's heap, kept in locked memory and wiped on every free, without a system call
//! per allocation.
//!
//! SQLCipher's `cipher_memory_security` gives the same two promises (every SQLite
//! allocation locked against swap, every free wiped) by wrapping each `malloc` in
//! `mlock` and each `free` in a wipe and `munlock`. Each of those calls splits or merges
//! the process's memory mappings in the kernel: about three quarters of a search's time
//! went there. This allocator gives the promises another way, and is installed under
//! SQLCipher's wrapper (`SQLITE_CONFIG_MALLOC` before SQLite initialises; SQLCipher then
//! wraps it and, with memory security left off, passes every call through):
//!
//! - **Locked.** Blocks up to [`MAX_SMALL`] bytes come from one arena, an anonymous
//!   mapping locked chunk by chunk as it is first used and never unlocked; freed blocks
//!   stay in it for reuse (one free list per size class). Larger blocks (and any block
//!   once the arena's 64 MiB reservation is used up) get a mapping of their own that is
//!   locked when made and unmapped when freed: what SQLCipher does, but without
//!   unlocking a page another live block shares.
//! - **Wiped.** Every block is zeroed when it is freed (and a reallocated block when it
//!   moves), before it can be reused or unmapped.
//! - Kept out of core dumps (`MADV_DONTDUMP`, Linux), besides the process being made
//!   non-dumpable at start.
//!
//! As with SQLCipher's wrapper, locking is "as far as the OS allows": when a lock is
//! refused (Linux allows an unprivileged process 8 MiB by default) the memory is still
//! used, and still wiped on free; each new arena chunk asks again. SQLite's lookaside slots
//! (small per-connection allocations carved from one block) are reused without a wipe,
//! as they are under SQLCipher's wrapper; the block itself is locked and is wiped when
//! its connection closes.

use std::ffi::{c_int, c_void};
use std::ptr;
use std::sync::atomic::{compiler_fence, AtomicBool, Ordering};
use std::sync::Mutex;

use rusqlite::ffi;

/// Bytes before every block: its usable size, its size class and the free-list link.
const HEADER: usize = 16;
/// Largest block served from the arena; larger ones get their own mapping.
const MAX_SMALL: usize = 64 * 1024;
/// Address space reserved for the arena (only what is used is ever backed by memory).
const ARENA_RESERVE: usize = 64 * 1024 * 1024;
/// The arena is locked this much at a time as it grows.
const LOCK_CHUNK: usize = 256 * 1024;
/// Size classes: 16-byte steps up to 1 KiB, then 8 per doubling up to [`MAX_SMALL`].
const SMALL_STEPS: usize = 64;
const CLASSES: usize = SMALL_STEPS + 6 * 8;
/// The class of a block with its own mapping.
const OWN_MAPPING: u32 = u32::MAX;

static INSTALLED: AtomicBool = AtomicBool::new(false);
static ARENA: Mutex<Arena> = Mutex::new(Arena::EMPTY);

#[repr(C)]
struct Header {
    /// Usable bytes after the header.
    size: u32,
    /// Size class, or [`OWN_MAPPING`].
    class: u32,
    /// Next free block of the same class (only while free).
    next: *mut Header,
}

struct Arena {
    /// Start of the reserved range (null until first use, or if reserving failed).
    base: *mut u8,
    /// Next unused byte.
    top: usize,
    /// Bytes from `base` that have been locked (or tried).
    prepared: usize,
    /// Set when the reservation failed or is used up: no more growth.
    full: bool,
    free: [*mut Header; CLASSES],
}

// The raw pointers point into memory this module owns; the mutex serialises access.
unsafe impl Send for Arena {}

impl Arena {
    const EMPTY: Arena = Arena {
        base: ptr::null_mut(),
        top: 0,
        prepared: 0,
        full: false,
        free: [ptr::null_mut(); CLASSES],
    };

    /// A block of class `class` (usable size `size`) from the free list or the unused
    /// end of the arena; `None` when the arena's reservation is used up.
    fn take(&mut self, class: usize, size: usize) -> Option<*mut Header> {
        let head = self.free[class];
        if !head.is_null() {
            // SAFETY: free-list entries are blocks of this arena with a valid header.
            self.free[class] = unsafe { (*head).next };
            return Some(head);
        }
        if self.full {
            return None;
        }
        if self.base.is_null() {
            self.base = reserve(ARENA_RESERVE)?;
        }
        let need = HEADER + size;
        if self.top + need > ARENA_RESERVE {
            self.full = true;
            return None;
        }
        while self.top + need > self.prepared {
            let len = LOCK_CHUNK.min(ARENA_RESERVE - self.prepared);
            // SAFETY: the range lies inside the reservation. A refused lock (the OS's
            // limit on locked memory) leaves the chunk usable, as SQLCipher's wrapper
            // does; the next chunk tries again.
            unsafe { libc::mlock(self.base.add(self.prepared).cast(), len) };
            self.prepared += len;
        }
        // SAFETY: `top + need` is within the reservation.
        let block = unsafe { self.base.add(self.top) }.cast::<Header>();
        self.top += need;
        Some(block)
    }
}

/// Maps `len` bytes of private, zeroed memory (not yet backed), kept out of core dumps.
fn reserve(len: usize) -> Option<*mut u8> {
    // SAFETY: an anonymous private mapping; checked for failure.
    let p = unsafe {
        libc::mmap(
            ptr::null_mut(),
            len,
            libc::PROT_READ | libc::PROT_WRITE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE,
            -1,
            0,
        )
    };
    if p == libc::MAP_FAILED {
        return None;
    }
    #[cfg(target_os = "linux")]
    // SAFETY: advice on the mapping just made.
    unsafe {
        libc::madvise(p, len, libc::MADV_DONTDUMP);
    }
    Some(p.cast())
}

/// The size class and usable size for a request of `n` bytes, or `None` above
/// [`MAX_SMALL`].
fn class_of(n: usize) -> Option<(usize, usize)> {
    let n = n.max(1);
    if n <= SMALL_STEPS * 16 {
        let class = n.div_ceil(16) - 1;
        return Some((class, (class + 1) * 16));
    }
    if n > MAX_SMALL {
        return None;
    }
    // 2^k < n <= 2^(k+1), k in 10..=15; eight steps of 2^k / 8.
    let k = (usize::BITS - 1 - (n - 1).leading_zeros()) as usize;
    let step = (1usize << k) / 8;
    let sub = (n - (1 << k)).div_ceil(step);
    Some((SMALL_STEPS + (k - 10) * 8 + sub - 1, (1 << k) + sub * step))
}

fn page_size() -> usize {
    // SAFETY: sysconf has no preconditions.
    usize::try_from(unsafe { libc::sysconf(libc::_SC_PAGESIZE) }).unwrap_or(4096).max(4096)
}

/// A block with its own locked mapping (large, or the arena is exhausted).
fn own_mapping(n: usize) -> *mut Header {
    let page = page_size();
    let Some(len) = (HEADER + n).checked_next_multiple_of(page) else { return ptr::null_mut() };
    let Ok(size) = u32::try_from(len - HEADER) else { return ptr::null_mut() };
    let Some(p) = reserve(len) else { return ptr::null_mut() };
    // SAFETY: the mapping just made. A refused lock leaves it usable (as SQLCipher's).
    unsafe { libc::mlock(p.cast(), len) };
    let block = p.cast::<Header>();
    // SAFETY: the mapping is at least one page, writable.
    unsafe { block.write(Header { size, class: OWN_MAPPING, next: ptr::null_mut() }) };
    block
}

/// Zeroes `len` bytes at `p` in a way the compiler keeps.
///
/// # Safety
/// `p..p+len` must be writable memory of this module.
unsafe fn wipe(p: *mut u8, len: usize) {
    // SAFETY: per the contract.
    unsafe { ptr::write_bytes(p, 0, len) };
    compiler_fence(Ordering::SeqCst);
    std::hint::black_box(p);
}

fn user(block: *mut Header) -> *mut c_void {
    // SAFETY: every block has its header followed by its usable bytes.
    unsafe { block.cast::<u8>().add(HEADER).cast() }
}

/// # Safety
/// `p` must come from [`xmalloc`]/[`xrealloc`] and not be freed.
unsafe fn header(p: *mut c_void) -> *mut Header {
    // SAFETY: per the contract, a header precedes `p`.
    unsafe { p.cast::<u8>().sub(HEADER).cast() }
}

fn alloc(n: usize) -> *mut c_void {
    if let Some((class, size)) = class_of(n) {
        let mut arena = ARENA.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(block) = arena.take(class, size) {
            // `class < CLASSES` and `size <= MAX_SMALL` fit in u32.
            // SAFETY: `block` is a free block of at least HEADER + size bytes.
            unsafe {
                block.write(Header {
                    size: size as u32,
                    class: class as u32,
                    next: ptr::null_mut(),
                })
            };
            return user(block);
        }
    }
    let block = own_mapping(n);
    if block.is_null() {
        return ptr::null_mut();
    }
    user(block)
}

/// # Safety
/// `p` must be null or come from [`alloc`] and not be freed.
unsafe fn free(p: *mut c_void) {
    if p.is_null() {
        return;
    }
    // SAFETY: per the contract.
    let block = unsafe { header(p) };
    // SAFETY: the header of a live block.
    let (size, class) = unsafe { ((*block).size as usize, (*block).class) };
    // SAFETY: the usable bytes of a live block.
    unsafe { wipe(p.cast(), size) };
    if class == OWN_MAPPING {
        // SAFETY: the whole mapping of this block; unmapping also unlocks it.
        unsafe { libc::munmap(block.cast(), HEADER + size) };
        return;
    }
    let mut arena = ARENA.lock().unwrap_or_else(|e| e.into_inner());
    let class = class as usize;
    // SAFETY: the header of the block being freed.
    unsafe { (*block).next = arena.free[class] };
    arena.free[class] = block;
}

unsafe extern "C" fn xmalloc(n: c_int) -> *mut c_void {
    alloc(usize::try_from(n).unwrap_or(0))
}

unsafe extern "C" fn xfree(p: *mut c_void) {
    // SAFETY: SQLite frees only what it allocated here.
    unsafe { free(p) }
}

unsafe extern "C" fn xrealloc(p: *mut c_void, n: c_int) -> *mut c_void {
    if p.is_null() {
        return alloc(usize::try_from(n).unwrap_or(0));
    }
    let Ok(n) = usize::try_from(n) else { return ptr::null_mut() };
    if n == 0 {
        // SAFETY: a live block of ours.
        unsafe { free(p) };
        return ptr::null_mut();
    }
    // SAFETY: a live block of ours.
    let old = unsafe { (*header(p)).size as usize };
    if n <= old {
        return p;
    }
    let new = alloc(n);
    if !new.is_null() {
        // SAFETY: both blocks are live and at least `old` bytes long; `free` wipes `p`.
        unsafe {
            ptr::copy_nonoverlapping(p.cast::<u8>(), new.cast::<u8>(), old);
            free(p);
        }
    }
    new
}

unsafe extern "C" fn xsize(p: *mut c_void) -> c_int {
    if p.is_null() {
        return 0;
    }
    // SAFETY: a live block of ours.
    c_int::try_from(unsafe { (*header(p)).size }).unwrap_or(c_int::MAX)
}

unsafe extern "C" fn xroundup(n: c_int) -> c_int {
    let n = usize::try_from(n).unwrap_or(0);
    let size = class_of(n).map_or(n.next_multiple_of(8), |(_, size)| size);
    c_int::try_from(size).unwrap_or(c_int::MAX)
}

unsafe extern "C" fn xinit(_: *mut c_void) -> c_int {
    ffi::SQLITE_OK
}

unsafe extern "C" fn xshutdown(_: *mut c_void) {}

/// Makes this SQLite's allocator. Works only before SQLite has initialised (before the
/// process's first connection); returns whether it is (now) installed.
pub(super) fn install() -> bool {
    if INSTALLED.load(Ordering::SeqCst) {
        return true;
    }
    let methods = ffi::sqlite3_mem_methods {
        xMalloc: Some(xmalloc),
        xFree: Some(xfree),
        xRealloc: Some(xrealloc),
        xSize: Some(xsize),
        xRoundup: Some(xroundup),
        xInit: Some(xinit),
        xShutdown: Some(xshutdown),
        pAppData: ptr::null_mut(),
    };
    // SAFETY: SQLite copies the structure; it refuses (SQLITE_MISUSE) once initialised.
    let rc = unsafe { ffi::sqlite3_config(ffi::SQLITE_CONFIG_MALLOC, &methods) };
    let ok = rc == ffi::SQLITE_OK;
    if ok {
        INSTALLED.store(true, Ordering::SeqCst);
    }
    ok
}

/// Whether SQLite allocates through this module in this process.
pub(crate) fn installed() -> bool {
    INSTALLED.load(Ordering::SeqCst)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether the page holding `p` is locked, from the mapping's flags in
    /// `/proc/self/smaps` (`lo` = VM_LOCKED).
    #[cfg(target_os = "linux")]
    fn locked(p: *const c_void) -> bool {
        let addr = p as usize;
        let smaps = std::fs::read_to_string("/proc/self/smaps").unwrap();
        let mut inside = false;
        for line in smaps.lines() {
            if let Some((range, _)) = line.split_once(' ') {
                if let Some((a, b)) = range.split_once('-') {
                    if let (Ok(a), Ok(b)) =
                        (usize::from_str_radix(a, 16), usize::from_str_radix(b, 16))
                    {
                        inside = a <= addr && addr < b;
                        continue;
                    }
                }
            }
            if inside {
                if let Some(flags) = line.strip_prefix("VmFlags:") {
                    return flags.split_whitespace().any(|f| f == "lo");
                }
            }
        }
        false
    }

    #[test]
    fn classes_fit_every_size_and_waste_little() {
        let mut last = (0, 0);
        for n in 1..=MAX_SMALL {
            let (class, size) = class_of(n).unwrap();
            assert!(class < CLASSES && size >= n && size % 16 == 0, "{n}");
            assert!(size <= n + 15 || size as f64 <= n as f64 * 1.125 + 1.0, "{n} -> {size}");
            assert!(class >= last.0 && size >= last.1, "{n}: classes grow with size");
            last = (class, size);
        }
        assert_eq!(class_of(MAX_SMALL + 1), None);
        assert_eq!(last.0, CLASSES - 1);
    }

    /// Writes `len` bytes of 0xA5 to a fresh block, frees it and returns what the
    /// freed bytes hold then.
    fn after_free(len: usize) -> (Option<Vec<u8>>, bool) {
        // SAFETY: the block is ours; after the free its arena memory stays mapped (a
        // large block's mapping is gone, so only arena blocks are read back).
        unsafe {
            let p = xmalloc(len as c_int);
            assert!(!p.is_null());
            assert!(xsize(p) as usize >= len);
            #[cfg(target_os = "linux")]
            let was_locked = locked(p);
            #[cfg(not(target_os = "linux"))]
            let was_locked = true;
            ptr::write_bytes(p.cast::<u8>(), 0xA5, len);
            let small = (*header(p)).class != OWN_MAPPING;
            xfree(p);
            let bytes = if small { freed_bytes(p, len) } else { Some(vec![0; len]) };
            (bytes, was_locked)
        }
    }

    /// The first `len` bytes of the freed arena block `p`, or `None` when another
    /// thread's allocation has taken it again meanwhile (it is then no longer free).
    ///
    /// # Safety
    /// `p` must be an arena block of this module that was freed.
    unsafe fn freed_bytes(p: *mut c_void, len: usize) -> Option<Vec<u8>> {
        let arena = ARENA.lock().unwrap();
        // SAFETY: per the contract; arena memory stays mapped, and while the lock is
        // held a block on a free list cannot be taken.
        unsafe {
            let block = header(p);
            let mut free = arena.free[(*block).class as usize];
            while !free.is_null() && free != block {
                free = (*free).next;
            }
            (free == block).then(|| std::slice::from_raw_parts(p.cast::<u8>(), len).to_vec())
        }
    }

    #[test]
    fn blocks_are_locked_while_used_and_wiped_when_freed() {
        for len in [1, 24, 100, 1000, 4096 + 300, 40_000, MAX_SMALL, MAX_SMALL + 1, 1 << 20] {
            // Other tests' connections may take a freed block again at once; try again.
            let (bytes, was_locked) =
                (0..100).map(|_| after_free(len)).find(|(b, _)| b.is_some()).unwrap();
            assert!(was_locked, "{len} bytes: not locked");
            assert!(bytes.unwrap().iter().all(|&b| b == 0), "{len} bytes: not wiped");
        }
    }

    #[test]
    fn realloc_keeps_the_content_and_wipes_the_old_block() {
        let mut checked = false;
        for _ in 0..100 {
            // SAFETY: blocks of ours; the old block's arena memory stays mapped.
            unsafe {
                let p = xmalloc(40);
                ptr::write_bytes(p.cast::<u8>(), 0x5A, 40);
                let q = xrealloc(p, 3000);
                assert_ne!(p, q);
                assert!(std::slice::from_raw_parts(q.cast::<u8>(), 40).iter().all(|&b| b == 0x5A));
                let old = freed_bytes(p, 40);
                assert_eq!(xrealloc(q, 100), q, "shrinking keeps the block");
                xfree(q);
                // Another test's connection may have taken the old block again; retry.
                if let Some(old) = old {
                    assert!(old.iter().all(|&b| b == 0), "the old block is wiped");
                    checked = true;
                    break;
                }
            }
        }
        assert!(checked);
    }
}
