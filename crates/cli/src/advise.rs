//! `wegwijs advise`: what the hulpwijzer tells a resident, for guide authors who want to
//! check a guide before they publish it ("does 'ik wil dood' give 113?"). It runs the same
//! code as the widget: the guide's signals, rules and teams, and the recommendation from
//! the social map.

use std::fs;
use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use clap::Args;
use serde_json::{json, Value};
use wegwijs_directory::{Domain, Index, Service};
use wegwijs_guide::definition::Contact;
use wegwijs_guide::help::worries_in;
use wegwijs_guide::{advise, recommend, Guide, Journey};

use crate::input;

/// The arguments of `wegwijs advise`.
#[derive(Debug, Args)]
pub struct AdviseArgs {
    /// The guide definition (JSON).
    guide: PathBuf,
    /// What the resident writes in their own words.
    #[arg(long, default_value = "")]
    words: String,
    /// A worry the resident ticks (a life domain code such as `geld`); repeatable.
    #[arg(long = "worry", value_name = "CODE")]
    worries: Vec<String>,
    /// An answer, as QUESTION=CHOICE (ids from the guide); repeatable.
    #[arg(long = "answer", value_name = "QUESTION=CHOICE")]
    answers: Vec<String>,
    /// The resident's postcode or neighbourhood, for their team.
    #[arg(long, alias = "place")]
    postcode: Option<String>,
    /// The social map (an index made with `wegwijs index`, or any input `validate` reads),
    /// for the recommended services and for worries found in the words.
    #[arg(long)]
    index: Option<PathBuf>,
    /// Language of the texts: `nl` or `en`.
    #[arg(long, default_value = "nl")]
    lang: String,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

fn contact_json(contact: &Contact, lang: &str) -> Value {
    json!({
        "id": contact.id,
        "name": contact.name.get(lang),
        "phone": contact.phone,
        "website": contact.website,
    })
}

fn service_json(service: &Service, domain: Option<Domain>) -> Value {
    json!({
        "id": service.id,
        "name": service.name,
        "organization": service.organization,
        "domain": domain.map(|d| d.code()),
        "phone": service.phones.first().map(|p| p.number.clone()),
    })
}

/// The journey the arguments describe; an unknown worry, question or answer is an error
/// that lists what the guide has.
fn journey(args: &AdviseArgs, guide: &Guide, map: Option<&Index>) -> Result<Journey> {
    let mut journey = Journey::default();
    journey.own_words = args.words.clone();
    journey.place = args.postcode.clone().unwrap_or_default();
    for code in &args.worries {
        let Some(domain) = Domain::from_code(code).filter(|d| guide.domain(*d).is_some()) else {
            let offered: Vec<&str> = guide.domains.iter().map(|d| d.code.code()).collect();
            bail!(
                "the guide offers no worry {code:?}; it has: {}",
                offered.join(", ")
            );
        };
        if !journey.domains.contains(&domain) {
            journey.toggle_domain(guide, domain);
        }
    }
    if let Some(map) = map {
        for domain in worries_in(guide, map, &args.words) {
            if !journey.domains.contains(&domain) {
                journey.toggle_domain(guide, domain);
            }
        }
    }
    for answer in &args.answers {
        let Some((question_id, choice_id)) = answer.split_once('=') else {
            bail!("--answer {answer:?}: write it as QUESTION=CHOICE");
        };
        let Some(question) = guide.question(question_id) else {
            bail!("the guide has no question {question_id:?}");
        };
        if !question.choices.iter().any(|c| c.id == choice_id) {
            let choices: Vec<&str> = question.choices.iter().map(|c| c.id.as_str()).collect();
            bail!(
                "question {question_id:?} has no answer {choice_id:?}; it has: {}",
                choices.join(", ")
            );
        }
        // Answering a question means its worry is chosen.
        if let Some(domain) = guide
            .domains
            .iter()
            .find(|d| d.questions.iter().any(|q| q.id == question_id))
        {
            if !journey.domains.contains(&domain.code) {
                journey.toggle_domain(guide, domain.code);
            }
        }
        journey.answer(question_id, choice_id);
    }
    Ok(journey)
}

/// Runs `wegwijs advise`.
pub fn run(args: AdviseArgs) -> Result<()> {
    let text = fs::read_to_string(&args.guide)
        .with_context(|| format!("cannot read {}", args.guide.display()))?;
    let guide = Guide::from_json(&text)
        .with_context(|| format!("{} is not a usable guide", args.guide.display()))?;
    let map = match &args.index {
        Some(path) => Some(input::index(path, input::vocabulary(None)?)?),
        None => None,
    };
    let lang = args.lang.as_str();
    let journey = journey(&args, &guide, map.as_ref())?;
    let advice = advise(&guide, &journey, lang);
    let near = advice.team.and_then(|team| {
        let map = map.as_ref()?;
        let table = wegwijs_directory::places::PostcodeTable::from_directory(map.directory());
        team.postcodes
            .first()
            .and_then(|code| table.lookup(code))
            .map(|area| area.point)
    });
    let recommended = map
        .as_ref()
        .map(|map| (map, recommend(&guide, &advice, map, near)));
    let services = |docs: &mut dyn Iterator<Item = (Option<Domain>, u32)>| -> Vec<Value> {
        recommended.as_ref().map_or_else(Vec::new, |(map, _)| {
            docs.map(|(domain, doc)| service_json(&map.services()[doc as usize], domain))
                .collect()
        })
    };
    let (main, low, other) = match &recommended {
        Some((_, r)) => (
            services(&mut r.main.iter().map(|(d, doc)| (Some(*d), *doc))),
            services(&mut r.low_threshold.iter().map(|doc| (None, *doc))),
            services(&mut r.other.iter().map(|doc| (None, *doc))),
        ),
        None => (Vec::new(), Vec::new(), Vec::new()),
    };
    let report = json!({
        "signals": advice.signals.iter().map(|s| json!({"id": s.id, "message": s.message.get(lang)})).collect::<Vec<_>>(),
        "urgent_contacts": advice.urgent_contacts.iter().map(|c| contact_json(c, lang)).collect::<Vec<_>>(),
        "always": guide.always_contacts().into_iter().map(|c| contact_json(c, lang)).collect::<Vec<_>>(),
        "domains": advice.domains.iter().map(|d| d.code()).collect::<Vec<_>>(),
        "team": advice.team.map(|t| json!({
            "id": t.id,
            "name": t.name.get(lang),
            "phone": t.phone,
            "email": t.email,
            "walk_in": t.walk_in.as_ref().map(|w| w.get(lang)),
        })),
        "services": {"main": main, "low_threshold": low, "other": other},
    });
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
        return Ok(());
    }
    print_text(&report);
    Ok(())
}

