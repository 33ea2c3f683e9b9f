//! The ranked word lists, compressed at build time (`build.rs`: the six lists of `data/`,
//! brotli, 794 KB to 349 KB) and unpacked once, on first use.
use crate::HashMap;

/// The lists in the order `build.rs` packs them, each a `\n`-separated list, `\0` between.
static PACKED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/frequency_lists.br"));

#[derive(Copy, Clone, Debug, Eq, PartialEq, Hash, Default)]
#[cfg_attr(feature = "ser", derive(serde::Deserialize, serde::Serialize))]
pub enum DictionaryType {
    #[default]
    Passwords,
    English,
    FemaleNames,
    MaleNames,
    Surnames,
    UsTvAndFilm,
    UserInputs,
}

lazy_static! {
    pub(crate) static ref RANKED_DICTIONARIES: HashMap<DictionaryType, HashMap<&'static str, usize>> = {
        let mut text = Vec::new();
        brotli::BrotliDecompress(&mut &PACKED[..], &mut text).expect("the packed word lists");
        let text: &'static str = Box::leak(
            String::from_utf8(text)
                .expect("UTF-8 word lists")
                .into_boxed_str(),
        );
        let order = [
            DictionaryType::Passwords,
            DictionaryType::English,
            DictionaryType::FemaleNames,
            DictionaryType::Surnames,
            DictionaryType::UsTvAndFilm,
            DictionaryType::MaleNames,
        ];
        let lists: Vec<&'static str> = text.split('\0').collect();
        assert_eq!(lists.len(), order.len());
        let mut dicts = HashMap::with_capacity_and_hasher(6, Default::default());
        for (kind, list) in order.into_iter().zip(lists) {
            dicts.insert(
                kind,
                list.split('\n')
                    .enumerate()
                    .map(|(i, x)| (x, i + 1))
                    .collect(),
            );
        }
        dicts
    };
}
