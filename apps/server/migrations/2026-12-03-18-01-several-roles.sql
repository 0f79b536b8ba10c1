-- Several roles per person (issue 18): `role` stays the primary role (what invitations and the
-- screens show first); `additional_roles` holds the others. Permissions are the union of both.
-- Kept as a column beside `role` so every existing insert (set-up, invitations) stays valid.
ALTER TABLE users ADD COLUMN additional_roles text[] NOT NULL DEFAULT '{}'
  CHECK (additional_roles <@ ARRAY['admin','coordinator','observer','legal','comms','volunteer','board','researcher']::text[]);
