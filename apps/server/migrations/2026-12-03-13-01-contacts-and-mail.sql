-- Communication desk, part 1: the one contacts registry with its consent ledger, and the one
-- outgoing mail pipeline (mailings, per-recipient deliveries, suppression list, bounces).
-- Owned by modules/communication/contacts (contacts_*, contact_*, consent_events) and
-- modules/communication/mailings (mail_*). Exiled people are never contacts (pseudonymous
-- persons live in the field pole).

CREATE TABLE contacts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  kind text NOT NULL CHECK (kind IN ('person','organisation')),
  display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
  -- A person's newsroom, lab, association or authority (itself a contact of kind organisation).
  employer_id uuid REFERENCES contacts(id) ON DELETE SET NULL,
  organisation_type text CHECK (organisation_type IN ('newsroom','association','authority','research','funder','other')),
  job_title text CHECK (length(job_title) <= 200),
  beat text CHECK (length(beat) <= 200),
  languages text[] NOT NULL DEFAULT '{}',
  roles text[] NOT NULL DEFAULT '{}',
  tags text[] NOT NULL DEFAULT '{}',
  notes text CHECK (length(notes) <= 10000),
  -- How we know them (legal information at first contact, RGPD art. 14).
  source text CHECK (length(source) <= 500),
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (roles <@ ARRAY['journalist','partner','authority','researcher','funder','member','donor','volunteer','candidate']::text[])
);
CREATE INDEX contacts_org_name_idx ON contacts (organisation_id, lower(display_name));
CREATE INDEX contacts_tags_idx ON contacts USING gin (tags);
CREATE INDEX contacts_roles_idx ON contacts USING gin (roles);

CREATE TABLE contact_channels (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  contact_id uuid NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('email','phone','social')),
  -- As typed; `normalised` is what duplicates are found by (lower-case e-mail, E.164 phone).
  value text NOT NULL CHECK (length(value) BETWEEN 1 AND 320),
  normalised text NOT NULL CHECK (length(normalised) BETWEEN 1 AND 320),
  label text CHECK (length(label) <= 100),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX contact_channels_unique_idx ON contact_channels (organisation_id, kind, normalised);
CREATE INDEX contact_channels_contact_idx ON contact_channels (contact_id);

-- Do-not-contact flags per channel kind, with a reason (Mautic's model).
CREATE TABLE contact_do_not_contact (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  contact_id uuid NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  channel text NOT NULL CHECK (channel IN ('email','phone','social','any')),
  reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
  set_by uuid REFERENCES users(id),
  set_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (contact_id, channel)
);

-- Lists: static (members added by hand) or a saved filter (members computed at send time).
-- The legal basis decides who may be mailed: consent lists need a granted consent event,
-- legitimate-interest lists (journalists on their professional address) need no objection.
CREATE TABLE contact_lists (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  kind text NOT NULL CHECK (kind IN ('static','saved_filter')),
  filter jsonb,
  legal_basis text NOT NULL CHECK (legal_basis IN ('consent','legitimate_interest')),
  purpose text CHECK (length(purpose) <= 1000),
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'saved_filter') = (filter IS NOT NULL))
);
CREATE UNIQUE INDEX contact_lists_name_idx ON contact_lists (organisation_id, lower(name));

CREATE TABLE contact_list_members (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  list_id uuid NOT NULL REFERENCES contact_lists(id) ON DELETE CASCADE,
  contact_id uuid NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  added_by uuid REFERENCES users(id),
  added_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (list_id, contact_id)
);

-- The consent and objection ledger: append-only events; the current status per list and
-- channel is the latest event. Proof of consent (RGPD art. 7(1)): who recorded it, when, how,
-- and the exact form text with its version. Erasure deletes a person's events with them.
CREATE TABLE consent_events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  contact_id uuid NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  list_id uuid REFERENCES contact_lists(id) ON DELETE CASCADE,
  channel text NOT NULL CHECK (channel IN ('email','phone','social')),
  status text NOT NULL CHECK (status IN ('granted','withdrawn','objected')),
  method text NOT NULL CHECK (method IN ('web_form','double_opt_in','oral','email','paper','import','one_click_unsubscribe','bounce','staff')),
  form_version text CHECK (length(form_version) <= 100),
  form_text text CHECK (length(form_text) <= 5000),
  note text CHECK (length(note) <= 1000),
  recorded_by uuid REFERENCES users(id),
  at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX consent_events_contact_idx ON consent_events (contact_id, at);
CREATE INDEX consent_events_list_idx ON consent_events (list_id, contact_id, at);

