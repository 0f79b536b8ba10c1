-- Notifications and account mail forget their subject and text once every recipient is settled
-- (issue 13): a deadline reminder names the case, a digest the clippings, and the mailings table
-- kept them after the mail had left, and after the case or the person was erased. The pipeline
-- now empties them as each mail settles (mail-pipeline.ts); this clears those already settled.
-- Bulk mail (press releases, newsletters, a message to a list) keeps what was published, so
-- only bulk mail must still have a subject and a text.
ALTER TABLE mailings DROP CONSTRAINT mailings_subject_check;
ALTER TABLE mailings DROP CONSTRAINT mailings_body_text_check;
ALTER TABLE mailings ADD CONSTRAINT mailings_subject_check CHECK (length(subject) <= 300 AND (length(subject) >= 1 OR NOT bulk));
ALTER TABLE mailings ADD CONSTRAINT mailings_body_text_check CHECK (length(body_text) <= 200000 AND (length(body_text) >= 1 OR NOT bulk));

UPDATE mailings m SET subject = '', body_text = '', sealed_secret = NULL
WHERE NOT m.bulk
  AND (m.subject <> '' OR m.body_text <> '' OR m.sealed_secret IS NOT NULL)
  AND NOT EXISTS (SELECT 1 FROM mail_deliveries d WHERE d.mailing_id = m.id AND d.status IN ('queued', 'deferred'));
