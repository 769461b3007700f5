import Schema

/// What one tool contributed to a page of a list.
struct SourceOutcome: Sendable, FieldValueProviding {
    let tool: ToolKind
    let nodeCount: Int
    let error: UpstreamError?

    func fieldValue(_ name: String) -> Resolved {
        switch name {
        case "tool": .value(.enumValue(tool.rawValue))
        case "nodeCount": .value(.int(nodeCount))
        default: .null
        }
    }
}

/// A page of a list as the connection types serve it. `totalCount` is computed only when a
/// query selects it.
struct ListPage: Sendable, FieldValueProviding {
    let nodes: [ToolRecord]
    let hasNextPage: Bool
    let endCursor: String?
    let outcomes: [SourceOutcome]
    let total: @Sendable () async throws(UpstreamError) -> Int

    func fieldValue(_ name: String) -> Resolved {
        switch name {
        case "nodes": .list(nodes.map { .object($0) })
        case "pageInfo":
            .value(.object(ObjectValue([("hasNextPage", .bool(hasNextPage)), ("endCursor", endCursor.map(Value.string) ?? .null)])))
        case "sources": .list(outcomes.map { .object($0) })
        default: .null
        }
    }

    /// The first tool failure, for single-tool lists (where any failure fails the field).
    var firstError: UpstreamError? { outcomes.lazy.compactMap(\.error).first }
}

/// Reads a page of a list merged from several sources, newest `updatedAt` first.
///
/// Each source is read from its cursor position until it has `first` records or ends (the
/// sources are read concurrently); the records are merged by `updatedAt` (ties: source order,
/// then id) and the first `first` are taken. Each source's new position is the one after its
/// last taken record, so the next page starts exactly where this one stopped: paging visits
/// every record once. A source group that fails contributes nothing and keeps its position.
enum ListReader {
    static let maxPageSize = 100

    static func read(groups: [SourceGroup], first: Int, after: String?, list: String) async throws(GraphQLFieldError) -> ListPage {
        guard first >= 0 else { throw GraphQLFieldError("`first` must not be negative.", code: "BAD_USER_INPUT") }
        let take = min(first, maxPageSize)
        let cursor: ListCursor? = try after.map { (text: String) throws(GraphQLFieldError) in
            try ListCursor.decode(text, list: list)
        }
        let pageSize = cursor?.n ?? max(1, take)
        let positions = cursor?.s ?? [:]

        // Resolve every group's sources and read them, all concurrently.
        let results = await withTaskGroup(of: (Int, GroupRead).self) { group in
            for (gi, g) in groups.enumerated() {
                group.addTask {
                    (gi, await readGroup(g, positions: positions, take: take, pageSize: pageSize))
                }
            }
            var out = [GroupRead?](repeating: nil, count: groups.count)
            for await (gi, r) in group { out[gi] = r }
            return out.map { $0! }
        }

        // Merge the buffered records.
        var streams: [(key: String, group: Int, buffer: [(ToolRecord, SourcePosition)], start: SourcePosition)] = []
        for (gi, r) in results.enumerated() {
            if case .success(let reads) = r.result {
                for s in reads { streams.append((s.key, gi, s.buffer, s.start)) }
            }
        }
        var heads = [Int](repeating: 0, count: streams.count)
        var taken: [ToolRecord] = []
        var takenPerGroup = [Int](repeating: 0, count: groups.count)
        while taken.count < take {
            var best: Int?
            for si in streams.indices where heads[si] < streams[si].buffer.count {
                guard let b = best else { best = si; continue }
                let candidate = streams[si].buffer[heads[si]].0, current = streams[b].buffer[heads[b]].0
                if candidate.sortKey > current.sortKey { best = si }  // ties: the earlier source
            }
            guard let b = best else { break }
            taken.append(streams[b].buffer[heads[b]].0)
            takenPerGroup[streams[b].group] += 1
            heads[b] += 1
        }

        // New positions and whether anything is left.
        var newPositions = positions
        var hasNext = false
        for (si, s) in streams.enumerated() {
            let position = heads[si] > 0 ? s.buffer[heads[si] - 1].1 : s.start
            newPositions[s.key] = position
            if heads[si] < s.buffer.count || !position.isEnd { hasNext = true }
        }
        for r in results where r.error != nil { hasNext = true }  // a failed tool may still hold records

        let nextCursor = ListCursor(n: pageSize, f: list, s: newPositions)
        let outcomes = groups.indices.map { gi in
            SourceOutcome(tool: groups[gi].tool, nodeCount: takenPerGroup[gi], error: results[gi].error)
        }
        let sourcesForTotal: [(PagedSource, Int?)] = results.flatMap { r -> [(PagedSource, Int?)] in
            guard case .success(let reads) = r.result else { return [] }
            return reads.map { ($0.source, $0.total) }
        }
        return ListPage(nodes: PageKeys.attach(to: taken), hasNextPage: hasNext,
                        endCursor: taken.isEmpty ? after : nextCursor.encoded(),
                        outcomes: outcomes,
                        total: { () async throws(UpstreamError) -> Int in try await totalCount(sourcesForTotal, pageSize: pageSize) })
    }