/// The report for a person: urgent first, as on the advice page.
fn print_text(report: &Value) {
    let list = |key: &str| report[key].as_array().cloned().unwrap_or_default();
    let signals = list("signals");
    if signals.is_empty() {
        println!("No urgent signal.");
    }
    for signal in &signals {
        println!(
            "URGENT ({}): {}",
            signal["id"].as_str().unwrap_or(""),
            signal["message"].as_str().unwrap_or("")
        );
    }
    for contact in list("urgent_contacts") {
        println!(
            "  call first: {} {}",
            contact["name"].as_str().unwrap_or(""),
            contact["phone"].as_str().unwrap_or("")
        );
    }
    let domains: Vec<&str> = report["domains"]
        .as_array()
        .map(|d| d.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    println!(
        "Worries: {}",
        if domains.is_empty() {
            "-".to_owned()
        } else {
            domains.join(", ")
        }
    );
    match report["team"].as_object() {
        Some(team) => println!(
            "Team: {} {}",
            team["name"].as_str().unwrap_or(""),
            team["phone"].as_str().unwrap_or("")
        ),
        None => println!("Team: none for this place (give --postcode)"),
    }
    for (key, label) in [
        ("main", "Way in"),
        ("low_threshold", "Informal and free"),
        ("other", "Other help"),
    ] {
        for service in report["services"][key].as_array().into_iter().flatten() {
            println!(
                "{label}: {} ({})",
                service["name"].as_str().unwrap_or(""),
                service["phone"].as_str().unwrap_or("no phone")
            );
        }
    }
}
