import Schema

/// A small, clearly fictional team workspace that `hyperpage demo` answers queries over when no
/// tool is configured, so the product can be tried on a bare machine.
enum DemoWorkspace {
    static let schemaSDL = #"""
        """
        Demo workspace: work items of one team across its tools.
        """
        type Query {
          "The signed-in user"
          viewer: User!
          "Open code reviews across GitHub and GitLab"
          reviews(first: Int = 10): [CodeReview!]!
          "Recent CI/CD runs"
          pipelines(first: Int = 10): [Pipeline!]!
          "Tickets from every tracker"
          tickets(status: TicketStatus): [Ticket!]!
        }

        type User { login: String! name: String }

        enum Tool { GITHUB GITLAB JIRA }
        enum TicketStatus { TODO IN_PROGRESS DONE }

        interface WorkItem { id: ID! tool: Tool! title: String! url: String! }

        type CodeReview implements WorkItem {
          id: ID! tool: Tool! title: String! url: String!
          author: User!
          approvals: Int!
        }

        type Pipeline {
          id: ID!
          tool: Tool!
          ref: String!
          status: String!
          durationSeconds: Int
        }

        type Ticket implements WorkItem {
          id: ID! tool: Tool! title: String! url: String!
          status: TicketStatus!
          assignee: User
        }
        """#

    static let query = #"""
        query Dashboard {
          viewer { login name }
          reviews { ...Item author { login } approvals }
          pipelines { tool ref status durationSeconds }
          tickets { ...Item status assignee { login } }
        }

        fragment Item on WorkItem { __typename id tool title url }
        """#

    static let dataJSON = #"""
        {
          "viewer": {"login": "demo-user", "name": "Demo User"},
          "reviews": [
            {"__typename": "CodeReview", "id": "gh-pr-1", "tool": "GITHUB", "title": "Add retry budget to the upstream client",
             "url": "https://example.invalid/demo/pulls/1", "author": {"login": "alice", "name": null}, "approvals": 1},
            {"__typename": "CodeReview", "id": "gl-mr-7", "tool": "GITLAB", "title": "Cache pipeline lookups",
             "url": "https://example.invalid/demo/merge_requests/7", "author": {"login": "bob", "name": "Bob"}, "approvals": 0}
          ],
          "pipelines": [
            {"id": "gh-run-31", "tool": "GITHUB", "ref": "main", "status": "success", "durationSeconds": 312},
            {"id": "gl-pipe-88", "tool": "GITLAB", "ref": "cache-lookups", "status": "running", "durationSeconds": null}
          ],
          "tickets": [
            {"__typename": "Ticket", "id": "DEMO-12", "tool": "JIRA", "title": "Dashboard shows stale pipelines",
             "url": "https://example.invalid/demo/browse/DEMO-12", "status": "IN_PROGRESS", "assignee": {"login": "alice"}},
            {"__typename": "Ticket", "id": "gh-issue-4", "tool": "GITHUB", "title": "Document the config file",
             "url": "https://example.invalid/demo/issues/4", "status": "TODO", "assignee": null}
          ]
        }
        """#
}
