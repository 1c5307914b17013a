//! Fuzz target: see `iml_ls_fuzz::fix_loop` for what one input means.
#![cfg_attr(fuzzing, no_main)]

#[cfg(fuzzing)]
libfuzzer_sys::fuzz_target!(|data: &[u8]| iml_ls_fuzz::fix_loop(data));

#[cfg(not(fuzzing))]
fn main() {
    iml_ls_fuzz::replay(iml_ls_fuzz::fix_loop);
}
