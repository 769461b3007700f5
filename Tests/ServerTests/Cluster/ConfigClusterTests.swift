import Foundation
import Schema
import Testing
@testable import Server

/// The `cluster`, `server.admin_token` and `cache.warm_queries` keys.
@Suite struct ConfigClusterTests {
    static let schemaDir = ServeProcessTests.packageRoot.appendingPathComponent("schema").path

    static func yaml(_ warm: String) -> String {
        """
        graphql: { schema_dir: "\(schemaDir)" }
        tools:
          github: { enabled: true, token: "${GITHUB_TOKEN}" }
          code_reviews: { enabled: true }
        cache:
          warm_interval: 30s
          warm_queries:
        \(warm)
        """
    }

    @Test func clusterKeysAndAdminTokenAreRead() throws {
        let config = try ConfigLoader.load(yaml: """
            server: { admin_token: "${ADMIN}" }
            cluster: { heartbeat_interval: 500ms, leader_lease: 3s }
            """, file: "test.yaml", environment: ["ADMIN": "secret-admin"])
        #expect(config.server.adminToken == "secret-admin")
        #expect(config.cluster.heartbeatInterval == .milliseconds(500))
        #expect(config.cluster.leaderLease == .seconds(3))
        #expect(HyperpageConfig().cluster.leaderLease == .seconds(6))
        #expect(configProblems("cluster: { leader_lease: 0s, heartbeat: 1s }").count == 2)
    }

    @Test func warmQueriesAreReadWithTheirVariables() throws {
        let config = try ConfigLoader.load(yaml: Self.yaml("""
                - name: reviews
                  query: "query($n: Int) { github { viewer { login } } codeReviews(first: $n) { totalCount } }"
                  variables: { n: 5 }
            """), file: "test.yaml", environment: ["GITHUB_TOKEN": "t"])
        let warm = try #require(config.cache.warmQueries.first)
        #expect(warm.name == "reviews")
        #expect(warm.variables["n"] == .int(5))
        #expect(warm.line == 9)
        #expect(config.cache.warmInterval == .seconds(30))
    }

    @Test func aWarmQueryThatDoesNotValidateIsReportedWithLineAndColumn() {
        let problems = configProblems(Self.yaml("""
                - name: broken
                  query: "{ github { viewer { nope } } }"
                - name: unparsable
                  query: "{ github {"
                - name: mutation
                  query: "mutation { invalidateCache(tool: GITHUB) { podsNotified } }"
            """), environment: ["GITHUB_TOKEN": "t"])
        #expect(problems.count == 3, "\(problems)")
        #expect(problems.first?.hasPrefix("9:14: cache.warm_queries[0] 'broken' (query line 1, column 21): ") == true, "\(problems)")
        #expect(problems.dropFirst().first?.hasPrefix("11:14: cache.warm_queries[1] 'unparsable' (query line 1") == true, "\(problems)")
        #expect(problems.last?.contains("only queries can be kept warm") == true, "\(problems)")
    }
}
