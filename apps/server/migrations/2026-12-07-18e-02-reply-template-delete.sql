-- Reply templates can be deleted (issue 18, item 4). A reply already sent keeps its own text: the
-- mail in the pipeline and the note on the application hold it, and nothing refers to the template.
GRANT DELETE ON recruitment_reply_templates TO vigie_app;
