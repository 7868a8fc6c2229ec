//! The fuzz harnesses (`fuzz/harness.rs`) run in every `cargo test`, without nightly or
//! cargo-fuzz: over the committed seeds in `fuzz/corpus/<target>/`, and over a few thousand
//! deterministic pseudo-random mutations of them (the same kinds libFuzzer makes: flip, insert,
//! delete, duplicate, splice in tokens of the formats). Real fuzzing is `cargo fuzz run`; see
//! fuzz/README.md. This keeps every input a fuzzer ever broke us with (saved as a seed) fixed.

#[path = "../fuzz/harness.rs"]
mod harness;

use std::path::Path;

/// Tokens that matter to the formats, spliced into inputs so mutations reach deep code.
const TOKENS: &[&str] = &[
    "+++\n",
    "+++\r\n",
    "\u{feff}",
    "\r\n",
    "\n=====\n",
    "[[responses]]\n",
    "answers = { ",
    "desired = { ",
    "doelen-1 = ",
    "loket-vorm = ",
    "\"integraal\"",
    "respondents = ",
    "partner = \"cwi\"\n",
    "role = \"management\"\n",
    "date = 2007-02-30\n",
    "1e308",
    "-0.0",
    "nan",
    "inf",
    "9999999999999999999",
    "[x](",
    "](../../",
    "](@/notes/a.md#",
    "<script>",
    "<img src=x onerror=alert(1)>",
    "javascript:",
    "data:text/html,",
    "[^1]",
    "[^1]: ",
    "{#",
    "\n## ",
    "\n# ",
    "| a |\n|---|\n",
    "```\n",
    "~~",
    "\u{308}",
    "é",
    "\u{200b}",
    "\0",
];

/// xorshift64*: small, deterministic, good enough to pick mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

fn mutate(seed: &[u8], others: &[Vec<u8>], rng: &mut Rng) -> Vec<u8> {
    let mut data = seed.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(data.len() + 1);
        match rng.below(7) {
            0 if !data.is_empty() => {
                let i = rng.below(data.len());
                data[i] ^= 1 << rng.below(8);
            }
            1 => {
                let token = TOKENS[rng.below(TOKENS.len())].as_bytes();
                data.splice(at..at, token.iter().copied());
            }
            2 if !data.is_empty() => {
                let end = (at + 1 + rng.below(64)).min(data.len());
                data.drain(at.min(end)..end);
            }
            3 if !data.is_empty() => {
                let start = rng.below(data.len());
                let end = (start + 1 + rng.below(256)).min(data.len());
                let chunk = data[start..end].to_vec();
                data.splice(at..at, chunk);
            }
            4 => {
                let other = &others[rng.below(others.len())];
                let start = rng.below(other.len() + 1);
                let end = (start + rng.below(512)).min(other.len());
                data.splice(at..at, other[start..end].iter().copied());
            }
            5 => data.truncate(at),
            _ => {
                let byte = (rng.next() & 0xff) as u8;
                data.insert(at, byte);
            }
        }
    }
    data
}

fn seeds(target: &str) -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("read {}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("seed-"))
        })
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no seeds in {}", dir.display());
    files.iter().map(|p| std::fs::read(p).unwrap()).collect()
}

/// Runs `harness` over the seeds and `mutations` mutants; on a panic, names the input so it
/// can be saved as a seed and debugged with `cargo fuzz run <target> <file>`.
fn replay(target: &str, mutations: usize, harness: fn(&[u8])) {
    let seeds = seeds(target);
    let mut rng = Rng(0x5eed_0000_0000_0001 ^ target.len() as u64);
    let mut inputs: Vec<Vec<u8>> = seeds.clone();
    for i in 0..mutations {
        let seed = &seeds[i % seeds.len()];
        // Mutate a mutant now and then, to get further from the seeds.
        let base = if i % 3 == 2 {
            inputs[inputs.len() - 1].clone()
        } else {
            seed.clone()
        };
        inputs.push(mutate(&base, &seeds, &mut rng));
    }
    for (i, input) in inputs.iter().enumerate() {
        let outcome = std::panic::catch_unwind(|| harness(input));
        if outcome.is_err() {
            let path = std::env::temp_dir().join(format!("spiegel-fuzz-{target}-{i}"));
            let _ = std::fs::write(&path, input);
            panic!(
                "{target}: input #{i} broke the harness; saved to {}",
                path.display()
            );
        }
    }
}

#[test]
fn split_survives_the_seeds_and_their_mutations() {
    replay("split", 20_000, harness::split_target);
}

#[test]
fn results_parsing_and_checking_survive_the_seeds_and_their_mutations() {
    replay("results", 1_500, harness::results_target);
}

#[test]
fn markdown_rendering_survives_the_seeds_and_their_mutations() {
    replay("markdown", 5_000, harness::markdown_target);
}
