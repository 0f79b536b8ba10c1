-- Cases opened before their fields were versioned have no history until they next change. Each gets
-- a first version now: its fields as they stand (the same keys as modules/legal/cases/case-history.ts),
-- dated and signed by its opening, so a case's history is never empty. Later changes compare to it.
INSERT INTO record_versions (organisation_id, entity_type, entity_id, version, data, changed_by, changed_at)
SELECT c.organisation_id, 'legal_case', c.id, 1,
  jsonb_build_object(
    'title', c.title, 'actionType', c.action_type, 'court', c.court, 'externalReference', c.external_reference,
    'summary', c.summary, 'status', c.status, 'outcome', c.outcome, 'outcomeNote', c.outcome_note),
  c.opened_by, c.created_at
FROM legal_cases c
WHERE NOT EXISTS (SELECT 1 FROM record_versions v WHERE v.entity_type = 'legal_case' AND v.entity_id = c.id);
