//! Behaviour of the checker on the cases the design calls out, the wire format, and
//! property tests (offsets always valid, no panic on any input).

use super::*;
use proptest::prelude::*;

fn kinds(text: &str) -> Vec<&'static str> {
    let mut k: Vec<&str> = check(text).findings.iter().map(|f| f.kind.as_str()).collect();
    k.dedup();
    k
}

fn assert_offsets_valid(text: &str, report: &Report) {
    let chars: Vec<char> = text.chars().collect();
    for f in &report.findings {
        assert!(f.start < f.end && f.end <= chars.len(), "bad span {f:?}");
        let excerpt: String = chars[f.start..f.end].iter().collect();
        assert_eq!(f.excerpt, excerpt);
        assert!(!f.why.is_empty() && !f.suggestion.is_empty());
    }
}

mod each_kind_is_found {
    use super::*;

    #[test]
    fn conditional() {
        assert_eq!(kinds("I'm sorry if you were hurt."), ["conditional"]);
        assert_eq!(kinds("If anything I did upset you, I apologize."), ["conditional"]);
    }

    #[test]
    fn feelings_deflection() {
        assert_eq!(kinds("I'm sorry you feel that way."), ["feelings_deflection"]);
    }

    #[test]
    fn but_clause_in_the_sentence_and_after_it() {
        assert_eq!(kinds("I'm sorry, but you have to see my side."), ["but_clause"]);
        assert_eq!(kinds("I apologize. But there were reasons."), ["but_clause"]);
    }

    #[test]
    fn blame_shift() {
        assert_eq!(kinds("You made me do it."), ["blame_shift"]);
        assert_eq!(
            kinds("If you hadn't pushed me away, this would never have happened."),
            ["blame_shift"]
        );
    }

    #[test]
    fn minimizing() {
        assert_eq!(kinds("It was just a kiss."), ["minimizing"]);
        assert_eq!(kinds("I only texted her."), ["minimizing"]);
        assert_eq!(kinds("Honestly, it wasn't a big deal."), ["minimizing"]);
    }

    #[test]
    fn passive_voice() {
        assert_eq!(kinds("Mistakes were made."), ["passive_voice"]);
    }

    #[test]
    fn excuse() {
        assert_eq!(kinds("I was so stressed at work."), ["excuse"]);
    }

    #[test]
    fn vague() {
        assert_eq!(kinds("I'm sorry for everything."), ["vague"]);
        assert_eq!(kinds("Sorry for whatever I did."), ["vague"]);
    }

    #[test]
    fn timeline_pressure() {
        assert_eq!(kinds("Why aren't you over this yet?"), ["timeline_pressure"]);
        assert_eq!(kinds("I thought we moved past this."), ["timeline_pressure"]);
        assert_eq!(kinds("I thought we had moved past this."), ["timeline_pressure"]);
        assert_eq!(kinds("Can't we just move on?"), ["timeline_pressure"]);
    }

    #[test]
    fn forgiveness_demand() {
        assert_eq!(kinds("You have to forgive me."), ["forgiveness_demand"]);
    }

    #[test]
    fn partner_policing() {
        assert_eq!(kinds("You can check my phone any time."), ["partner_policing"]);
    }
}

mod good_apologies_are_left_alone {
    use super::*;

    #[test]
    fn negations() {
        assert!(kinds("I won't ask you to move on.").is_empty());
        assert!(kinds("I'm not going to say it wasn't a big deal.").is_empty());
        assert!(kinds("It was never your fault.").is_empty());
        assert!(kinds("I know we haven't moved past this.").is_empty());
        assert!(kinds("You don't have to forgive me.").is_empty());
        assert!(kinds("It's not your job to check my phone.").is_empty());
    }

    #[test]
    fn offers() {
        assert!(kinds("If you want to talk, I'm here.").is_empty());
        assert!(kinds("If you ever need space, tell me and I will give it.").is_empty());
    }

    #[test]
    fn no_excuse() {
        assert!(kinds("There is no excuse for what I did.").is_empty());
        assert!(kinds("I was drunk, but that is no excuse for lying to you.").is_empty());
    }

    #[test]
    fn quoted_past_words() {
        assert!(kinds("When I said 'get over it', I was cruel, and I am sorry.").is_empty());
        assert!(kinds("I told you “it meant nothing”, and that was a lie.").is_empty());
    }

    #[test]
    fn plain_just_and_only() {
        assert!(kinds("I just want you to know I'm sorry.").is_empty());
        assert!(kinds("You are the only person I want to spend my life with.").is_empty());
    }

    #[test]
    fn sorry_and() {
        assert!(kinds("I'm sorry, and I will keep showing you through what I do.").is_empty());
    }
}

mod components {
    use super::*;

