//! `wegwijs`: the social map on the command line.
//!
//! Inputs are HSDS 3.0 JSON, an HSDS CSV datapackage folder, or the simple spreadsheet CSV
//! (see the README); `search` also takes an index file made by `wegwijs index`.

mod advise;
mod api;
mod areas;
mod bench;
mod generate;
mod input;
mod load;

use std::fs;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use serde_json::json;
use wegwijs_directory::export::{write_hsds, ExportOptions};
use wegwijs_directory::geo::Point;
use wegwijs_directory::import::Carry;
use wegwijs_directory::search::{Filters, Query, Sort};
use wegwijs_directory::time::{Date, LocalDateTime};
use wegwijs_directory::validate::Summary;
use wegwijs_directory::{Domain, Level, Problem, Severity, TargetGroup};

#[derive(Debug, Parser)]
#[command(
    name = "wegwijs",
    version,
    about = "Wegwijs social map: validate, index, search and export local help"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// The largest input file read, in megabytes.
    #[arg(long, global = true, default_value_t = input::DEFAULT_MAX_INPUT_MB)]
    max_input_mb: u64,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check a social map: counts per life domain, missing contact details, stale entries,
    /// and every problem by file, row or JSON path, and field.
    Validate {
        /// HSDS JSON, an HSDS CSV folder, or the spreadsheet CSV.
        input: PathBuf,
        /// Also fail on warnings (repaired or skipped values).
        #[arg(long)]
        strict: bool,
        /// The date "stale" is measured from (YYYY-MM-DD); today when left out.
        #[arg(long)]
        today: Option<String>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Check a hulpwijzer guide file: unknown life domains, rules that point nowhere, teams
    /// without contact options, missing translations; every problem with its JSON path.
    ValidateGuide {
        /// The guide definition (JSON).
        file: PathBuf,
    },
    /// What the hulpwijzer advises for words, worries and answers: urgent signals and the
    /// numbers to call, the team, and the recommended services (the widget's own code).
    Advise(advise::AdviseArgs),
    /// Check a samenwerkingsscan instrument file: poles, scale, translations, typology
    /// profiles; a problem is named with its JSON path.
    ValidateInstrument {
        /// The instrument definition (JSON).
        file: PathBuf,
    },
    /// Read every service of an HSDS API (its `/services`, page by page, fully nested) into
    /// one HSDS JSON file, to validate, index or export like any other.
    Import {
        /// The API's address (its root or its `/services` address).
        url: String,
        /// The HSDS JSON file to write.
        #[arg(short, long)]
        output: PathBuf,
        /// Services per page to ask for.
        #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u32).range(1..=1000))]
        per_page: u32,
    },
    /// Write the social map as HSDS 3.0 JSON that validates against the official schema.
    Export {
        /// HSDS JSON, an HSDS CSV folder, or the spreadsheet CSV.
        input: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value = "hsds-json")]
        format: Format,
        /// Output file (standard output when left out).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Province for the addresses (HSDS requires `state_province`).
        #[arg(long, default_value = "Onbekend")]
        province: String,
    },
    /// Build the compact search index the widget loads.
    Index {
        /// HSDS JSON, an HSDS CSV folder, or the spreadsheet CSV.
        input: PathBuf,
        /// The index file to write.
        #[arg(short, long)]
        output: PathBuf,
        /// A synonyms file replacing the shipped one (same format as data/synonyms.json).
        #[arg(long)]
        synonyms: Option<PathBuf>,
    },
    /// Search like a resident would; `--json` prints the results for tests and benchmarks.
    Search(SearchArgs),
    /// Measure search latency on an index (used by `cargo xtask bench`).
    #[command(hide = true)]
    BenchSearch {
        /// The index file.
        index: PathBuf,
        /// A JSON array of query strings.
        #[arg(long)]
        queries: PathBuf,
        /// Times each query runs.
        #[arg(long, default_value_t = 20)]
        rounds: usize,
    },
    /// Judge search results against graded judgments (used by `cargo xtask bench`).
    #[command(hide = true)]
    BenchRelevance {
        /// The index file.
        index: PathBuf,
        /// The judged set (tests/fixtures/judged-services.json).
        #[arg(long)]
        judged: PathBuf,
        /// Other engines' results: engine → query → service ids, best first.
        #[arg(long)]
        ranked: Option<PathBuf>,
    },
    /// Load a live-session server with many respondents at once (used by `cargo xtask
    /// bench`); prints submissions per second, latency percentiles and lost answers as JSON.
    #[command(hide = true)]
    BenchLive {
        /// The server's base URL.
        server: String,
        /// The instrument definition of the session.
        #[arg(long)]
        instrument: PathBuf,
        /// Respondents sending at the same time.
        #[arg(long, default_value_t = 200)]
        respondents: usize,
        /// Submissions per respondent (the first answer, then changes).
        #[arg(long, default_value_t = 10)]
        rounds: usize,
        /// Mean pause of a respondent between submissions, in milliseconds (0: none).
        #[arg(long, default_value_t = 0)]
        pause_ms: u64,
    },
    /// Write the services as plain documents for MiniSearch (used by `cargo xtask bench`).
    #[command(hide = true)]
    BenchDocs {
        /// HSDS JSON, an HSDS CSV folder, or the spreadsheet CSV.
        input: PathBuf,
        /// The JSON file to write.
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Make the neighbourhood outlines for the map: simplify a GeoJSON (such as the CBS
    /// wijk- en buurtkaart), check the services' coordinates, derive the postcode table.
    Areas(areas::AreasArgs),
    /// Generate realistic synthetic Dutch services (HSDS JSON) for scale tests.
    Generate {
        /// How many services (at most 1,000,000).
        #[arg(long, value_parser = clap::value_parser!(u64).range(0..=1_000_000))]
        services: u64,
        /// Random seed: the same seed gives the same data.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Output file (standard output when left out).
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Serve the widgets, their data and the demo portal with a strict Content-Security-Policy,
    /// and the samenwerkingsscan's live sessions (SQLite or PostgreSQL) under /api/, until
    /// Ctrl+C.
    Serve(wegwijs_server::Options),
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    /// HSDS 3.0 JSON, a service list page.
    HsdsJson,
}

#[derive(Debug, clap::Args)]
struct SearchArgs {
    /// An index file, HSDS JSON, an HSDS CSV folder, or the spreadsheet CSV.
    input: PathBuf,
    /// What a resident would type.
    query: String,
    /// Only these life domains (repeatable): geld, werk, wonen, …
    #[arg(long = "domain")]
    domains: Vec<String>,
    /// Only these provision levels (repeatable): informeel, algemeen, maatwerk.
    #[arg(long = "level")]
    levels: Vec<String>,
    /// Only free services.
    #[arg(long)]
    free: bool,
    /// Only services without a referral.
    #[arg(long)]
    no_referral: bool,
    /// Only services for these target groups (repeatable).
    #[arg(long = "group")]
    groups: Vec<String>,
    /// Only services for someone of this age.
    #[arg(long)]
    age: Option<u8>,
    /// Only services in this language (code such as en).
    #[arg(long)]
    language: Option<String>,
    /// Only wheelchair-accessible services.
    #[arg(long)]
    wheelchair: bool,
    /// Also services that do not run (status inactive or defunct), as workers see them.
    #[arg(long)]
    include_not_running: bool,
    /// Distances from this point: LAT,LON.
    #[arg(long)]
    near: Option<String>,
    /// Only services within this many km of --near.
    #[arg(long)]
    within: Option<f64>,
    /// Only services open at this time (ISO 8601; Amsterdam time without an offset).
    #[arg(long)]
    open_at: Option<String>,
    /// Only services open now.
    #[arg(long)]
    open_now: bool,
    /// Result order.
    #[arg(long, value_enum, default_value = "relevance")]
    sort: SortArg,
    /// Most results.
    #[arg(long, default_value_t = 10)]
    limit: usize,
    /// Print JSON.
    #[arg(long)]
    json: bool,
    /// With --json: print an object with results, total and facet counts.
    #[arg(long)]
    facets: bool,
    /// A synonyms file replacing the shipped one (when the input is not an index).
    #[arg(long)]
    synonyms: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum SortArg {
    Relevance,
    InformalFirst,
    Distance,
}

fn main() -> ExitCode {
    // `wegwijs search … | head -3`: a reader that stops early is not an error.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let message = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or_default();
        if message.contains("Broken pipe") {
            std::process::exit(0);
        }
        default_hook(info);
    }));
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("wegwijs: {error:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    input::set_max_input_mb(cli.max_input_mb);
    match cli.command {
        Command::Validate {
            input,
            strict,
            today,
            json,
        } => {
            let vocabulary = input::vocabulary(None)?;
            let imported = input::import(&input, &vocabulary, Carry::CheckOnly)?;
            let today = match today {
                Some(text) => Date::parse(&text).context("--today must be YYYY-MM-DD")?,
                None => now().date,
            };
            let summary = Summary::new(&imported.directory, &imported.problems, today);
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(
                        &json!({"summary": summary, "problems": imported.problems})
                    )?
                );
            } else {
                if let Some(note) = input::separator_note(&input) {
                    println!("{}: {note}", input.display());
                }
                print_summary(
                    &input.display().to_string(),
                    &summary,
                    &imported.problems,
                    &vocabulary,
                );
            }
            let failed = summary.errors > 0 || (strict && summary.warnings > 0);
            Ok(if failed {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Import {
            url,
            output,
            per_page,
        } => {
            let fetched = api::fetch_services(&url, per_page, |line| eprintln!("{line}"))?;
            let page = api::as_page(fetched.services);
            let imported = wegwijs_directory::import::import_value(&page)?;
            fs::write(&output, serde_json::to_string_pretty(&page)?)
                .with_context(|| format!("cannot write {}", output.display()))?;
            eprintln!(
                "{} services from {} pages ({} fetched one by one) written to {}; {} problems: see `wegwijs validate {}`",
                imported.directory.services.len(),
                fetched.pages,
                fetched.one_by_one,
                output.display(),
                imported.problems.len(),
                output.display(),
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Export {
            input,
            format: Format::HsdsJson,
            output,
            province,
        } => {
            if let Some(output) = &output {
                input::refuse_overwriting(&input, output)?;
            }
            let vocabulary = input::vocabulary(None)?;
            let imported = input::import(&input, &vocabulary, Carry::Keep)?;
            report_problems(&imported.problems);
            let options = ExportOptions { province };
            let write = |writer: &mut dyn Write| {
                write_hsds(writer, &imported.directory, &vocabulary, &options, true)
            };
            match &output {
                Some(path) => {
                    let file = fs::File::create(path)
                        .with_context(|| format!("cannot write {}", path.display()))?;
                    let mut writer = std::io::BufWriter::new(file);
                    write(&mut writer)?;
                    writer.flush()?;
                }
                None => {
                    let mut writer = std::io::BufWriter::new(std::io::stdout().lock());
                    write(&mut writer)?;
                    writeln!(writer)?;
                    writer.flush()?;
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Index {
            input,
            output,
            synonyms,
        } => {
            input::refuse_overwriting(&input, &output)?;
            let vocabulary = input::vocabulary(synonyms.as_deref())?;
            let imported = input::import(&input, &vocabulary, Carry::CheckOnly)?;
            report_problems(&imported.problems);
            let gzipped_json = match input::json_file(&input) {
                Some(file) => gzipped_file_size(file)?,
                None => gzipped_export_size(&imported.directory, &vocabulary)?,
            };
            let services = imported.directory.services.len();
            let index = wegwijs_directory::Index::build(imported.directory, vocabulary);
            let bytes = index.to_bytes();
            fs::write(&output, &bytes)
                .with_context(|| format!("cannot write {}", output.display()))?;
            let gzipped_index = gzip(&bytes)?;
            eprintln!(
                "{}: {services} services, {} terms; {} bytes ({} gzipped) against {} bytes gzipped HSDS JSON (ratio {:.2})",
                output.display(),
                index.term_count(),
                bytes.len(),
                gzipped_index,
                gzipped_json,
                gzipped_index as f64 / gzipped_json.max(1) as f64
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Search(args) => search(args),
        Command::Advise(args) => advise::run(args).map(|()| ExitCode::SUCCESS),
        Command::Areas(args) => areas::run(args).map(|fine| {
            if fine {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }),
        Command::ValidateGuide { file } => {
            let text = fs::read_to_string(&file)
                .with_context(|| format!("cannot read {}", file.display()))?;
            let guide = wegwijs_guide::Guide::from_json(&text)
                .with_context(|| format!("{} is not a usable guide", file.display()))?;
            let problems = guide.problems();
            println!(
                "{}: {} life domains, {} questions, {} teams, {} rules, {} contacts",
                file.display(),
                guide.domains.len(),
                guide
                    .domains
                    .iter()
                    .map(|d| d.questions.len())
                    .sum::<usize>(),
                guide.teams.len(),
                guide.rules.len(),
                guide.contacts.len()
            );
            println!("problems: {}", problems.len());
            for problem in &problems {
                println!("  {problem}");
            }
            Ok(if problems.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
        Command::ValidateInstrument { file } => {
            let text = fs::read_to_string(&file)
                .with_context(|| format!("cannot read {}", file.display()))?;
            match wegwijs_assessment::Instrument::from_json(&text) {
                Ok(instrument) => {
                    println!(
                        "{}: {} dimensions, {}, {} models, fingerprint {:04X}",
                        file.display(),
                        instrument.dimensions.len(),
                        if instrument.ask_desired {
                            "now and desired"
                        } else {
                            "now only"
                        },
                        instrument.typology.as_ref().map_or(0, |t| t.models.len()),
                        instrument.fingerprint()
                    );
                    println!("problems: 0");
                    Ok(ExitCode::SUCCESS)
                }
                Err(problem) => {
                    println!("{}: not a usable instrument", file.display());
                    println!("problems: 1");
                    println!("  {problem}");
                    Ok(ExitCode::FAILURE)
                }
            }
        }
        Command::BenchDocs { input, output } => {
            let vocabulary = input::vocabulary(None)?;
            let imported = input::import(&input, &vocabulary, Carry::CheckOnly)?;
            let docs = bench::minisearch_documents(&imported.directory, &vocabulary);
            write_output(Some(&output), serde_json::to_string(&docs)?.as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::BenchRelevance {
            index,
            judged,
            ranked,
        } => {
            let report = bench::relevance(&index, &judged, ranked.as_deref())?;
            println!("{}", serde_json::to_string(&report)?);
            Ok(ExitCode::SUCCESS)
        }
        Command::BenchSearch {
            index,
            queries,
            rounds,
        } => {
            let report = bench::search_latency(&index, &queries, rounds)?;
            println!("{}", serde_json::to_string(&report)?);
            Ok(ExitCode::SUCCESS)
        }
        Command::Generate {
            services,
            seed,
            output,
        } => {
            let data = generate::services(services as usize, seed);
            write_output(output.as_ref(), serde_json::to_string(&data)?.as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::BenchLive {
            server,
            instrument,
            respondents,
            rounds,
            pause_ms,
        } => {
            let text = fs::read_to_string(&instrument)
                .with_context(|| format!("cannot read {}", instrument.display()))?;
            let instrument = wegwijs_assessment::Instrument::from_json(&text)
                .map_err(|error| anyhow::anyhow!("{}: {error}", instrument.display()))?;
            let plan = load::Plan {
                respondents,
                rounds,
                pause: std::time::Duration::from_millis(pause_ms),
            };
            let report = load::live_sessions(&server, &instrument, plan)?;
            println!("{}", serde_json::to_string(&report)?);
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve(options) => {
            tokio::runtime::Runtime::new()?.block_on(wegwijs_server::run(options))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn search(args: SearchArgs) -> Result<ExitCode> {
    let index = input::index(&args.input, input::vocabulary(args.synonyms.as_deref())?)?;
    let parse_all = |values: &[String], what: &str, parse: &dyn Fn(&str) -> bool| -> Result<()> {
        for value in values {
            if !parse(value) {
                bail!("{value:?} is not a {what}");
            }
        }
        Ok(())
    };
    parse_all(&args.domains, "life domain", &|v| {
        Domain::from_code(v).is_some()
    })?;
    parse_all(&args.levels, "provision level", &|v| {
        Level::from_code(v).is_some()
    })?;
    parse_all(&args.groups, "target group", &|v| {
        TargetGroup::from_code(v).is_some()
    })?;
    let open_at = match (&args.open_at, args.open_now) {
        (Some(text), _) => Some(
            LocalDateTime::parse(text)
                .with_context(|| format!("{text:?} is not an ISO date-time"))?,
        ),
        (None, true) => Some(now()),
        (None, false) => None,
    };
    let near = match &args.near {
        Some(text) => Some(Point::parse(text).with_context(|| format!("{text:?} is not LAT,LON"))?),
        None => None,
    };
    let query = Query {
        text: args.query.clone(),
        filters: Filters {
            domains: args
                .domains
                .iter()
                .filter_map(|d| Domain::from_code(d))
                .collect(),
            levels: args
                .levels
                .iter()
                .filter_map(|l| Level::from_code(l))
                .collect(),
            free: args.free,
            no_referral: args.no_referral,
            target_groups: args
                .groups
                .iter()
                .filter_map(|g| TargetGroup::from_code(g))
                .collect(),
            age: args.age,
            language: args.language.clone(),
            wheelchair: args.wheelchair,
            open_at,
            within_km: args.within,
            include_not_running: args.include_not_running,
        },
        near,
        sort: match args.sort {
            SortArg::Relevance => Sort::Relevance,
            SortArg::InformalFirst => Sort::InformalFirst,
            SortArg::Distance => Sort::Distance,
        },
        limit: args.limit,
        count_open_at: open_at,
    };
    let results = index.search(&query);
    let services = index.services();
    let rows: Vec<_> = results
        .hits
        .iter()
        .map(|hit| {
            let service = &services[hit.doc as usize];
            json!({
                "id": service.id,
                "name": service.name,
                "organization": service.organization,
                "status": service.status.hsds(),
                "alert": service.alert,
                "domains": service.domains,
                "level": service.level,
                "score": (f64::from(hit.score) * 1000.0).round() / 1000.0,
                "distance_km": hit.distance_km.map(|d| (d * 100.0).round() / 100.0),
                "free": service.free,
                "copies": hit.copies.iter().map(|doc| services[*doc as usize].id.clone()).collect::<Vec<_>>(),
            })
        })
        .collect();
    if args.json {
        let value = if args.facets {
            json!({"results": rows, "total": results.total, "facets": results.facets, "detected_domains": results.detected_domains, "vague": results.vague})
        } else {
            json!(rows)
        };
        println!("{}", serde_json::to_string_pretty(&value)?);
    } else {
        println!("{} results for {:?}", results.total, args.query);
        if results.vague {
            println!("(a question without meaningful words: the neighbourhood teams)");
        }
        for (rank, row) in rows.iter().enumerate() {
            let copies = row["copies"].as_array().map_or(0, Vec::len);
            println!(
                "{:>3}. {}{} — {} [{}] {:.3}",
                rank + 1,
                row["name"].as_str().unwrap_or_default(),
                if copies > 0 {
                    format!(" (+{copies} copies)")
                } else {
                    String::new()
                },
                row["organization"].as_str().unwrap_or("-"),
                row["domains"]
                    .as_array()
                    .map(|d| d
                        .iter()
                        .filter_map(|x| x.as_str())
                        .collect::<Vec<_>>()
                        .join(", "))
                    .unwrap_or_default(),
                row["score"].as_f64().unwrap_or_default()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn print_summary(
    name: &str,
    summary: &Summary,
    problems: &[Problem],
    vocabulary: &wegwijs_directory::Vocabulary,
) {
    println!("{name}: {} services", summary.services);
    println!("services per life domain:");
    for (domain, count) in &summary.per_domain {
        let label = vocabulary
            .domain(*domain)
            .map_or(domain.code(), |info| info.nl.as_str());
        println!("  {:<16} {count:>5}  {label}", domain.code());
    }
    let empty = summary.empty_domains();
    if !empty.is_empty() {
        let codes: Vec<_> = empty.iter().map(|d| d.code()).collect();
        println!(
            "life domains without any service (blind spots): {}",
            codes.join(", ")
        );
    }
    let list = |title: &str, items: &[String]| {
        println!("{title}: {}", items.len());
        for item in items.iter().take(20) {
            println!("  - {item}");
        }
        if items.len() > 20 {
            println!("  … and {} more", items.len() - 20);
        }
    };
    list("without a life domain", &summary.without_domain);
    list("without contact details", &summary.without_contact);
    let stale: Vec<String> = summary
        .stale
        .iter()
        .map(|(s, d)| format!("{s}: last checked {d}"))
        .collect();
    list("stale (last checked more than a year ago)", &stale);
    println!("never checked: {}", summary.never_checked);
    list(
        "temporarily closed (residents see the alert)",
        &summary.temporarily_closed,
    );
    list(
        "not running (inactive or defunct: only workers see them)",
        &summary.not_running,
    );
    println!(
        "problems: {} errors, {} warnings",
        summary.errors, summary.warnings
    );
    for problem in problems {
        println!("  {problem}");
    }
}

fn report_problems(problems: &[Problem]) {
    let errors = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    if !problems.is_empty() {
        eprintln!(
            "{errors} errors and {} warnings while importing (`wegwijs validate` lists them)",
            problems.len() - errors
        );
    }
}

fn write_output(path: Option<&PathBuf>, bytes: &[u8]) -> Result<()> {
    match path {
        Some(path) => {
            fs::write(path, bytes).with_context(|| format!("cannot write {}", path.display()))
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout.write_all(bytes)?;
            stdout.write_all(b"\n")?;
            Ok(())
        }
    }
}

/// The size of the directory's HSDS export, gzipped, without holding either in memory.
fn gzipped_export_size(
    directory: &wegwijs_directory::Directory,
    vocabulary: &wegwijs_directory::Vocabulary,
) -> Result<usize> {
    // The default level: `best` takes three times as long on a large map for 1 % less.
    let encoder = flate2::write::GzEncoder::new(Counter(0), flate2::Compression::default());
    // serde_json writes a token at a time; the encoder wants large writes.
    let mut buffered = std::io::BufWriter::with_capacity(1 << 16, encoder);
    write_hsds(
        &mut buffered,
        directory,
        vocabulary,
        &ExportOptions::default(),
        false,
    )?;
    let encoder = buffered.into_inner().map_err(|error| error.into_error())?;
    Ok(encoder.finish()?.0)
}

/// The size of a file gzipped, read in pieces.
fn gzipped_file_size(mut file: fs::File) -> Result<usize> {
    let mut encoder = flate2::write::GzEncoder::new(Counter(0), flate2::Compression::default());
    std::io::copy(&mut file, &mut encoder)?;
    Ok(encoder.finish()?.0)
}

/// The size of `bytes` gzipped.
fn gzip(bytes: &[u8]) -> Result<usize> {
    let mut encoder = flate2::write::GzEncoder::new(Counter(0), flate2::Compression::best());
    encoder.write_all(bytes)?;
    Ok(encoder.finish()?.0)
}

/// Counts what is written to it, and keeps nothing.
struct Counter(usize);

impl Write for Counter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0 += bytes.len();
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn now() -> LocalDateTime {
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    LocalDateTime::from_unix(seconds)
}
