//! The desk benchmark lands with the frame-budget work; see BENCHMARKS.md.

fn main() {
    divan::main();
}
