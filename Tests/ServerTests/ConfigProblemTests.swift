import Testing
@testable import Server

/// Every kind of configuration problem, with its exact line and column (1-based, at the
/// offending key or value), and all of a file's problems at once.
@Suite struct ConfigProblemTests {
    @Test func unknownKeysWithSuggestions() {
        #expect(configProblems("server:\n  prot: 80\n") == ["2:3: unknown key 'prot' in server (did you mean 'port'?)"])
        #expect(configProblems("graphql: {maxDepth: 3}\n") == ["1:11: unknown key 'maxDepth' in graphql (did you mean 'max_depth'?)"])
        #expect(configProblems("servers:\n  port: 80\n") == ["1:1: unknown key 'servers' at the top level (did you mean 'server'?)"])
        #expect(configProblems("tools:\n  jenkins: {enabled: true}\n") == ["2:3: unknown key 'jenkins' in tools"])
    }

    @Test func wrongTypes() {
        #expect(configProblems("server:\n  port: abc\n") == ["2:9: server.port: expected an integer from 0 to 65535, got 'abc'"])
        #expect(configProblems("server:\n  port: \"8080x\"\n") == ["2:9: server.port: expected an integer from 0 to 65535, got '8080x'"])
        #expect(configProblems("tools:\n  github:\n    enabled: maybe\n")
            == ["3:14: tools.github.enabled: expected true or false, got 'maybe'"])
        #expect(configProblems("graphql:\n  max_batch: [1, 2]\n") == ["2:14: graphql.max_batch: expected a single value, not a list"])
        #expect(configProblems("server: 8080\n") == ["1:9: server: expected a mapping of keys to values"])
        #expect(configProblems("tools:\n  github: {repositories: acme/api}\n")
            == ["2:26: tools.github.repositories: expected a list"])
        #expect(configProblems("- server\n") == ["1:1: the configuration: expected a mapping of keys to values"])
        #expect(configProblems("server:\n  port: 80_\n") == ["2:9: server.port: expected an integer from 0 to 65535, got '80_'"])
        #expect(configProblems("server:\n  max_body_bytes: 1__0\n")
            == ["2:19: server.max_body_bytes: expected an integer of at least 1, got '1__0'"])
    }

    @Test func durations() {
        #expect(configProblems("server:\n  request_timeout: 10\n")
            == ["2:20: server.request_timeout: expected a duration such as 500ms, 60s, 2m or 1h, got '10'"])
        #expect(configProblems("cache:\n  default_ttl: 5 minutes\n")
            == ["2:16: cache.default_ttl: expected a duration such as 500ms, 60s, 2m or 1h, got '5 minutes'"])
        #expect(configProblems("upstream: {timeout: 0ms}\n") == ["1:21: upstream.timeout: 0ms is out of range: expected a duration greater than 0"])
        #expect(configProblems("server: {shutdown_grace: 0s}\n") == [])
    }

    @Test func outOfRangeValues() {
        #expect(configProblems("server:\n  port: 65536\n") == ["2:9: server.port: 65536 is out of range: expected an integer from 0 to 65535"])
        #expect(configProblems("server:\n  port: -1\n") == ["2:9: server.port: -1 is out of range: expected an integer from 0 to 65535"])
        #expect(configProblems("server: {port: 0}\n") == [])
        #expect(configProblems("graphql:\n  max_depth: 0\n") == ["2:14: graphql.max_depth: 0 is out of range: expected an integer of at least 1"])
        #expect(configProblems("upstream:\n  max_retries: 11\n")
            == ["2:16: upstream.max_retries: 11 is out of range: expected an integer from 0 to 10"])
    }

    @Test func requiredValuesOfEnabledTools() {
        #expect(configProblems("tools:\n  github:\n    enabled: true\n")
            == ["2:3: tools.github.token is missing; a token is required when tools.github is enabled"])
        #expect(configProblems("tools:\n  github:\n    enabled: true\n    token: ${GH}\n")
            == ["4:12: tools.github.token: environment variable GH is not set; a token is required when tools.github is enabled"])
        #expect(configProblems("tools:\n  github:\n    enabled: true\n    token: \"${GH}\"\n", environment: ["GH": ""])
            == ["4:12: tools.github.token: environment variable GH is empty; a token is required when tools.github is enabled"])
        #expect(configProblems("tools:\n  jira: {enabled: true}\n") == [
            "2:3: tools.jira.web_url is missing; a URL is required when tools.jira is enabled",
            "2:3: tools.jira.email is missing; an account email is required when tools.jira is enabled",
            "2:3: tools.jira.token is missing; a token is required when tools.jira is enabled",
        ])
        #expect(configProblems("tools:\n  gitlab:\n    enabled: true\n    api_url: \"\"\n    token: ${T}\n", environment: ["T": "x"])
            == ["4:14: tools.gitlab.api_url is empty; a URL is required when tools.gitlab is enabled"])
    }

    @Test func urls() {
        let base = "tools:\n  github:\n    token: ${T}\n    api_url: "
        #expect(configProblems(base + "api.github.com\n")
            == ["4:14: tools.github.api_url: expected an absolute http:// or https:// URL, got 'api.github.com'"])
        #expect(configProblems(base + "ftp://files.acme.test\n")
            == ["4:14: tools.github.api_url: expected an absolute http:// or https:// URL, got 'ftp://files.acme.test'"])
        #expect(configProblems(base + "https://user:pw@ghe.acme.test\n")
            == ["4:14: tools.github.api_url: must not contain credentials (they come from the token keys)"])
        #expect(configProblems(base + "https://ghe.acme.test/api?x=1\n")
            == ["4:14: tools.github.api_url: must not have a query or fragment"])
        #expect(configProblems("cache:\n  redis_url: localhost:6379\n")
            == ["2:14: cache.redis_url: expected an absolute redis:// URL"])
        #expect(configProblems("cache:\n  redis_url: rediss://cache:6380\n")
            == ["2:14: cache.redis_url: expected an absolute redis:// URL"])
        #expect(configProblems("cache:\n  redis_url: redis://cache:6379\n")
            == ["2:14: cache.redis_url: a shared Redis cache needs cache.key_secret (the same secret on every pod)"])
        #expect(configProblems("cache:\n  redis_url: redis://cache:6379\n  key_secret: s\n").isEmpty)
        #expect(configProblems("database:\n  url: mysql://db/hp\n")
            == ["2:8: database.url: expected an absolute postgres:// or postgresql:// URL"])
        #expect(configProblems("database:\n  url: host=db dbname=hp\n") == [])
        #expect(configProblems("database:\n  pool_size: 0\n").count == 1)
        #expect(configProblems("database:\n  migrations_dir: \"\"\n").count == 1)
    }

    @Test func listItems() {
        #expect(configProblems("tools:\n  github:\n    repositories:\n      - acme/api\n      - acme\n")
            == ["5:9: tools.github.repositories[1]: expected a repository as owner/name, got 'acme'"])
        #expect(configProblems("tools:\n  gitlab:\n    projects: [12, platform, a/b/c]\n")
            == ["3:20: tools.gitlab.projects[1]: expected a project id or group/name path, got 'platform'"])
    }

    @Test func substitutionProblems() {
        #expect(configProblems("server:\n  host: \"${HOST\"\n")
            == ["2:9: server.host: unterminated '${' (close it with '}', or write '$$' for a literal '$')"])
        #expect(configProblems("server:\n  host: ${HOST:?unset}\n")
            == ["2:9: server.host: '${HOST:?unset}' is not a substitution: write ${NAME} or ${NAME:-default} (NAME: letters, digits, '_')"])
        #expect(configProblems("server:\n  port: ${PORT}\n")
            == ["2:9: server.port: expected an integer from 0 to 65535, but environment variable PORT is not set"])
        #expect(configProblems("server:\n  host: ${HOST}\n")
            == ["2:9: server.host: expected a host name or address to listen on, but environment variable HOST is not set"])
    }

    @Test func secretsComeFromTheEnvironmentAndAreNeverPrinted() {
        let problems = configProblems("tools:\n  gitlab:\n    token: glpat-SECRET123\n  jira:\n    email: ${E}\n    token: x${J}\n",
                                      environment: ["E": "not-an-email-SECRET", "J": "SECRET"])
        #expect(problems == [
            "3:12: tools.gitlab.token: secrets must come from the environment: write ${GITLAB_TOKEN} instead of the token",
            "5:12: tools.jira.email: expected the Atlassian account's email address",
        ])
        #expect(configProblems("cache:\n  redis_url: \"${R}\"\n", environment: ["R": "http://:SECRET@cache"])
            == ["2:14: cache.redis_url: expected an absolute redis:// URL"])
        #expect(configProblems("server:\n  port: ${P}\n", environment: ["P": "SECRET"])
            == ["2:9: server.port: expected an integer from 0 to 65535"])
    }

    @Test func reportsEveryProblemInFileOrder() {
        let yaml = """
            server:
              port: 99999
              hots: localhost
            graphql:
              introspection: sometimes
            tools:
              code_reviews: { enabled: yes }
              github:
                enabled: true
              jira:
                enabled: true
                web_url: acme.atlassian.net
                email: dev@acme.test
                token: ${JIRA_API_TOKEN}
            """
        #expect(configProblems(yaml) == [
            "2:9: server.port: 99999 is out of range: expected an integer from 0 to 65535",
            "3:3: unknown key 'hots' in server (did you mean 'host'?)",
            "5:18: graphql.introspection: expected true or false, got 'sometimes'",
            "7:28: tools.code_reviews.enabled: expected true or false, got 'yes'",
            "8:3: tools.github.token is missing; a token is required when tools.github is enabled",
            "12:14: tools.jira.web_url: expected an absolute http:// or https:// URL, got 'acme.atlassian.net'",
            "14:12: tools.jira.token: environment variable JIRA_API_TOKEN is not set; a token is required when tools.jira is enabled",
        ])
    }

    @Test func yamlSyntaxErrorsAreLocated() {
        #expect(configProblems("server:\n  port: 8080\n   host: x\n") == ["3:8: invalid YAML: mapping values are not allowed in this context"])
        #expect(configProblems("server: {port: 8080\n")
            == ["2:1: invalid YAML: did not find expected ',' or '}' (while parsing a flow mapping at line 1, column 9)"])
        #expect(configProblems("server:\n  host: \"open\n")
            == ["3:1: invalid YAML: found unexpected end of stream (while scanning a quoted scalar at line 2, column 9)"])
        #expect(configProblems("server:\n  port: 1\n  port: 2\n") == ["2:3: invalid YAML: key 'port' appears more than once in the same mapping"])
        #expect(configProblems("server: {}\n---\nserver: {}\n").count == 1)
    }

    @Test func invalidUTF8IsLocated() {
        #expect {
            try ConfigLoader.load(bytes: Array("server:\n  host: \"a".utf8) + [0xFF] + Array("\"\n".utf8), file: "t.yaml", environment: [:])
        } throws: { error in
            (error as? ConfigError)?.problems == [ConfigProblem(file: "t.yaml", line: 2, column: 11, message: "the file is not UTF-8 text")]
        }
    }

    @Test func problemsRenderAsFileLineColumn() {
        #expect(ConfigProblem(file: "c.yaml", line: 3, column: 7, message: "m").description == "c.yaml:3:7: m")
        #expect(ConfigProblem(file: "c.yaml", line: 0, column: 0, message: "no such file").description == "c.yaml: no such file")
    }
}
