//! Realistic synthetic Dutch social-map data for scale tests and benchmarks.
//!
//! Services are drawn from templates of what Dutch social maps really hold (buddy projects,
//! debt help, district teams, GP practices, day care, …) in fictional towns, with addresses,
//! coordinates in the Netherlands, opening hours, costs and the Dutch profile. The same seed
//! always gives the same data.

use fastrand::Rng;
use serde_json::{json, Value};

/// (name pattern, organisation pattern, domains, level, access, target groups, what it offers)
type Template = (
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static str,
);

const TEMPLATES: &[Template] = &[
    (
        "Schuldhulpmaatje {town}",
        "Stichting Schuldhulpmaatje {town}",
        &["geld"],
        "informeel",
        "vrij",
        &["volwassenen"],
        "Een getrainde vrijwilliger helpt je je post en rekeningen op orde te krijgen",
    ),
    (
        "Schuldhulpverlening {town}",
        "Gemeente {town}",
        &["geld"],
        "maatwerk",
        "vrij",
        &["volwassenen"],
        "Hulp als je schulden niet meer zelf kunt betalen, met een regeling met je schuldeisers",
    ),
    (
        "Formulierenspreekuur {town}",
        "Welzijn {town}",
        &["geld", "taal"],
        "algemeen",
        "vrij",
        &["volwassenen", "ouderen", "nieuwkomers"],
        "Hulp bij formulieren, toeslagen en brieven van instanties",
    ),
    (
        "Voedselbank {town}",
        "Stichting Voedselbank {town}",
        &["geld"],
        "informeel",
        "verwijzing",
        &["volwassenen", "ouders"],
        "Een wekelijks pakket met eten voor huishoudens met te weinig geld",
    ),
    (
        "Kledingbank {town}",
        "Stichting Kledingbank {town}",
        &["geld"],
        "informeel",
        "verwijzing",
        &["ouders", "volwassenen"],
        "Gratis kleding voor kinderen en volwassenen met een laag inkomen",
    ),
    (
        "Thuisadministratie {town}",
        "Humanitas {town}",
        &["geld"],
        "informeel",
        "vrij",
        &["volwassenen", "ouderen"],
        "Een vrijwilliger komt thuis helpen met je administratie en geldzaken",
    ),
    (
        "Werkplein {town}",
        "Gemeente {town}",
        &["werk", "geld"],
        "algemeen",
        "vrij",
        &["volwassenen"],
        "Hulp bij werk zoeken, een uitkering of een opleiding",
    ),
    (
        "Werkervaringsplek {street}",
        "Stichting Meedoen {town}",
        &["werk", "zingeving"],
        "informeel",
        "vrij",
        &["volwassenen"],
        "Werken in je eigen tempo, zonder formulieren of verplichtingen",
    ),
    (
        "Dagbesteding {street}",
        "Zorggroep {region}",
        &["werk", "dagelijks-leven"],
        "maatwerk",
        "verwijzing",
        &["volwassenen", "ouderen"],
        "Een zinvolle dag met begeleiding voor wie niet meer kan werken",
    ),
    (
        "Vrijwilligerscentrale {town}",
        "Welzijn {town}",
        &["werk", "contact", "zingeving"],
        "informeel",
        "vrij",
        &["volwassenen", "ouderen"],
        "Vind vrijwilligerswerk dat bij je past en ontmoet nieuwe mensen",
    ),
    (
        "Jongerenloket {town}",
        "Gemeente {town}",
        &["werk", "gezin"],
        "algemeen",
        "vrij",
        &["jeugd"],
        "Hulp voor jongeren bij school, werk en geld",
    ),
    (
        "Woningcorporatie {town} Wonen",
        "{town} Wonen",
        &["wonen"],
        "algemeen",
        "vrij",
        &["volwassenen", "ouderen"],
        "Huurwoningen en hulp bij een huurachterstand",
    ),
    (
        "Nachtopvang {town}",
        "Stichting Onderdak {region}",
        &["wonen", "veiligheid"],
        "maatwerk",
        "vrij",
        &["volwassenen"],
        "Een slaapplek, douche en maaltijd voor wie geen dak boven het hoofd heeft",
    ),
    (
        "Consulent huisvesting {town}",
        "Gemeente {town}",
        &["wonen"],
        "maatwerk",
        "vrij",
        &["volwassenen", "nieuwkomers"],
        "Hulp als je je huis dreigt kwijt te raken",
    ),
    (
        "Wmo-loket {town}",
        "Gemeente {town}",
        &["dagelijks-leven", "wonen"],
        "maatwerk",
        "vrij",
        &["ouderen", "volwassenen"],
        "Aanvragen van hulpmiddelen, woningaanpassing en huishoudelijke hulp",
    ),
    (
        "Huisartsenpraktijk {street}",
        "Huisartsenpraktijk {street}",
        &["gezondheid", "psyche"],
        "algemeen",
        "vrij",
        &["volwassenen", "jeugd", "ouderen"],
        "Zorg voor je gezondheid; de praktijkondersteuner helpt bij stress en somberheid",
    ),
    (
        "Fysiotherapie {street}",
        "Fysiotherapie {street}",
        &["gezondheid"],
        "algemeen",
        "vrij",
        &["volwassenen", "ouderen"],
        "Behandeling bij pijn aan rug, nek of gewrichten",
    ),
    (
        "Wijkverpleging {district}",
        "Thuiszorg {region}",
        &["gezondheid", "dagelijks-leven"],
        "maatwerk",
        "vrij",
        &["ouderen"],
        "Verzorging, wondzorg en medicijnen bij je thuis",
    ),
    (
        "Beweegcoach {town}",
        "Sportservice {town}",
        &["gezondheid", "contact"],
        "algemeen",
        "vrij",
        &["volwassenen", "ouderen", "jeugd"],
        "Samen een sport of activiteit zoeken die bij je past",
    ),
    (
        "Luisterlijn {region}",
        "De Luisterlijn",
        &["psyche", "contact"],
        "informeel",
        "vrij",
        &["volwassenen", "ouderen"],
        "Dag en nacht anoniem praten met iemand die luistert",
    ),
    (
        "Psychologenpraktijk {street}",
        "Praktijk {street}",
        &["psyche"],
        "maatwerk",
        "verwijzing",
        &["volwassenen", "jeugd"],
        "Gesprekken bij angst, somberheid of na een nare gebeurtenis",
    ),
    (
        "Inloophuis {district}",
        "Welzijn {town}",
        &["psyche", "contact"],
        "informeel",
        "vrij",
        &["volwassenen"],
        "Een huiskamer waar je zonder afspraak binnenloopt voor koffie en een praatje",
    ),
    (
        "Verslavingszorg {town}",
        "Verslavingszorg {region}",
        &["verslaving"],
        "maatwerk",
        "vrij",
        &["volwassenen", "jeugd"],
        "Hulp bij problemen met alcohol, drugs, gokken of gamen",
    ),
    (
        "Lotgenotengroep alcohol {town}",
        "Stichting Nuchter {town}",
        &["verslaving", "contact"],
        "informeel",
        "vrij",
        &["volwassenen"],
        "Elke week praten met anderen die willen stoppen met drinken",
    ),
    (
        "Maatjesproject {town}",
        "Humanitas {town}",
        &["contact", "zingeving"],
        "informeel",
        "vrij",
        &["volwassenen", "ouderen"],
        "Een vrijwillig maatje voor een wandeling, een praatje of boodschappen",
    ),
    (
        "Buurtkamer {district}",
        "Welzijn {town}",
        &["contact", "dagelijks-leven"],
        "informeel",
        "vrij",
        &["ouderen", "volwassenen"],
        "Koffie, een warme maaltijd en activiteiten in de buurt",
    ),
    (
        "Ouderenadviseur {town}",
        "Welzijn {town}",
        &["contact", "dagelijks-leven", "wonen"],
        "algemeen",
        "vrij",
        &["ouderen", "mantelzorgers"],
        "Advies aan huis over wonen, geld, vervoer en contact",
    ),
    (
        "Centrum voor Jeugd en Gezin {town}",
        "Gemeente {town}",
        &["gezin"],
        "algemeen",
        "vrij",
        &["ouders", "jeugd"],
        "Alle vragen over opvoeden en opgroeien",
    ),
    (
        "Opvoedsteunpunt {district}",
        "Welzijn {town}",
        &["gezin"],
        "informeel",
        "vrij",
        &["ouders"],
        "Ervaren ouders luisteren en geven tips als opvoeden zwaar is",
    ),
    (
        "Gezinsbegeleiding {town}",
        "Sociaal Wijkteam {town}",
        &["gezin", "psyche"],
        "maatwerk",
        "vrij",
        &["ouders", "jeugd"],
        "Begeleiding thuis als het in je gezin niet goed gaat",
    ),
    (
        "Huishoudelijke hulp {town}",
        "Thuiszorg {region}",
        &["dagelijks-leven"],
        "maatwerk",
        "vrij",
        &["ouderen", "volwassenen"],
        "Hulp bij het schoonhouden van je huis",
    ),
    (
        "Vervoersdienst {town}",
        "Stichting Vervoer {town}",
        &["dagelijks-leven", "contact"],
        "informeel",
        "vrij",
        &["ouderen"],
        "Vrijwilligers rijden je naar de dokter, het ziekenhuis of de markt",
    ),
    (
        "Maaltijdservice {town}",
        "Welzijn {town}",
        &["dagelijks-leven", "gezondheid"],
        "algemeen",
        "vrij",
        &["ouderen"],
        "Elke dag een warme maaltijd aan huis",
    ),
    (
        "Steunpunt Mantelzorg {town}",
        "Welzijn {town}",
        &["mantelzorg"],
        "algemeen",
        "vrij",
        &["mantelzorgers"],
        "Advies, een luisterend oor en respijtzorg voor mantelzorgers",
    ),
    (
        "Vrijwillige nachtzorg {region}",
        "Stichting Nachtwacht {region}",
        &["mantelzorg", "gezondheid"],
        "informeel",
        "vrij",
        &["mantelzorgers", "ouderen"],
        "Een vrijwilliger waakt 's nachts zodat de mantelzorger kan slapen",
    ),
    (
        "Veilig Thuis {region}",
        "Veilig Thuis {region}",
        &["veiligheid", "gezin"],
        "maatwerk",
        "vrij",
        &["volwassenen", "jeugd", "ouders"],
        "Advies en hulp bij huiselijk geweld en kindermishandeling",
    ),
    (
        "Wijkagent {district}",
        "Politie {region}",
        &["veiligheid"],
        "algemeen",
        "vrij",
        &["volwassenen", "ouderen"],
        "Hulp bij overlast en onveilige situaties in de buurt",
    ),
    (
        "Sociaal raadslieden {town}",
        "Welzijn {town}",
        &["veiligheid", "geld", "wonen"],
        "algemeen",
        "vrij",
        &["volwassenen"],
        "Gratis advies over huur, werk, uitkeringen en boetes",
    ),
    (
        "Rouwgroep {town}",
        "Welzijn {town}",
        &["zingeving", "psyche"],
        "informeel",
        "vrij",
        &["volwassenen", "ouderen"],
        "Praten met anderen die ook iemand hebben verloren",
    ),
    (
        "Diaconie {town}",
        "Kerkelijke Gemeente {town}",
        &["zingeving", "contact", "geld"],
        "informeel",
        "vrij",
        &["volwassenen", "ouderen"],
        "Een luisterend oor, een bezoek of hulp in nood",
    ),
    (
        "Taalcafé {town}",
        "Bibliotheek {town}",
        &["taal", "contact"],
        "informeel",
        "vrij",
        &["nieuwkomers", "volwassenen"],
        "Oefen Nederlands praten met vrijwilligers",
    ),
    (
        "Taalhuis {town}",
        "Bibliotheek {town}",
        &["taal", "werk"],
        "algemeen",
        "vrij",
        &["nieuwkomers", "volwassenen"],
        "Beter leren lezen, schrijven en werken met de computer",
    ),
    (
        "Begeleiding statushouders {town}",
        "VluchtelingenWerk {region}",
        &["taal", "wonen"],
        "algemeen",
        "vrij",
        &["nieuwkomers"],
        "Hulp met je huis, post en school als je nieuw bent in Nederland",
    ),
    (
        "Sociaal wijkteam {district}",
        "Sociaal Wijkteam {town}",
        &[
            "geld",
            "wonen",
            "gezin",
            "psyche",
            "contact",
            "dagelijks-leven",
        ],
        "algemeen",
        "vrij",
        &["volwassenen", "ouders", "ouderen"],
        "Het wijkteam luistert en zoekt met je de hulp die past",
    ),
];

