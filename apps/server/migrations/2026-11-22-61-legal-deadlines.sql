-- Legal deadlines. The rules that compute them are DATA, not code, because the law changes:
-- the legal role edits them in the app, each with the article it comes from. A deadline keeps
-- a copy of what its rule said when it was computed (label, source, dates), so editing a rule
-- never silently moves a deadline a lawyer already relies on.

CREATE TABLE deadline_rules (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  -- Stable identifier of the rule within the organisation (seeded rules keep theirs).
  code text NOT NULL CHECK (code ~ '^[a-z0-9_]{2,60}$'),
  label text NOT NULL CHECK (length(label) BETWEEN 1 AND 200),
  -- The case type this rule is proposed for; NULL = proposed for every case.
  action_type text CHECK (action_type IN (
    'refere_liberte','refere_suspension','recours_exces_pouvoir','plainte','plainte_partie_civile',
    'saisine_defenseur_droits','contestation_amende','lettre_procureur','lettre_prefet','autre')),
  -- What the trigger date is ("notification de la décision", "date des faits").
  trigger_label text NOT NULL CHECK (length(trigger_label) BETWEEN 1 AND 200),
  amount integer NOT NULL CHECK (amount BETWEEN 1 AND 1000),
  unit text NOT NULL CHECK (unit IN ('days','months','years')),
  -- 'expires': the last day to act; 'opens': the first day an action becomes possible
  -- (a complaint with civil-party status, 3 months after a plain complaint).
  effect text NOT NULL DEFAULT 'expires' CHECK (effect IN ('expires','opens')),
  -- Where the law says a deadline ending on a Saturday, Sunday or public holiday is extended
  -- to the next working day (art. 642 CPC; art. 801 CPP for criminal procedure).
  extends_to_working_day boolean NOT NULL,
  source_note text NOT NULL CHECK (length(source_note) BETWEEN 1 AND 2000),
  remind_days_before integer[] NOT NULL DEFAULT '{7,2}'
    CHECK (cardinality(remind_days_before) <= 5 AND 0 <= ALL (remind_days_before) AND 365 >= ALL (remind_days_before)),
  active boolean NOT NULL DEFAULT true,
  updated_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (organisation_id, code)
);

CREATE TABLE legal_deadlines (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  case_id uuid NOT NULL REFERENCES legal_cases(id),
  -- NULL for a deadline entered by hand (a date set by the court, a hearing).
  rule_id uuid REFERENCES deadline_rules(id),
  label text NOT NULL CHECK (length(label) BETWEEN 1 AND 200),
  effect text NOT NULL DEFAULT 'expires' CHECK (effect IN ('expires','opens')),
  trigger_date date,
  due_on date NOT NULL,
  -- The date the rule gave before a weekend/holiday extension moved it, when it did.
  unextended_due_on date,
  source_note text CHECK (length(source_note) <= 2000),
  owner_id uuid REFERENCES users(id),
  remind_days_before integer[] NOT NULL DEFAULT '{7,2}'
    CHECK (cardinality(remind_days_before) <= 5 AND 0 <= ALL (remind_days_before) AND 365 >= ALL (remind_days_before)),
  done_at timestamptz,
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (rule_id IS NULL OR trigger_date IS NOT NULL)
);
CREATE INDEX legal_deadlines_case_idx ON legal_deadlines (case_id);
CREATE INDEX legal_deadlines_due_idx ON legal_deadlines (due_on) WHERE done_at IS NULL;

-- One row per reminder mailed, so the daily job never mails the same reminder twice.
CREATE TABLE legal_deadline_reminders (
  deadline_id uuid NOT NULL REFERENCES legal_deadlines(id),
  days_before integer NOT NULL,
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  recipient_id uuid NOT NULL REFERENCES users(id),
  sent_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (deadline_id, days_before, recipient_id)
);