    private struct StreamRead: Sendable {
        let key: String
        let source: PagedSource
        let start: SourcePosition
        let buffer: [(ToolRecord, SourcePosition)]
        let total: Int?
    }

    private struct GroupRead: Sendable {
        let result: Result<[StreamRead], UpstreamError>
        var error: UpstreamError? {
            if case .failure(let e) = result { return e }
            return nil
        }
    }

    private static func readGroup(_ g: SourceGroup, positions: [String: SourcePosition], take: Int,
                                  pageSize: Int) async -> GroupRead {
        let sources: [PagedSource]
        do throws(UpstreamError) {
            sources = try await g.sources()
        } catch {
            return GroupRead(result: .failure(error))
        }
        let reads = await withTaskGroup(of: (Int, Result<StreamRead, UpstreamError>).self) { group in
            for (i, s) in sources.enumerated() {
                group.addTask {
                    do throws(UpstreamError) {
                        return (i, .success(try await readSource(s, from: positions[s.key] ?? .start, take: take, pageSize: pageSize)))
                    } catch {
                        return (i, .failure(error))
                    }
                }
            }
            var out = [Result<StreamRead, UpstreamError>?](repeating: nil, count: sources.count)
            for await (i, r) in group { out[i] = r }
            return out.map { $0! }
        }
        var ok: [StreamRead] = []
        for r in reads {
            switch r {
            case .success(let s): ok.append(s)
            case .failure(let e): return GroupRead(result: .failure(e))
            }
        }
        return GroupRead(result: .success(ok))
    }

    /// Reads up to `take` records of one source from `start`, following its page tokens.
    private static func readSource(_ s: PagedSource, from start: SourcePosition, take: Int,
                                   pageSize: Int) async throws(UpstreamError) -> StreamRead {
        var buffer: [(ToolRecord, SourcePosition)] = []
        var total: Int?
        guard !start.isEnd, take > 0 else {
            return StreamRead(key: s.key, source: s, start: start, buffer: [], total: nil)
        }
        var token = start.t
        var index = start.i
        while true {
            let page = try await s.fetch(token, pageSize)
            if total == nil { total = page.total }
            let records = page.records
            var j = index
            while j < records.count, buffer.count < take {
                let after: SourcePosition
                if j + 1 < records.count {
                    after = SourcePosition(t: token, i: j + 1, d: nil)
                } else if let next = page.next {
                    after = SourcePosition(t: next, i: 0, d: nil)
                } else {
                    after = .end
                }
                buffer.append((records[j], after))
                j += 1
            }
            if buffer.count >= take { break }
            guard let next = page.next, next != token else {
                if buffer.isEmpty { return StreamRead(key: s.key, source: s, start: .end, buffer: [], total: total) }
                break
            }
            token = next
            index = 0
        }
        return StreamRead(key: s.key, source: s, start: start, buffer: buffer, total: total)
    }

    /// The sum of the sources' sizes: the total a page reported, else the source's own count,
    /// else the first page's total (cached), else the records of every page.
    private static func totalCount(_ sources: [(PagedSource, Int?)], pageSize: Int) async throws(UpstreamError) -> Int {
        var sum = 0
        for (s, known) in sources {
            if let known { sum += known; continue }
            if let count = s.count { sum += try await count(); continue }
            var token: String?
            var counted = 0
            for pageIndex in 0..<1000 {
                let page = try await s.fetch(token, pageSize)
                if pageIndex == 0, let t = page.total { counted = t; break }
                counted += page.records.count
                guard let next = page.next, next != token else { break }
                token = next
            }
            sum += counted
        }
        return sum
    }
}
