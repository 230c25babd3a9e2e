//! One report in: extracted, stored with its claims, and fused, keeping the events and timelines
//! current. For callers that take reports one at a time (the server's `POST /api/reports`); the CLI's
//! bulk ingest has its own batching on the same store functions.

use borderwatch_extract::{Claim, Report, extract};
use borderwatch_fusion::Signature;
use borderwatch_gazetteer::Gazetteer;
use borderwatch_store::{Incremental, IncrementalPut, Put, Store, refresh};
use serde::Serialize;

use crate::{Error, known_crossings};

/// What ingesting one report did.
#[derive(Clone, Debug, Serialize)]
pub struct Ingested {
    pub report: String,
    pub outcome: Put,
    /// The claims the report makes: extracted now, or as stored when the report was already known.
    pub claims: Vec<Claim>,
    /// Events new, gone or different because of this report.
    pub events_changed: usize,
}

/// Takes reports one at a time, holding the fusion of the stored ones between calls so that each
/// report is written with only the rows it changes ([`Incremental`]). When another writer moves the
/// store on, the held fusion is dropped and reloaded on the next report.
pub struct Ingester {
    crossings: Vec<(String, Vec<String>)>,
    incremental: Option<Incremental>,
}

impl Ingester {
    pub fn new(gaz: &Gazetteer) -> Ingester {
        Ingester {
            crossings: known_crossings(gaz),
            incremental: None,
        }
    }

    /// Extracts `report`'s claims and stores them, with the events and timelines they change, in one
    /// transaction when possible (else stored, then refreshed). A report already stored is not
    /// extracted again: its stored claims are given back.
    pub fn ingest(
        &mut self,
        store: &mut dyn Store,
        gaz: &Gazetteer,
        report: &Report,
    ) -> Result<Ingested, Error> {
        if store.has_report(&report.id)? {
            let outcome = store.put_report(report, &[], &Signature::default())?;
            return Ok(Ingested {
                report: report.id.clone(),
                outcome,
                claims: store.claims_of(&report.id)?,
                events_changed: 0,
            });
        }
        let claims = extract(report, gaz);
        if claims.is_empty() {
            let outcome = store.put_report(report, &claims, &Signature::default())?;
            return Ok(Ingested {
                report: report.id.clone(),
                outcome,
                claims,
                events_changed: 0,
            });
        }
        let signature = Signature::of(&report.text);
        let mut refreshed = 0;
        if self.incremental.is_none() {
            let (inc, wrote) = Incremental::load(store, &self.crossings)?;
            refreshed += wrote.map_or(0, |w| w.events_changed);
            self.incremental = inc;
        }
        if let Some(inc) = &mut self.incremental {
            match inc.put(store, report, &claims, &signature)? {
                IncrementalPut::Fused {
                    put,
                    events_changed,
                } => {
                    return Ok(Ingested {
                        report: report.id.clone(),
                        outcome: put,
                        claims,
                        events_changed: events_changed + refreshed,
                    });
                }
                IncrementalPut::Stale => self.incremental = None,
            }
        }
        // Another writer is at work: store the ordinary way and bring the fusion up to date.
        let outcome = store.put_report(report, &claims, &signature)?;
        let w = refresh(store, &self.crossings)?;
        Ok(Ingested {
            report: report.id.clone(),
            outcome,
            claims,
            events_changed: w.events_changed + refreshed,
        })
    }
}
