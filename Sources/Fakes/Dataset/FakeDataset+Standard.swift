import Foundation

extension FakeDataset {
    /// The fixed sample served by `hyperpage demo` and used by the tests: organisation
    /// `hyperpage-demo`, viewer "Dana Demo" on every tool. See the `standard…` builders for the
    /// rules that decide states and involvement.
    public static let standard: FakeDataset = {
        var clock = SampleClock()
        let github = GitHubDataset.standard(clock: &clock)
        let gitlab = GitLabDataset.standard(clock: &clock)
        let jira = JiraDataset.standard(clock: &clock)
        return FakeDataset(github: github, gitlab: gitlab, jira: jira)
    }()
}

