-- Contact search in one pass (issue 13: 50,000 contacts searched under 50 ms). The search text
-- of a contact now holds everything a search looks in — name, job title, beat, tags, the
-- employer's name and every channel (e-mail addresses, phones, handles) — lower-cased and
-- without accents, so a search is one LIKE on one column instead of a LIKE on contacts OR a
-- pass over contact_channels. Kept by triggers, so every way of writing a contact (the form,
-- the CSV import, a merge, an erasure, a bench's bulk insert) keeps it true.

-- Lower case without accents (the accents of French, Spanish, German, Portuguese…); the
-- server normalises a query the same way (contact-search.ts). IMMUTABLE: same text, same result.
CREATE FUNCTION contact_search_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  -- translate() before lower(): lower() of a non-ASCII letter depends on the database's locale.
  SELECT lower(replace(replace(replace(replace(translate(t,
    'àáâãäåāçćčèéêëēėęìíîïīñńòóôõöøōùúûüūýÿžźżšśłğıÀÁÂÃÄÅĀÇĆČÈÉÊËĒĖĘÌÍÎÏĪÑŃÒÓÔÕÖØŌÙÚÛÜŪÝŸŽŹŻŠŚŁĞİ',
    'aaaaaaaccceeeeeeeiiiiinnooooooouuuuuyyzzzsslgiAAAAAAACCCEEEEEEEIIIIINNOOOOOOOUUUUUYYZZZSSLGI'), 'œ', 'oe'), 'Œ', 'oe'), 'æ', 'ae'), 'Æ', 'ae'))
$$;

ALTER TABLE contacts DROP COLUMN search_text;
ALTER TABLE contacts ADD COLUMN search_text text NOT NULL DEFAULT '';

CREATE FUNCTION contact_search_text_of(c contacts) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT contact_search_fold(concat_ws(' ', c.display_name, c.job_title, c.beat, array_to_string(c.tags, ' '),
    (SELECT e.display_name FROM contacts e WHERE e.id = c.employer_id),
    (SELECT string_agg(ch.normalised || CASE WHEN ch.value <> ch.normalised THEN ' ' || ch.value ELSE '' END, ' ')
       FROM contact_channels ch WHERE ch.contact_id = c.id)))
$$;

CREATE FUNCTION contacts_search_before() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_text := contact_search_text_of(NEW);
  RETURN NEW;
END $$;
CREATE TRIGGER contacts_search_before BEFORE INSERT OR UPDATE OF display_name, job_title, beat, tags, employer_id, search_text
  ON contacts FOR EACH ROW EXECUTE FUNCTION contacts_search_before();

-- An organisation renamed: its people are found by the new name.
CREATE FUNCTION contacts_search_employer_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE contacts SET search_text = '' WHERE employer_id = NEW.id;
  RETURN NULL;
END $$;
CREATE TRIGGER contacts_search_employer_renamed AFTER UPDATE OF display_name ON contacts
  FOR EACH ROW WHEN (OLD.display_name IS DISTINCT FROM NEW.display_name AND NEW.kind = 'organisation')
  EXECUTE FUNCTION contacts_search_employer_renamed();

-- A channel added, changed or removed: its contact's search text is written again (one statement).
CREATE FUNCTION contact_channels_search_after() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE contacts SET search_text = '' WHERE id IN (SELECT contact_id FROM changed_channels);
  RETURN NULL;
END $$;
CREATE TRIGGER contact_channels_search_insert AFTER INSERT ON contact_channels
  REFERENCING NEW TABLE AS changed_channels FOR EACH STATEMENT EXECUTE FUNCTION contact_channels_search_after();
-- A channel moved to another contact (a merge): both contacts are written again.
CREATE FUNCTION contact_channels_search_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE contacts SET search_text = '' WHERE id IN (SELECT contact_id FROM old_channels UNION SELECT contact_id FROM new_channels);
  RETURN NULL;
END $$;
CREATE TRIGGER contact_channels_search_update AFTER UPDATE ON contact_channels
  REFERENCING OLD TABLE AS old_channels NEW TABLE AS new_channels FOR EACH STATEMENT EXECUTE FUNCTION contact_channels_search_moved();
CREATE TRIGGER contact_channels_search_delete AFTER DELETE ON contact_channels
  REFERENCING OLD TABLE AS changed_channels FOR EACH STATEMENT EXECUTE FUNCTION contact_channels_search_after();

UPDATE contacts SET search_text = '';
