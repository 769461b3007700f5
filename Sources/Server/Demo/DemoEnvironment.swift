import Fakes

/// The demo's world: loopback fakes of GitHub, GitLab and Jira over the built-in sample data,
/// and a configuration that points every tool and view at them.
struct DemoEnvironment {
    let github: FakeToolServer
    let gitlab: FakeToolServer
    let jira: FakeToolServer

    static func start() async throws -> DemoEnvironment {
        let github = try await FakeToolServer.start(.github)
        let gitlab = try await FakeToolServer.start(.gitlab)
        let jira = try await FakeToolServer.start(.jira)
        return DemoEnvironment(github: github, gitlab: gitlab, jira: jira)
    }

    func stop() async {
        await github.stop()
        await gitlab.stop()
        await jira.stop()
    }

    /// Every tool and view on, against the fakes, with the fakes' demo credentials.
    func config(port: Int, schemaDir: String) -> HyperpageConfig {
        var config = HyperpageConfig()
        config.server.host = "127.0.0.1"
        config.server.port = port
        config.graphql.schemaDir = schemaDir
        config.tools.github.enabled = true
        config.tools.github.apiURL = github.apiURL
        config.tools.github.token = FakeCredentials.githubToken
        config.tools.github.repositories = FakeDataset.standard.github.repositories.map(\.fullName)
        config.tools.gitlab.enabled = true
        config.tools.gitlab.apiURL = gitlab.apiURL
        config.tools.gitlab.token = FakeCredentials.gitlabToken
        config.tools.gitlab.projects = FakeDataset.standard.gitlab.projects.map(\.pathWithNamespace)
        config.tools.jira.enabled = true
        config.tools.jira.webURL = jira.apiURL
        config.tools.jira.email = FakeCredentials.jiraEmail
        config.tools.jira.token = FakeCredentials.jiraToken
        config.tools.codeReviews.enabled = true
        config.tools.ciCd.enabled = true
        config.tools.ticketing.enabled = true
        return config
    }
}
