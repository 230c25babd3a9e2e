//! `borderwatch export`: every crossing with its status on a day, as GeoJSON or CSV (with HXL tags).

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use borderwatch_gazetteer::Gazetteer;
use borderwatch_service::export;
use borderwatch_service::status::{query_date, statuses};
use borderwatch_store::Store;
use jiff::civil::Date;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// RFC 7946 FeatureCollection, a Point per crossing.
    Geojson,
    /// One row per crossing.
    Csv,
}

/// Export every crossing with its status on a day.
#[derive(Debug, Clone, clap::Args)]
pub struct ExportArgs {
    #[arg(long, value_enum)]
    pub format: Format,
    /// CSV: add the HXL hashtag row under the header (#loc+name, #geo+lat, #status+access, …).
    #[arg(long)]
    pub hxl: bool,
    /// Only crossings with this country (ISO 3166-1 alpha-2) on one side.
    #[arg(long, value_name = "CC")]
    pub country: Option<String>,
    /// The day [default: the latest date any stored report speaks of].
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub at: Option<Date>,
    /// Days without a supporting report after which a status is marked stale (unconfirmed).
    #[arg(long, value_name = "DAYS", default_value_t = borderwatch_service::freshness::DEFAULT_STALE_AFTER_DAYS, value_parser = clap::value_parser!(u32).range(1..))]
    pub stale_after: u32,
    /// Write here instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

pub fn run(args: &ExportArgs, store: &mut dyn Store, gaz: &Gazetteer) -> anyhow::Result<i32> {
    if args.hxl && args.format != Format::Csv {
        anyhow::bail!("--hxl adds a row of hashtags to CSV; use it with --format csv");
    }
    borderwatch_service::up_to_date(store, gaz)?;
    let date = query_date(store, args.at)?;
    let list = borderwatch_service::listed(gaz, None, args.country.as_deref())?;
    let horizons = borderwatch_service::freshness::Horizons::days(args.stale_after);
    let rows = statuses(store, &list, date, &horizons)?;
    let text = match args.format {
        Format::Geojson => {
            let mut s = serde_json::to_string_pretty(&export::geojson(&rows))?;
            s.push('\n');
            s
        }
        Format::Csv => export::csv(&rows, args.hxl),
    };
    match &args.output {
        Some(path) => std::fs::write(path, text)
            .with_context(|| format!("writing the export to {}", path.display()))?,
        None => std::io::stdout().lock().write_all(text.as_bytes())?,
    }
    Ok(0)
}