-- A user's private iCal feed of deadlines and tasks (secret URL; only the token's hash is kept).
CREATE TABLE legal_calendar_feeds (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  user_id uuid NOT NULL REFERENCES users(id),
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  last_used_at timestamptz
);
CREATE UNIQUE INDEX legal_calendar_feeds_active_uq ON legal_calendar_feeds (user_id) WHERE revoked_at IS NULL;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['deadline_rules','legal_deadlines','legal_deadline_reminders','legal_calendar_feeds'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY organisation_isolation ON %I
      USING (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)
      WITH CHECK (organisation_id = nullif(current_setting('vigie.organisation_id', true), '')::uuid)$p$, t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE ON %I TO vigie_app', t);
  END LOOP;
END $$;

-- The starting rules, as data. Seeded for every existing organisation below and, through the
-- trigger, for every organisation created later (first-run set-up). The legal role edits them.
CREATE FUNCTION seed_deadline_rules(org uuid) RETURNS void LANGUAGE sql AS $$
  INSERT INTO deadline_rules (organisation_id, code, label, action_type, trigger_label, amount, unit, effect, extends_to_working_day, source_note, remind_days_before)
  VALUES
  (org, 'rep_annulation', 'Recours pour excès de pouvoir : délai de recours', 'recours_exces_pouvoir',
   'Notification ou publication de la décision', 2, 'months', 'expires', true,
   'Art. R421-1 du code de justice administrative : deux mois à compter de la notification ou de la publication de la décision. Un délai expirant un samedi, un dimanche ou un jour férié est prorogé au premier jour ouvrable suivant (art. 642 CPC, appliqué par le juge administratif). Le Conseil d''État juge ce délai « franc » (le dernier jour utile est le lendemain) : la date calculée ici ne compte pas ce jour franc, par prudence.',
   '{14,7,2}'),
  (org, 'contestation_amende', 'Contestation d''une amende forfaitaire', 'contestation_amende',
   'Envoi de l''avis de contravention', 45, 'days', 'expires', true,
   'Art. 529-2 du code de procédure pénale : requête en exonération dans les 45 jours de l''envoi de l''avis de contravention. Prorogation au premier jour ouvrable (art. 801 CPP).',
   '{10,3}'),
  (org, 'plainte_partie_civile_ouverture', 'Plainte avec constitution de partie civile possible', 'plainte_partie_civile',
   'Dépôt de la plainte simple', 3, 'months', 'opens', false,
   'Art. 85 du code de procédure pénale : la plainte avec constitution de partie civile n''est recevable que si la personne justifie avoir déposé plainte et que le procureur lui a fait connaître qu''il n''engage pas de poursuites, ou qu''un délai de trois mois s''est écoulé depuis la plainte.',
   '{0}'),
  (org, 'prescription_delit', 'Prescription de l''action publique (délit)', 'plainte',
   'Date des faits', 6, 'years', 'expires', false,
   'Art. 8 du code de procédure pénale : l''action publique des délits se prescrit par six années révolues à compter du jour où l''infraction a été commise (hors interruption ou suspension).',
   '{90,30}'),
  (org, 'prescription_contravention', 'Prescription de l''action publique (contravention)', 'plainte',
   'Date des faits', 1, 'years', 'expires', false,
   'Art. 9 du code de procédure pénale : l''action publique des contraventions se prescrit par une année révolue à compter du jour où l''infraction a été commise.',
   '{30,7}'),
  (org, 'prescription_crime', 'Prescription de l''action publique (crime)', 'plainte',
   'Date des faits', 20, 'years', 'expires', false,
   'Art. 7 du code de procédure pénale : l''action publique des crimes se prescrit par vingt années révolues à compter du jour où l''infraction a été commise.',
   '{180,30}')
  ON CONFLICT (organisation_id, code) DO NOTHING;
$$;

-- SECURITY DEFINER: the new organisation's rules must be written whoever creates it, even a
-- role that row-level security would otherwise confine to another organisation.
CREATE FUNCTION organisations_seed_deadline_rules() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  PERFORM seed_deadline_rules(NEW.id);
  RETURN NEW;
END $$;
CREATE TRIGGER seed_deadline_rules AFTER INSERT ON organisations
  FOR EACH ROW EXECUTE FUNCTION organisations_seed_deadline_rules();

SELECT seed_deadline_rules(id) FROM organisations;
