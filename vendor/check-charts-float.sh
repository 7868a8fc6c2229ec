#!/usr/bin/env bash
# Checks vendor/charts-rs's patched `write_float_to` against the formatting it replaces, for
# every f32 below 1.1e7 in magnitude and every 4,099th bit pattern above (~2.5 billion
# values; a few minutes on 2 cores). Needs rustc and python3.
set -euo pipefail
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$work/main.rs" <<'PY'
import sys
s = open("charts-rs/src/charts/util.rs").read()
start = s.index("/// `{:.1}` of an `f32` fits here")  # FloatBuf and its Write impl, then write_float_to
end = s.index("/// Formats a coordinate or size with at most one decimal")
code = s[start:end].replace("pub(crate) fn", "fn")
open(sys.argv[1], "w").write("use std::fmt::{self, Write as _};\n" + code + r'''
/// The original: `{:.1}` with a trailing ".0" cut.
fn reference(value: f32) -> String {
    if !value.is_finite() {
        return "0".into();
    }
    let mut s = format!("{:.1}", value);
    if s.ends_with(".0") {
        s.truncate(s.len() - 2);
    }
    s
}

fn main() {
    let args: Vec<u32> = std::env::args().skip(1).map(|a| a.parse().unwrap()).collect();
    let (part, parts) = (args[0], args[1]);
    let (mut out, mut checked, mut bits) = (String::new(), 0u64, part);
    loop {
        let v = f32::from_bits(bits);
        if v.abs() < 1.1e7 || !v.is_finite() || bits % 4099 == 0 {
            out.clear();
            write_float_to(&mut out, v).unwrap();
            let expected = reference(v);
            if out != expected {
                println!("MISMATCH {bits:#x} ({v:e}): {out} instead of {expected}");
                std::process::exit(1);
            }
            checked += 1;
        }
        match bits.checked_add(parts) {
            Some(b) => bits = b,
            None => break,
        }
    }
    println!("part {part}/{parts}: {checked} values give the same string");
}
''')
PY
rustc -O -o "$work/check" "$work/main.rs"
parts=$(nproc)
pids=()
for part in $(seq 0 $((parts - 1))); do "$work/check" "$part" "$parts" & pids+=($!); done
status=0
for pid in "${pids[@]}"; do wait "$pid" || status=1; done
exit $status
