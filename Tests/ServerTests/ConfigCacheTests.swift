import Resolvers
import Testing
@testable import Server

/// The `cache` section: TTLs per tool and kind, stale grace, quota floors, the key secret, and
/// unknown tools or kinds reported with their line and column.
@Suite struct ConfigCacheTests {
    @Test func unknownToolsAndKindsAreReported() {
        #expect(configProblems("cache:\n  ttl:\n    github: {serch: 30s}\n")
            == ["3:14: unknown key 'serch' in cache.ttl.github (did you mean 'search'?)"])
        #expect(configProblems("cache:\n  ttl:\n    jenkins: {builds: 30s}\n") == ["3:5: unknown key 'jenkins' in cache.ttl"])
        #expect(configProblems("cache:\n  quota_floor: {bitbucket: 5}\n") == ["2:17: unknown key 'bitbucket' in cache.quota_floor"])
        #expect(configProblems("cache:\n  ttl: {gitlab: {pipelines: soon}}\n")
            == ["2:29: cache.ttl.gitlab.pipelines: expected a duration such as 500ms, 60s, 2m or 1h, got 'soon'"])
        #expect(configProblems("cache:\n  quota_floor: {github: -1}\n")
            == ["2:25: cache.quota_floor.github: -1 is out of range: expected an integer of at least 0"])
    }

    @Test func cacheSectionBecomesThePolicy() throws {
        let yaml = """
            cache:
              default_ttl: 2m
              stale_grace: 15m
              key_secret: "${SECRET}"
              ttl:
                github: { search: 20s, reviews: 0s }
              quota_floor: { github: 100 }
            """
        let config = try ConfigLoader.load(yaml: yaml, file: "test.yaml", environment: ["SECRET": "s3"])
        let policy = config.cache.policy
        #expect(policy.defaultTTL == .seconds(120))
        #expect(policy.staleGrace == .seconds(900))
        #expect(policy.keySecret == "s3")
        #expect(policy.ttl == ["github": ["search": .seconds(20), "reviews": .zero]])
        #expect(policy.floor(for: "github") == 100)
        #expect(policy.floor(for: "jira") == CachePolicy.defaultQuotaFloors["jira"])
    }

    @Test func responseReuseIsOnByDefaultAndConfigurable() throws {
        let defaults = try ConfigLoader.load(yaml: "cache: {}\n", file: "test.yaml", environment: [:])
        #expect(defaults.cache.responses)
        #expect(defaults.cache.responseMaxAge == .seconds(300))
        let off = try ConfigLoader.load(yaml: "cache:\n  responses: false\n  response_max_age: 30s\n", file: "test.yaml", environment: [:])
        #expect(!off.cache.responses)
        #expect(off.cache.responseMaxAge == .seconds(30))
        #expect(configProblems("cache:\n  response_max_age: 0s\n").count == 1)
        #expect(configProblems("cache:\n  responses: maybe\n").count == 1)
    }
}