    #[test]
    fn a_full_apology_has_them_all() {
        let c = check(
            "I lied to you about the money for two years, and it was my choice. I understand \
             it made you question yourself and our whole life together. I am deeply sorry. \
             From now on I will show you every statement I receive before you ask, and I have \
             booked a counsellor for myself. I never want to be that person again. If one day \
             you can forgive me, I would be grateful.",
        )
        .components;
        assert_eq!(
            c,
            Components {
                regret: true,
                responsibility: true,
                specific_behavior: true,
                impact: true,
                repair: true,
                repentance: true,
                forgiveness_request: true,
            }
        );
    }

    #[test]
    fn empty_text_has_none() {
        let r = check("");
        assert!(r.findings.is_empty());
        assert_eq!(r.components, Components::default());
    }

    #[test]
    fn a_demand_is_not_a_request() {
        assert!(!check("You have to forgive me.").components.forgiveness_request);
        assert!(check("Will you forgive me, in your own time?").components.forgiveness_request);
    }
}

mod wire_format {
    use super::*;

    #[test]
    fn json_matches_the_cli_contract() {
        let json = serde_json::to_value(check("Sorry if that hurt.")).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "findings": [{
                    "kind": "conditional",
                    "start": 0,
                    "end": 18,
                    "excerpt": "Sorry if that hurt",
                    "why": Kind::Conditional.why(),
                    "suggestion": Kind::Conditional.suggestion(),
                }],
                "components": {
                    "regret": true, "responsibility": false, "specific_behavior": false,
                    "impact": false, "repair": false, "repentance": false,
                    "forgiveness_request": false,
                }
            })
        );
    }

    #[test]
    fn kind_names_round_trip() {
        for k in Kind::ALL {
            assert_eq!(serde_json::to_value(k).unwrap(), k.as_str());
            assert_eq!(Kind::from_name(k.as_str()), Some(k));
        }
    }

    #[test]
    fn offsets_count_characters_not_bytes() {
        let text = "Ça va — 💔 I'm sorry if you were hurt";
        let r = check(text);
        assert_offsets_valid(text, &r);
        assert_eq!(r.findings[0].excerpt, "sorry if you were hurt");
    }

    #[test]
    fn no_explanation_uses_shaming_words() {
        let mut lines: Vec<&str> =
            Kind::ALL.iter().flat_map(|k| [k.why(), k.suggestion()]).collect();
        for rule in &lexicon::get().rules {
            if let Some((why, suggestion)) = rule.note {
                lines.extend([why, suggestion]);
            }
        }
        for line in lines {
            let lower = line.to_lowercase();
            for word in
                ["shame", "pathetic", "selfish", "liar", "cheater", "disgust", "stupid", "coward"]
            {
                assert!(!lower.contains(word), "{line}");
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn offsets_are_valid_for_any_unicode(text in "\\PC{0,400}") {
        let r = check(&text);
        assert_offsets_valid(&text, &r);
    }

    #[test]
    fn offsets_are_valid_for_apology_like_text(
        words in proptest::collection::vec(
            prop_oneof![
                Just("I'm"), Just("sorry"), Just("if"), Just("you"), Just("but"), Just("just"),
                Just("wasn’t"), Just("not"), Just("a"), Just("big"), Just("deal"), Just("move"),
                Just("on"), Just("forgive"), Just("me"), Just("'"), Just("\""), Just("“"),
                Just("”"), Just("."), Just(","), Just("\n"), Just("e.g."), Just("Mr."),
                Just("…"), Just("—"), Just("my"), Just("phone"), Just("check"), Just("é"),
                Just("💔"), Just("İ"),
            ],
            0..80,
        ),
        seps in proptest::collection::vec(prop_oneof![Just(" "), Just(""), Just("  ")], 80),
    ) {
        let text: String = words.iter().zip(&seps).flat_map(|(w, s)| [*w, *s]).collect();
        let r = check(&text);
        assert_offsets_valid(&text, &r);
    }
}

#[test]
fn one_megabyte_of_text_is_checked_without_panic() {
    let unit = "I'm sorry if you were hurt, but you made me do it... It was just a kiss! \
                “Get over it,” I said; you can check my phone. Mr. Lee e.g. 3.5 — ‘quote’ ";
    let mut text = String::with_capacity(1 << 20);
    while text.len() < 1 << 20 {
        text.push_str(unit);
    }
    let start = std::time::Instant::now();
    let r = check(&text);
    assert!(!r.findings.is_empty());
    assert_offsets_valid(&text, &r);
    // Not a timing assertion: a generous bound that only catches quadratic behaviour.
    assert!(start.elapsed() < std::time::Duration::from_secs(60), "{:?}", start.elapsed());
}

#[test]
fn one_megabyte_without_any_break_is_checked_without_panic() {
    let text =
        "if if sorry but not ".repeat(1 << 16) + &"x".repeat(1 << 18) + &"'\"".repeat(1 << 12);
    let r = check(&text);
    assert_offsets_valid(&text, &r);
}
