//! Packs the ranked word lists of `data/` into one brotli stream in `OUT_DIR` (Mend: the
//! plain lists were 794 KB of the binary; packed, 349 KB).
use std::{env, fs, path::Path};

/// Same order as `DictionaryType` is filled in `src/frequency_lists.rs`.
const LISTS: [&str; 6] = [
    "passwords",
    "english_wiki",
    "female_names",
    "surnames",
    "us_tv_and_film",
    "male_names",
];

fn main() {
    let mut joined = String::new();
    for (i, name) in LISTS.iter().enumerate() {
        let path = format!("data/{name}.txt");
        println!("cargo:rerun-if-changed={path}");
        let text = fs::read_to_string(&path).expect("a word list");
        if i > 0 {
            joined.push('\0');
        }
        joined.push_str(text.strip_suffix('\n').unwrap_or(&text));
    }
    let mut packed = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 24,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut joined.as_bytes(), &mut packed, &params).expect("brotli");
    let out = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("frequency_lists.br");
    fs::write(out, packed).expect("write the packed lists");
}
