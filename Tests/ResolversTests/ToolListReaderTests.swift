import Schema
import Testing
@testable import Resolvers

/// The merge of paged sources: pages in `updatedAt` order, every record exactly once, opaque
/// cursors that only page their own list, and a failing group that only loses its own records.
@Suite struct ToolListReaderTests {
    /// A source of `count` records with descending times `start - step*i`, served in pages of
    /// the requested size with page-number tokens.
    static func source(_ key: String, type: String, count: Int, start: Int, step: Int,
                       failing: Bool = false, total: Bool = true) -> PagedSource {
        let records = (0..<count).map { i in
            ToolRecord(type, ObjectValue([("id", .string("\(key)-\(i)")),
                                          ("updatedAt", .string(RFC3339.format(start - step * i)))]))
        }
        return PagedSource(key: key) { token, size async throws(UpstreamError) -> SourcePage in
            if failing { throw UpstreamError(code: .unavailable, tool: key, message: "down") }
            let page = Int(token ?? "1")!
            let lo = (page - 1) * size, hi = min(lo + size, records.count)
            let slice = lo < hi ? Array(records[lo..<hi]) : []
            return SourcePage(records: slice, next: hi < records.count ? String(page + 1) : nil, total: total ? count : nil)
        }
    }

    static func group(_ tool: ToolKind, _ sources: [PagedSource]) -> SourceGroup {
        SourceGroup(tool: tool, slug: tool.slug) { () async throws(UpstreamError) in sources }
    }

    func pageThrough(_ groups: [SourceGroup], first: Int) async throws -> (ids: [String], times: [String], pages: Int) {
        var ids: [String] = [], times: [String] = []
        var after: String?
        var pages = 0
        repeat {
            let page = try await ListReader.read(groups: groups, first: first, after: after, list: "test")
            ids += page.nodes.map(\.id)
            times += page.nodes.map(\.sortKey)
            pages += 1
            #expect(page.nodes.count <= first)
            if !page.hasNextPage { break }
            after = page.endCursor
        } while pages < 100
        return (ids, times, pages)
    }

    @Test(arguments: [1, 3, 7, 20, 100])
    func pagingVisitsEveryRecordOnceNewestFirst(first: Int) async throws {
        let groups = [
            Self.group(.github, [Self.source("a", type: "A", count: 23, start: 1_000_000, step: 7)]),
            Self.group(.gitlab, [Self.source("b", type: "B", count: 11, start: 999_990, step: 13),
                                 Self.source("c", type: "B", count: 5, start: 1_000_500, step: 100)]),
        ]
        let (ids, times, _) = try await pageThrough(groups, first: first)
        #expect(ids.count == 39)
        #expect(Set(ids).count == 39)
        #expect(times == times.sorted(by: >))
    }

    @Test func totalCountIsTheSumAndCursorsAreOpaque() async throws {
        let groups = [
            Self.group(.github, [Self.source("a", type: "A", count: 4, start: 100, step: 1)]),
            Self.group(.jira, [Self.source("j", type: "J", count: 9, start: 95, step: 1, total: false)]),
        ]
        let page = try await ListReader.read(groups: groups, first: 5, after: nil, list: "test")
        #expect(try await page.total() == 13)
        let cursor = try #require(page.endCursor)
        #expect(!cursor.contains("page"))
        await #expect(throws: GraphQLFieldError.self) {
            _ = try await ListReader.read(groups: groups, first: 5, after: cursor, list: "other")
        }
        await #expect(throws: GraphQLFieldError.self) {
            _ = try await ListReader.read(groups: groups, first: 5, after: "not a cursor", list: "test")
        }
    }

    @Test func aFailingGroupKeepsTheOthersAndReportsItsError() async throws {
        let groups = [
            Self.group(.github, [Self.source("a", type: "A", count: 4, start: 100, step: 1, failing: true)]),
            Self.group(.gitlab, [Self.source("b", type: "B", count: 3, start: 100, step: 1)]),
        ]
        let page = try await ListReader.read(groups: groups, first: 10, after: nil, list: "test")
        #expect(page.nodes.map(\.id) == ["b-0", "b-1", "b-2"])
        #expect(page.outcomes.map(\.nodeCount) == [0, 3])
        #expect(page.outcomes[0].error?.code == .unavailable)
        #expect(page.outcomes[1].error == nil)
    }

    @Test func recordsOfAPageShareTheirPageKeys() async throws {
        let records = (0..<3).map { i in
            ToolRecord("JiraIssue", ObjectValue([("id", .string("\(i)"))]),
                       links: RecordLinks(project: i == 2 ? "B" : "A", item: "\(i)"))
        }
        let attached = PageKeys.attach(to: records)
        #expect(attached[0].links.page?.projects == ["A", "B"])
        #expect(attached[2].links.page?.items == ["0", "1", "2"])
    }
}
