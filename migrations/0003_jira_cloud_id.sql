-- Jira acting as the signed-in user (docs/persistence.md). An Atlassian OAuth token only reaches
-- Jira through https://api.atlassian.com/ex/jira/{cloud id}/…: each Atlassian connection keeps
-- the cloud id and URL of the Jira site it is used on (from /oauth/token/accessible-resources),
-- or why it is not used. All three stay NULL for GitHub and GitLab, and for Atlassian
-- connections stored before this migration (looked up at their next token refresh).
ALTER TABLE tool_connections ADD COLUMN jira_cloud_id text;
ALTER TABLE tool_connections ADD COLUMN jira_site_url text;
ALTER TABLE tool_connections ADD COLUMN jira_site_problem text
    CHECK (jira_site_problem IN ('no_matching_site', 'lookup_failed', 'jira_not_enabled'));
ALTER TABLE tool_connections ADD CONSTRAINT tool_connections_jira_site CHECK (
    ((jira_cloud_id IS NULL) = (jira_site_url IS NULL))
    AND NOT (jira_cloud_id IS NOT NULL AND jira_site_problem IS NOT NULL)
    AND (provider = 'atlassian' OR (jira_cloud_id IS NULL AND jira_site_problem IS NULL)));
