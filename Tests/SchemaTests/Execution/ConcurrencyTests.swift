import Testing
@testable import Schema

/// Records arrivals; `waitFor` polls (bounded) until another party has arrived.
private actor Rendezvous {
    private var arrived: Set<String> = []
    private var log: [String] = []

    func arrive(_ name: String) { arrived.insert(name) }
    func has(_ name: String) -> Bool { arrived.contains(name) }
    func append(_ entry: String) { log.append(entry) }
    func entries() -> [String] { log }

    /// Whether `other` arrived within about two seconds.
    nonisolated func waitFor(_ other: String) async -> Bool {
        for _ in 0..<200 {
            if await has(other) { return true }
            try? await Task.sleep(nanoseconds: 10_000_000)
        }
        return false
    }
}

@Suite("Execution concurrency")
struct ConcurrencyTests {
    @Test func siblingAsyncFieldsOfAQueryRunConcurrently() async throws {
        let schema = try makeSchema("type Query { a: Boolean, b: Boolean, plain: Int, nested: Nested } type Nested { c: Boolean }")
        let meeting = Rendezvous()
        var resolvers = ResolverMap<Void>()
        // Each resolver waits for the other to arrive: run one after the other, the first would time out.
        resolvers.resolveAsync("Query", "a") { _ in
            await meeting.arrive("a")
            return .value(.bool(await meeting.waitFor("b")))
        }
        resolvers.resolveAsync("Query", "b") { _ in
            await meeting.arrive("b")
            return .value(.bool(await meeting.waitFor("c")))
        }
        // `c` sits below a synchronous field: its subtree still runs concurrently with `a` and `b`.
        resolvers.resolve("Query", "nested") { _ in .value(.object(ObjectValue())) }
        resolvers.resolveAsync("Nested", "c") { _ in
            await meeting.arrive("c")
            return .value(.bool(await meeting.waitFor("a")))
        }
        let out = try await run(schema, "{ a plain b nested { c } }", data: nil, resolvers: resolvers)
        try expectJSON(out, (#"{"data": {"a": true, "plain": null, "b": true, "nested": {"c": true}}}"#))
    }

    @Test func asyncListItemsCompleteConcurrently() async throws {
        let schema = try makeSchema("type Query { items: [Item!]! } type Item { id: Int!, ok: Boolean }")
        let meeting = Rendezvous()
        var resolvers = ResolverMap<Void>()
        resolvers.resolve("Query", "items") { _ in
            .value(.list([.object(ObjectValue([("id", .int(1))])), .object(ObjectValue([("id", .int(2))]))]))
        }
        resolvers.resolveAsync("Item", "ok") { ctx in
            guard case .object(let o) = ctx.source as? Value, case .int(let id)? = o["id"] else { return nil }
            await meeting.arrive("\(id)")
            return .value(.bool(await meeting.waitFor(id == 1 ? "2" : "1")))
        }
        let out = try await run(schema, "{ items { id ok } }", resolvers: resolvers)
        try expectJSON(out, (#"{"data": {"items": [{"id": 1, "ok": true}, {"id": 2, "ok": true}]}}"#))
    }

    @Test func mutationRootFieldsRunSerially() async throws {
        let schema = try makeSchema("type Query { x: Int } type Mutation { first: [String!]!, second: [String!]!, third: [String!]! }")
        let log = Rendezvous()
        var resolvers = ResolverMap<Void>()
        resolvers.resolveAsync("Mutation", "first") { _ in
            try await Task.sleep(nanoseconds: 50_000_000)
            await log.append("first")
            return .value(.list(await log.entries().map(Value.string)))
        }
        resolvers.resolve("Mutation", "second") { _ in .value(.list([.string("sync")])) }
        resolvers.resolveAsync("Mutation", "third") { _ in
            await log.append("third")
            return .value(.list(await log.entries().map(Value.string)))
        }
        let out = try await run(schema, "mutation { third: first second t: third }", resolvers: resolvers)
        try expectJSON(out, (#"{"data": {"third": ["first"], "second": ["sync"], "t": ["first", "third"]}}"#))
    }

    @Test func errorsOfConcurrentFieldsAreReportedInFieldOrder() async throws {
        let schema = try makeSchema("type Query { a: Int, b: Int }")
        var resolvers = ResolverMap<Void>()
        resolvers.resolveAsync("Query", "a") { _ in
            try await Task.sleep(nanoseconds: 30_000_000)
            throw GraphQLFieldError("a failed")
        }
        resolvers.resolveAsync("Query", "b") { _ in throw GraphQLFieldError("b failed") }
        let out = try await run(schema, "{ a b }", resolvers: resolvers)
        try expectJSON(out, ("""
            {"data": {"a": null, "b": null}, "errors": [
              {"message": "a failed", "locations": [{"line": 1, "column": 3}], "path": ["a"]},
              {"message": "b failed", "locations": [{"line": 1, "column": 5}], "path": ["b"]}]}
            """))
    }
}
