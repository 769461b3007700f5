import Redis
import Testing

@Suite struct RedisConfigurationTests {
    @Test func parsesHostPortAndDatabase() throws {
        let configuration = try RedisConfiguration(url: "redis://cache.internal:6380/3")
        #expect(configuration.host == "cache.internal")
        #expect(configuration.port == 6380)
        #expect(configuration.database == 3)
        #expect(!configuration.hasPassword)
        #expect(configuration.poolSize == 4)
    }

    @Test func defaultsPortAndDatabase() throws {
        let configuration = try RedisConfiguration(url: "redis://localhost")
        #expect(configuration.port == 6379)
        #expect(configuration.database == 0)
    }

    @Test func passwordIsNeverShown() throws {
        let configuration = try RedisConfiguration(url: "redis://:s3cr%40t@127.0.0.1:6379/1")
        #expect(configuration.hasPassword)
        #expect(configuration.description == "redis://:***@127.0.0.1:6379/1")
        #expect(!"\(configuration)".contains("s3cr"))
    }

    @Test func passwordMayHoldSlashesAndAts() throws {
        let configuration = try RedisConfiguration(url: "redis://:a/b@c@db.local:6390/4")
        #expect(configuration.host == "db.local")
        #expect(configuration.port == 6390)
        #expect(configuration.database == 4)
        #expect(configuration.hasPassword)
    }

    @Test func acceptsAnACLUserAndIPv6() throws {
        let configuration = try RedisConfiguration(url: "redis://app:pw@[::1]:7000")
        #expect(configuration.username == "app")
        #expect(configuration.host == "::1")
        #expect(configuration.port == 7000)
        #expect(configuration.description == "redis://app:***@[::1]:7000/0")
    }

    @Test(arguments: ["http://localhost", "redis://", "redis://host:0", "redis://host:99999",
                      "redis://host/x", "redis://:hunter2@host:port"])
    func rejectsBadURLsWithoutEchoingThem(url: String) {
        do throws(RedisError) {
            _ = try RedisConfiguration(url: url)
            Issue.record("accepted \(url)")
        } catch {
            #expect(error.code == .invalidURL)
            #expect(!error.message.contains("hunter2"))
        }
    }

    @Test func rejectsAnEmptyPool() {
        #expect(throws: RedisError.self) { try RedisConfiguration(url: "redis://localhost", poolSize: 0) }
    }
}
