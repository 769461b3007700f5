/// The tools the loopback fakes play.
public enum FakeTool: String, Sendable, CaseIterable {
    case github, gitlab, jira
}
