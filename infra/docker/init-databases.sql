-- One database per Mosaic service (the same list infra/postgres.sh creates).
CREATE DATABASE mosaic_travel;
CREATE DATABASE mosaic_seizure;
CREATE DATABASE mosaic_fingerprint;
CREATE DATABASE mosaic_identity;
CREATE DATABASE mosaic_analysis;
CREATE DATABASE mosaic_audit;