const TOWN_STARTS: &[&str] = &[
    "Linde", "Beek", "Eike", "Wester", "Ooster", "Noorder", "Zuider", "Hoog", "Nieuw", "Oud",
    "Groen", "Berke", "Hazel", "Wilge", "Molen", "Brugge", "Dijk", "Heide", "Zand", "Klaver",
];
const TOWN_ENDS: &[&str] = &[
    "hoven", "dorp", "veen", "wijk", "dam", "meer", "broek", "horst", "lo", "kamp", "zijl", "rade",
    "hem", "drecht", "ingen", "hout", "berg",
];
const STREETS: &[&str] = &[
    "Kerkstraat",
    "Dorpsstraat",
    "Molenweg",
    "Schoolstraat",
    "Marktplein",
    "Stationsweg",
    "Lindelaan",
    "Beukenlaan",
    "Julianastraat",
    "Wilhelminaplein",
    "Havenstraat",
    "Zorgplein",
    "Sportlaan",
    "Bibliotheekplein",
    "Raadhuisplein",
    "Eikenlaan",
    "Vondelstraat",
    "Parkweg",
    "Nieuwstraat",
    "Brinkweg",
];
const DISTRICTS: &[&str] = &[
    "Centrum",
    "Oost",
    "West",
    "Noord",
    "Zuid",
    "De Akkers",
    "Het Hof",
    "De Weide",
    "Buitenhof",
    "De Linden",
];
const REGIONS: &[&str] = &[
    "Veluwe",
    "Vallei",
    "Rivierenland",
    "Noordkwartier",
    "Kempen",
    "Twenteland",
    "Zeekant",
    "Heuvelrand",
];
const EXTRA_SENTENCES: &[&str] = &[
    "Je kunt zonder afspraak langskomen.",
    "Bel of mail ons, dan maken we een afspraak.",
    "Wij spreken ook Engels en Arabisch.",
    "Het gebouw is goed bereikbaar met de bus.",
    "Je hoeft niets te betalen.",
    "We werken samen met het sociaal wijkteam.",
    "Ook voor mantelzorgers en familie.",
    "Er is geen wachtlijst.",
    "Aanmelden kan ook via de huisarts.",
    "Je blijft zelf de baas over je eigen plan.",
    "De vrijwilligers hebben een training gevolgd.",
    "We komen ook bij je thuis.",
];
const SCHEDULES: &[(&str, &str, &str)] = &[
    ("MO,TU,WE,TH,FR", "09:00", "17:00"),
    ("MO,WE,FR", "10:00", "16:00"),
    ("TU,TH", "13:00", "16:00"),
    ("SA", "10:00", "13:00"),
    ("MO,TU,WE,TH,FR,SA,SU", "00:00", "24:00"),
    ("MO,TU,WE,TH", "08:30", "12:30"),
    ("WE", "19:00", "21:30"),
];

