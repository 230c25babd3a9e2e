//! Importers for public dumps: UN/LOCODE, Wikidata-derived JSON, OpenStreetMap GeoJSON, borderwatch CSV.
