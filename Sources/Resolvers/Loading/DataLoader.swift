import Synchronization

/// A per-request loader that turns many single-key loads into few batch calls.
///
/// Keys asked for while a batch is being collected are deduplicated and handed to one call of
/// the batch function (split into chunks of `maxBatchSize`); every key's result is kept for the
/// rest of the request, so asking again costs nothing. A batch is collected for one "tick": the
/// first load schedules the dispatch, which yields to the executor a few times so that the
/// sibling resolvers running in the same round can add their keys before the call goes out.
///
/// Because list items run concurrently, a tick alone cannot promise that every item of a page
/// lands in the same batch. Callers that know the whole page pass its keys as `siblings`: the
/// first load of the page enqueues all of them, which makes "one request per page" exact.
public final class DataLoader<Key: Hashable & Sendable, Item: Sendable>: Sendable {
    /// Loads a batch of distinct keys; keys absent from the answer fail with `.badResponse`.
    public typealias BatchFunction = @Sendable ([Key]) async throws(UpstreamError) -> [Key: Item]

    /// The loader's name in metrics (`observer.loaderBatch`).
    public let name: String
    /// The tool the keys belong to (for the error of a key the batch did not answer).
    public let tool: String
    public let maxBatchSize: Int
    private let batch: BatchFunction
    private let observer: (any UpstreamObserver)?
    private let state = Mutex(State())

    /// How many times the dispatch yields before taking the collected keys.
    static var collectionYields: Int { 4 }

    private struct State {
        var entries: [Key: Entry] = [:]
        var pending: [Key] = []
        var dispatchScheduled = false
    }

    private enum Entry {
        case waiting([CheckedContinuation<Result<Item, UpstreamError>, Never>])
        case done(Result<Item, UpstreamError>)
    }

    private enum LoadAction {
        case resume(Result<Item, UpstreamError>)
        case scheduleDispatch
        case wait
    }

    public init(name: String, tool: String, maxBatchSize: Int = 50, observer: (any UpstreamObserver)? = nil,
                batch: @escaping BatchFunction) {
        self.name = name
        self.tool = tool
        self.maxBatchSize = max(1, maxBatchSize)
        self.observer = observer
        self.batch = batch
    }

    /// The item for `key`; `siblings` are keys the caller knows will be asked for in the same
    /// round (the rest of a page) and are batched together with it.
    public func load(_ key: Key, batchingWith siblings: [Key] = []) async throws(UpstreamError) -> Item {
        let result: Result<Item, UpstreamError> = await withCheckedContinuation { continuation in
            let action = state.withLock { s -> LoadAction in
                switch s.entries[key] {
                case .done(let r)?:
                    return .resume(r)
                case .waiting(var list)?:
                    list.append(continuation)
                    s.entries[key] = .waiting(list)
                case nil:
                    s.entries[key] = .waiting([continuation])
                    s.pending.append(key)
                }
                for sibling in siblings where s.entries[sibling] == nil {
                    s.entries[sibling] = .waiting([])
                    s.pending.append(sibling)
                }
                guard !s.pending.isEmpty, !s.dispatchScheduled else { return .wait }
                s.dispatchScheduled = true
                return .scheduleDispatch
            }
            switch action {
            case .resume(let r): continuation.resume(returning: r)
            case .scheduleDispatch: Task { await self.dispatch() }
            case .wait: break
            }
        }
        return try result.get()
    }

    /// Waits out the collection tick, then runs the batch function over the collected keys.
    private func dispatch() async {
        for _ in 0..<Self.collectionYields { await Task.yield() }
        let keys = state.withLock { s -> [Key] in
            let keys = s.pending
            s.pending = []
            s.dispatchScheduled = false
            return keys
        }
        let chunks = stride(from: 0, to: keys.count, by: maxBatchSize).map {
            Array(keys[$0..<min($0 + maxBatchSize, keys.count)])
        }
        await withTaskGroup(of: Void.self) { group in
            for chunk in chunks {
                group.addTask { await self.run(chunk) }
            }
        }
    }

    private func run(_ keys: [Key]) async {
        observer?.loaderBatch(loader: name, size: keys.count)
        let outcome: Result<[Key: Item], UpstreamError>
        do throws(UpstreamError) {
            outcome = .success(try await batch(keys))
        } catch {
            outcome = .failure(error)
        }
        for key in keys {
            let result: Result<Item, UpstreamError>
            switch outcome {
            case .failure(let e): result = .failure(e)
            case .success(let items):
                if let item = items[key] {
                    result = .success(item)
                } else {
                    result = .failure(UpstreamError(code: .badResponse, tool: tool,
                                                    message: "The tool did not return a requested item."))
                }
            }
            let waiting = state.withLock { s -> [CheckedContinuation<Result<Item, UpstreamError>, Never>] in
                guard case .waiting(let list)? = s.entries[key] else { return [] }
                s.entries[key] = .done(result)
                return list
            }
            for continuation in waiting { continuation.resume(returning: result) }
        }
    }
}