-- Timeline: what a contact received, covered or asked.
CREATE TABLE contact_interactions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  contact_id uuid NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('received','covered','asked','met','note')),
  summary text NOT NULL CHECK (length(summary) BETWEEN 1 AND 2000),
  mailing_id uuid,
  occurred_at timestamptz NOT NULL DEFAULT now(),
  recorded_by uuid REFERENCES users(id)
);
CREATE INDEX contact_interactions_contact_idx ON contact_interactions (contact_id, occurred_at DESC);

-- ===== The outgoing mail pipeline =====

-- One mailing = one message sent to many recipients, each its own delivery and job.
CREATE TABLE mailings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  -- Who asked for it: 'press_release', 'newsletter', 'manual', later job alerts and digests.
  purpose text NOT NULL CHECK (purpose IN ('press_release','newsletter','manual','transactional')),
  source_id uuid,
  list_id uuid REFERENCES contact_lists(id) ON DELETE SET NULL,
  subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 300),
  body_text text NOT NULL CHECK (length(body_text) BETWEEN 1 AND 200000),
  bulk boolean NOT NULL DEFAULT true,
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
-- A second click never sends twice: one mailing per source.
CREATE UNIQUE INDEX mailings_source_idx ON mailings (source_id) WHERE source_id IS NOT NULL;

CREATE TABLE mail_deliveries (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  mailing_id uuid NOT NULL REFERENCES mailings(id),
  contact_id uuid REFERENCES contacts(id) ON DELETE SET NULL,
  address text NOT NULL CHECK (length(address) BETWEEN 3 AND 320),
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued','sent','deferred','bounced','complained','suppressed','failed')),
  -- Random token in the per-recipient return path (bounce+<token>@…) and the unsubscribe URL.
  token text NOT NULL UNIQUE,
  attempts int NOT NULL DEFAULT 0,
  last_error text,
  sent_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX mail_deliveries_once_idx ON mail_deliveries (mailing_id, lower(address));
CREATE INDEX mail_deliveries_status_idx ON mail_deliveries (mailing_id, status);

-- Checked before every send. list_id NULL = every bulk mail to that address; a list's
-- unsubscribe only suppresses that list. Hard bounces and complaints are never scoped.
CREATE TABLE mail_suppressions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  address text NOT NULL CHECK (length(address) BETWEEN 3 AND 320),
  list_id uuid REFERENCES contact_lists(id) ON DELETE CASCADE,
  reason text NOT NULL CHECK (reason IN ('hard_bounce','soft_bounces','complaint','unsubscribed','manual','erased')),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX mail_suppressions_unique_idx ON mail_suppressions (organisation_id, lower(address), coalesce(list_id, '00000000-0000-0000-0000-000000000000'::uuid));

-- Editable bounce patterns (CiviCRM's model): a regular expression → a bounce type, hard or
-- soft, and how many hits within 30 days suppress the address.
CREATE TABLE mail_bounce_patterns (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  pattern text NOT NULL CHECK (length(pattern) BETWEEN 1 AND 500),
  bounce_type text NOT NULL CHECK (bounce_type IN ('invalid','host','quota','away','spam','relay','syntax','unknown')),
  hold_threshold int NOT NULL CHECK (hold_threshold BETWEEN 1 AND 100),
  position int NOT NULL DEFAULT 0
);

-- Bounce mails read over IMAP, kept (raw) for review: matched ones applied, the rest wait.
CREATE TABLE mail_bounces (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  delivery_id uuid REFERENCES mail_deliveries(id),
  address text NOT NULL,
  bounce_type text,
  pattern_id uuid REFERENCES mail_bounce_patterns(id) ON DELETE SET NULL,
  state text NOT NULL CHECK (state IN ('applied','counted','review','dismissed')),
  subject text,
  excerpt text NOT NULL,
  message_id text,
  received_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX mail_bounces_message_idx ON mail_bounces (organisation_id, message_id) WHERE message_id IS NOT NULL;
CREATE INDEX mail_bounces_address_idx ON mail_bounces (organisation_id, lower(address), received_at);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['contacts','contact_channels','contact_do_not_contact','contact_lists','contact_list_members',
                           'consent_events','contact_interactions','mailings','mail_deliveries','mail_suppressions',
                           'mail_bounce_patterns','mail_bounces'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY organisation_isolation ON %I
      USING (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)
      WITH CHECK (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)$p$, t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE ON %I TO vigie_app', t);
  END LOOP;
END $$;
-- Erasure on request deletes a person (and, by cascade, their channels, ledger and timeline).
GRANT DELETE ON contacts, contact_channels, contact_do_not_contact, contact_list_members, mail_bounce_patterns, mail_suppressions TO vigie_app;
-- The ledger is append-only for the application (erasure goes through the contact's cascade).
REVOKE UPDATE ON consent_events FROM vigie_app;
