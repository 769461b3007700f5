import Foundation
import Postgres
import Testing
@testable import Server

/// `hyperpage persisted add|list|remove` through `CommandLineTool.execute` (the binary's entry
/// point) against a real, migrated PostgreSQL.
@Suite struct PersistedCommandTests {
    @Test func addListAndRemove() async throws {
        try await StoreTestDatabase.run { database in
            let site = try await PersistedTestSite.make(database, persistedOnly: true)
            do {
                try await addListRemove(site)
            } catch {
                await site.pool.shutdown()
                throw error
            }
            await site.pool.shutdown()
        }
    }

    func addListRemove(_ site: PersistedTestSite) async throws {
        let tools = try site.file("tools.graphql", PersistedTestSite.toolsQuery)
        let limits = try site.file("limits.graphql", "query Limits { rateLimits { tool bucket remaining } }\n")
        let limitsHash = DocumentHash.of("query Limits { rateLimits { tool bucket remaining } }\n")

        let added = await site.cli("add", "--config", site.configPath, tools, limits)
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdoutText == "\(PersistedTestSite.toolsHash)  \(tools)\n\(limitsHash)  \(limits)\n")
        #expect(try await site.row(PersistedTestSite.toolsHash)?.trusted == true)
        #expect(try await site.row(limitsHash)?.trusted == true)
        // Adding again is harmless.
        #expect(await site.cli("add", "--config", site.configPath, tools).status == 0)

        let listed = await site.cli("list", "--config", site.configPath)
        #expect(listed.status == 0)
        let lines = listed.stdoutText.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines.first?.hasPrefix("SHA256 ") == true)
        #expect(lines.first?.hasSuffix("TRUSTED  CREATED               LAST USED") == true)
        for hash in [PersistedTestSite.toolsHash, limitsHash] {
            let line = try #require(lines.first { $0.hasPrefix(hash) })
            let columns = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            #expect(columns.count == 4)
            #expect(columns[1] == "yes")
            #expect(columns[2].hasSuffix("Z") && columns[2].count == 20)
            #expect(columns[3] == "never")
        }

        let removed = await site.cli("remove", "--database-url", site.database.url, limitsHash.uppercased())
        #expect(removed.status == 0)
        #expect(removed.stdoutText == "removed \(limitsHash)\n")
        #expect(try await site.row(limitsHash) == nil)
        let again = await site.cli("remove", "--database-url", site.database.url, limitsHash)
        #expect(again.status == 1)
        #expect(again.stderr == "hyperpage: no persisted query has the hash \(limitsHash)\n")
        #expect(try await site.count() == 1)
    }

    @Test func anInvalidFileRegistersNothing() async throws {
        try await StoreTestDatabase.run { database in
            let site = try await PersistedTestSite.make(database, persistedOnly: false)
            do {
                try await invalidFile(site)
            } catch {
                await site.pool.shutdown()
                throw error
            }
            await site.pool.shutdown()
        }
    }

    func invalidFile(_ site: PersistedTestSite) async throws {
        let valid = try site.file("valid.graphql", PersistedTestSite.toolsQuery)
        let unknownField = try site.file("unknown.graphql", "query Q {\n  tools { slug colour }\n}\n")
        let broken = try site.file("broken.graphql", "{ tools { slug }")
        let result = await site.cli("add", "--config", site.configPath, valid, unknownField, broken)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0] == "\(unknownField):2:16: Cannot query field \"colour\" on type \"Tool\".")
        #expect(lines[1].hasPrefix("\(broken):1:17: Syntax Error"))
        #expect(lines[2] == "hyperpage: nothing registered: fix the documents above")
        #expect(try await site.count() == 0)

        let list = await site.cli("list", "--database-url", site.database.url)
        #expect(list.status == 0)
        #expect(list.stdoutText == "no persisted queries\n")
    }

    @Test func usageProblemsExitWithTwo() async throws {
        let folder = try makeTemporaryFolder("hyperpage-persisted-usage")
        let config = folder.appendingPathComponent("c.yaml").path
        try "database: { url: \"postgres://127.0.0.1:1/none\" }\ngraphql: { schema_dir: \"\(EndToEndHarness.schemaDirectory)\" }\n".write(toFile: config, atomically: true, encoding: .utf8)
        let cases: [([String], String)] = [
            (["persisted"], "persisted needs a sub-command"),
            (["persisted", "rename"], "unknown persisted sub-command 'rename'"),
            (["persisted", "add", "--database-url", "postgres://127.0.0.1:1/x", "q.graphql"], "persisted add needs --config FILE"),
            (["persisted", "add", "--config", config], "persisted add needs at least one document FILE"),
            (["persisted", "add", "--config", config, folder.appendingPathComponent("missing.graphql").path], "cannot read"),
            (["persisted", "remove", "--config", config, "abc"], "is not a SHA-256"),
            (["persisted", "remove", "--config", config], "persisted remove needs a HASH"),
            (["persisted", "list"], "persisted needs --config FILE with database.url set, or --database-url URL"),
            (["persisted", "list", "--config", config, "extra"], "unexpected argument 'extra'"),
        ]
        for (arguments, message) in cases {
            let result = await CommandLineTool.execute(arguments, environment: [:])
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
        }
        #expect(CommandLineTool.usage.contains("persisted add --config FILE"))
    }
}
