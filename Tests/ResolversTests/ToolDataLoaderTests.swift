import Synchronization
import Testing
@testable import Resolvers

@Suite struct ToolDataLoaderTests {
    final class Calls: Sendable {
        let batches = Mutex<[[Int]]>([])
    }

    func loader(_ calls: Calls, max: Int = 50) -> DataLoader<Int, String> {
        DataLoader(name: "test", tool: "jira", maxBatchSize: max) { keys async throws(UpstreamError) in
            calls.batches.withLock { $0.append(keys) }
            var out: [Int: String] = [:]
            for k in keys where k >= 0 { out[k] = "item \(k)" }
            return out
        }
    }

    @Test func concurrentLoadsOfAPageAreOneDeduplicatedBatch() async throws {
        let calls = Calls()
        let loader = loader(calls)
        let keys = (0..<50).map { $0 % 20 }
        let results = try await withThrowingTaskGroup(of: String.self) { group in
            for k in keys { group.addTask { try await loader.load(k, batchingWith: keys) } }
            var out: [String] = []
            for try await r in group { out.append(r) }
            return out
        }
        #expect(results.count == 50)
        let batches = calls.batches.withLock { $0 }
        #expect(batches.count == 1)
        #expect(batches.first?.sorted() == Array(0..<20))
        // Cached for the rest of the request.
        #expect(try await loader.load(7) == "item 7")
        #expect(calls.batches.withLock { $0.count } == 1)
    }

    @Test func batchesAreSplitAtTheMaximumSize() async throws {
        let calls = Calls()
        let loader = loader(calls, max: 10)
        let keys = Array(0..<25)
        _ = try await loader.load(0, batchingWith: keys)
        let sizes = calls.batches.withLock { $0.map(\.count) }.sorted()
        #expect(sizes == [5, 10, 10])
    }

    @Test func aKeyTheBatchDidNotAnswerFails() async {
        let loader = loader(Calls())
        await #expect(throws: UpstreamError.self) { _ = try await loader.load(-1) }
    }
}
