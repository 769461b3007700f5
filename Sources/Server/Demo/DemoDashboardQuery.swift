/// The combined query the demo prints and `hyperpage demo --once` runs: one request for what a
/// team dashboard shows from all six tools and views.
enum DemoDashboardQuery {
    static let text = """
        query Dashboard {
          tools { slug name enabled }
          github {
            viewer { login name }
            pullRequests(state: OPEN, first: 5) {
              totalCount
              nodes { number title repository isDraft updatedAt reviews { state author { login } } }
            }
          }
          gitlab {
            mergeRequests(state: OPEN, first: 5) {
              totalCount
              nodes { iid title project { pathWithNamespace } updatedAt }
            }
          }
          jira {
            issues(first: 5) {
              totalCount
              nodes { key title status priority project { key name } changelog(first: 1) { createdAt } }
            }
          }
          codeReviews(first: 5) { totalCount nodes { __typename title state source updatedAt } pageInfo { hasNextPage endCursor } }
          pipelines(first: 5) { totalCount nodes { __typename title status source updatedAt } }
          tickets(first: 5) { totalCount nodes { __typename title status source updatedAt } }
          rateLimits { tool limit remaining resetAt }
        }
        """
}
