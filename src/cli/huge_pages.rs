//! Transparent huge pages for the heap only when the work is large.
//!
//! mimalloc asks the kernel for huge pages on its arena (`madvise`), so the
//! first touches of the heap fault in 2 MiB pages that the kernel zeroes
//! whole: three of them, about 0.4 ms, for `symdiff "x^2" x`, whose own
//! work takes a tenth of that. On a large input they pay back: the 20 000
//! term polynomial of the benchmarks (W7) runs about a quarter faster with
//! them. So the process starts with huge pages off, from before the first
//! allocation, and turns them on for the batch modes and a large
//! expression; the arena keeps the allocator's advice, so from then on its
//! fresh 2 MiB ranges fault in as huge pages again.

/// Bytes of expression from which the heap gets huge pages: the 13 kB
/// network loss of the benchmarks (W5, a 61-variable gradient) grows a
/// 14 MB heap, where 2 400 small-page faults cost about what 17 huge ones
/// do; the 3.5 kB Rosenbrock Hessian (W4) takes 635 small faults instead
/// of 7 huge ones (0.3 ms less).
pub const LARGE_INPUT: usize = 8 * 1024;

/// Whether the process may get transparent huge pages (Linux only; a no-op
/// elsewhere, and where the kernel refuses).
fn set_huge_pages(allowed: bool) {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE only sets a flag of this process's memory
    // map; it reads and writes no memory of ours.
    unsafe {
        libc::prctl(
            libc::PR_SET_THP_DISABLE,
            libc::c_ulong::from(!allowed),
            0 as libc::c_ulong,
            0 as libc::c_ulong,
            0 as libc::c_ulong,
        );
    }
    #[cfg(not(target_os = "linux"))]
    let _ = allowed;
}

/// Huge pages back on, for work large enough to pay for them.
pub fn allow() {
    set_huge_pages(true);
}

extern "C" fn off_at_start() {
    set_huge_pages(false);
}

// Run by the C runtime before `main`: the standard library's set-up makes
// the first allocation, which reserves and touches the allocator's arena.
#[cfg(target_os = "linux")]
#[used]
#[link_section = ".init_array"]
static OFF_AT_START: extern "C" fn() = off_at_start;