fn pick<'a, T>(rng: &mut Rng, items: &'a [T]) -> &'a T {
    &items[rng.usize(..items.len())]
}

/// `count` services as an HSDS service list page.
pub fn services(count: usize, seed: u64) -> Value {
    let mut rng = Rng::with_seed(seed);
    let towns: Vec<(String, f64, f64)> = (0..(count / 40).clamp(5, 400))
        .map(|_| {
            let name = format!(
                "{}{}",
                pick(&mut rng, TOWN_STARTS),
                pick(&mut rng, TOWN_ENDS)
            );
            (
                name,
                rng.f64().mul_add(2.4, 51.0),
                rng.f64().mul_add(3.0, 4.0),
            )
        })
        .collect();
    let contents: Vec<Value> = (0..count).map(|n| service(&mut rng, &towns, n)).collect();
    json!({
        "total_items": count,
        "total_pages": 1,
        "page_number": 1,
        "size": count,
        "first_page": true,
        "last_page": true,
        "empty": count == 0,
        "contents": contents,
    })
}

fn service(rng: &mut Rng, towns: &[(String, f64, f64)], n: usize) -> Value {
    let (name, org, domains, level, access, groups, offer) = *pick(rng, TEMPLATES);
    let (town, lat, lon) = pick(rng, towns);
    let street = *pick(rng, STREETS);
    let fill = |pattern: &str, rng: &mut Rng| {
        pattern
            .replace("{town}", town)
            .replace("{street}", street)
            .replace("{district}", &format!("{} {}", town, pick(rng, DISTRICTS)))
            .replace("{region}", pick::<&str>(rng, REGIONS))
    };
    let name = fill(name, rng);
    let org = fill(org, rng);
    let mut description = format!("{offer}.");
    for _ in 0..rng.usize(1..=3) {
        description.push(' ');
        description.push_str(pick::<&str>(rng, EXTRA_SENTENCES));
    }
    let slug: String = org
        .to_lowercase()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(24)
        .collect();
    let id = format!("gen-{n}");
    let mut attributes: Vec<Value> = domains
        .iter()
        .map(|d| term("wegwijs-leefgebied", d))
        .collect();
    attributes.push(term("wegwijs-voorziening", level));
    attributes.push(term("wegwijs-toegang", access));
    attributes.extend(groups.iter().map(|g| term("wegwijs-doelgroep", g)));
    let (days, opens, closes) = *pick(rng, SCHEDULES);
    let free = level == "informeel" || rng.bool();
    json!({
        "id": id,
        "name": name,
        "description": description,
        "status": "active",
        "url": format!("https://{slug}.example"),
        "email": format!("info@{slug}.example"),
        "assured_date": format!("{}-{:02}-{:02}", rng.i32(2024..=2026), rng.u8(1..=12), rng.u8(1..=28)),
        "organization": {"id": format!("org-{slug}"), "name": org, "description": format!("{org}.")},
        "phones": [{"id": format!("{id}-phone"), "number": format!("0{} - {} {} {}", rng.u16(100..=999), rng.u8(10..=99), rng.u8(10..=99), rng.u8(10..=99))}],
        "schedules": [{"id": format!("{id}-schedule"), "freq": "WEEKLY", "byday": days, "opens_at": opens, "closes_at": closes}],
        "service_at_locations": [{
            "id": format!("{id}-sal"),
            "location": {
                "id": format!("{id}-location"),
                "location_type": "physical",
                "latitude": lat + rng.f64().mul_add(0.04, -0.02),
                "longitude": lon + rng.f64().mul_add(0.04, -0.02),
                "addresses": [{
                    "id": format!("{id}-address"),
                    "address_1": format!("{street} {}", rng.u16(1..=180)),
                    "postal_code": format!("{} {}{}", rng.u16(1000..=9999), char::from(rng.u8(b'A'..=b'Z')), char::from(rng.u8(b'A'..=b'Z'))),
                    "city": town,
                    "country": "NL",
                    "address_type": "physical",
                }],
                "accessibility": [{"description": if rng.u8(0..4) > 0 { "Rolstoeltoegankelijk" } else { "Niet rolstoeltoegankelijk" }}],
            }
        }],
        "cost_options": if free { json!([{"amount": 0, "option": "Gratis"}]) } else { json!([]) },
        "fees_description": if free { Value::Null } else { json!("Er is een eigen bijdrage.") },
        "languages": [{"code": "nl"}],
        "attributes": attributes,
    })
}

fn term(taxonomy: &str, code: &str) -> Value {
    json!({"taxonomy_term": {"taxonomy": taxonomy, "code": code, "name": code}})
}
