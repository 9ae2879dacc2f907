-- Extensions every later migration relies on: PostGIS for geometry and geography,
-- pg_trgm for fuzzy search over names and dishes, pgcrypto for gen_random_uuid on older servers.
CREATE EXTENSION IF NOT EXISTS postgis;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pgcrypto;
