/// Everything the fakes serve. Tests compute the answers they expect from these values, so they
/// are public and plain; `FakeDataset.standard` is the fixed sample the demo and tests use.
public struct FakeDataset: Sendable {
    public var github: GitHubDataset
    public var gitlab: GitLabDataset
    public var jira: JiraDataset

    public init(github: GitHubDataset, gitlab: GitLabDataset, jira: JiraDataset) {
        self.github = github
        self.gitlab = gitlab
        self.jira = jira
    }
}
