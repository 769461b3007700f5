import Schema
import Testing
@testable import Server

/// `QueryDepth` and `QueryComplexity` on parsed documents, and `Accept` negotiation.
@Suite struct HTTPQueryAnalysisTests {
    let schema: GraphQLSchema

    init() throws {
        schema = try buildSchema(HTTPTestService.sdl)
    }

    /// The operation of `text`, which must be valid (`validating`: large generated documents
    /// skip validation, whose cost is not what these tests measure).
    private func selected(_ text: String, operationName: String? = nil, validating: Bool = true) throws -> SelectedOperation {
        let document = try parse(Source(text))
        if validating { #expect(validate(schema: schema, document: document).isEmpty) }
        return try #require(SelectedOperation(document: document, operationName: operationName))
    }

    private func depth(_ text: String, validating: Bool = true) throws -> Int {
        let s = try selected(text, validating: validating)
        return QueryDepth.measure(s.operation, fragments: s.fragments)
    }

    private func complexity(_ text: String, variables: ObjectValue = ObjectValue(), validating: Bool = true) throws -> Int {
        let s = try selected(text, validating: validating)
        return QueryComplexity.measure(schema: schema, operation: s.operation, fragments: s.fragments, variables: variables)
    }

    // MARK: Depth

    @Test func depthCountsNestedSelectionSets() throws {
        #expect(try depth("{ hello }") == 1)
        #expect(try depth("{ hello nested { value } }") == 2)
        #expect(try depth("{ nested { child { child { value } } } }") == 4)
    }

    @Test func fragmentsAddNoLevelOfTheirOwn() throws {
        #expect(try depth("{ nested { ...F } } fragment F on Nested { child { value } }") == 3)
        #expect(try depth("{ nested { ... on Nested { ... { child { value } } } } }") == 3)
        // The same fragment spread at different depths.
        #expect(try depth("{ nested { ...F child { ...F } } } fragment F on Nested { child { value } }") == 4)
    }

    @Test func introspectionIsNotCountedButTypenameIs() throws {
        #expect(try depth("{ __schema { types { fields { type { ofType { name } } } } } }") == 0)
        #expect(try depth("{ hello __type(name: \"User\") { fields { type { name } } } }") == 1)
        #expect(try depth("{ nested { __typename } }") == 2)
    }

    @Test func firstFieldPastTheLimitIsInDocumentOrder() throws {
        let s = try selected("{ nested { value child { value } } user(id: 1) { friends { friends { id } } } }")
        let field = QueryDepth.firstField(of: s.operation, fragments: s.fragments, deeperThan: 2)
        #expect(field?.name.value == "value")
        let source = Source("{ nested { value child { value } } user(id: 1) { friends { friends { id } } } }")
        #expect(field.map { source.location(of: $0.loc.start).column } == 26)
        #expect(QueryDepth.firstField(of: s.operation, fragments: s.fragments, deeperThan: 4) == nil)
    }

    @Test func manySpreadsOfNestedFragmentsStayCheap() throws {
        // Each fragment spreads the next one twice: 2^20 paths, measured through the memo.
        var text = "{ nested { ...F0 } }\n"
        for i in 0..<20 { text += "fragment F\(i) on Nested { child { ...F\(i + 1) } value ...F\(i + 1) }\n" }
        text += "fragment F20 on Nested { value }\n"
        let start = ContinuousClock.now
        let d = try depth(text, validating: false)
        let c = try complexity(text, validating: false)
        #expect(ContinuousClock.now - start < .seconds(2))
        #expect(d == 22)
        #expect(c > 1_000_000)
    }

    // MARK: Complexity

    @Test func everyFieldCostsOne() throws {
        #expect(try complexity("{ hello }") == 1)
        #expect(try complexity("{ hello nested { value child { value } } }") == 5)
        #expect(try complexity("{ __typename hello }") == 1)
        #expect(try complexity("{ __schema { types { name fields { name } } } }") == 0)
    }

    @Test func listsWithoutFirstMultiplyByTen() throws {
        // tags is a list of scalars (no sub-selection): 1. user.friends: 1 + 10 × 1.
        #expect(try complexity("{ tags }") == 1)
        #expect(try complexity("{ user(id: 1) { friends { id } } }") == 1 + (1 + 10 * 1))
    }

    @Test func firstMultipliesItsSelectionSet() throws {
        #expect(try complexity("{ users(first: 3) { id name } }") == 1 + 3 * 2)
        // No value anywhere: the default page size.
        #expect(try complexity("{ users { id } }") == 1 + 10 * 1)
        // Schema default of posts(first: Int = 5); nodes is the page already counted.
        #expect(try complexity("{ user(id: 1) { posts { nodes { title } totalCount } } }") == 1 + (1 + 5 * (1 + 1 + 1)))
        #expect(try complexity("{ user(id: 1) { posts(first: 2) { nodes { title } } } }") == 1 + (1 + 2 * (1 + 1)))
        #expect(try complexity("{ users(first: -4) { id } }") == 1)
    }

    @Test func firstFromVariablesOrTheirDefaults() throws {
        let q = "query ($n: Int = 7) { users(first: $n) { id } }"
        #expect(try complexity(q) == 1 + 7)
        #expect(try complexity(q, variables: ObjectValue([("n", .int(40))])) == 1 + 40)
        #expect(try complexity(q, variables: ObjectValue([("n", .null)])) == 1 + 7)
        #expect(try complexity("query ($n: Int) { users(first: $n) { id } }") == 1 + 10)
    }

    @Test func fragmentsCostWhatTheirFieldsCostWhereSpread() throws {
        let q = "{ users(first: 4) { ...U } user(id: 1) { ...U } } fragment U on User { id friends { id } }"
        let u = 1 + (1 + 10 * 1)  // id + friends (a list without `first`: × 10)
        #expect(try complexity(q) == (1 + 4 * u) + (1 + u))
    }

    @Test func aConnectionsNodesAreThePageAlreadyCounted() throws {
        // Under a paged field that is not itself a list (a connection), its list field is the
        // page: `nodes` is not multiplied again. Under a paged list, lists multiply as usual.
        let q = "{ user(id: 1) { posts(first: 3) { page: nodes { ...P } } } } fragment P on Post { title }"
        #expect(try complexity(q) == 1 + (1 + 3 * (1 + 1)))
    }

    @Test func hugeProductsSaturate() throws {
        let nested = String(repeating: "friends { ", count: 10) + "id" + String(repeating: " }", count: 10)
        let q = "{ users(first: 2000000000) { \(nested) } }"
        #expect(try complexity(q) == Int.max)
    }

    // MARK: Accept

    @Test func acceptParsing() {
        let ranges = AcceptHeader.parse("text/html;level=1, application/json ; q=0.4 ,*/*;q=0.1, bogus, ")
        #expect(ranges.map(\.type) == ["text", "application", "*"])
        #expect(ranges.map(\.quality) == [1, 0.4, 0.1])
    }

    @Test func mostSpecificRangeDecidesTheWeight() {
        // application/json is refused outright even though */* would accept it.
        #expect(AcceptHeader.negotiate("application/json;q=0, */*", offers: [.json, .graphQLResponse],
                                       missingHeaderDefault: .graphQLResponse) == .graphQLResponse)
        #expect(AcceptHeader.negotiate("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
                                       offers: [.json, .graphQLResponse, .html], missingHeaderDefault: .graphQLResponse) == .html)
        #expect(AcceptHeader.negotiate("", offers: [.json, .graphQLResponse], missingHeaderDefault: .graphQLResponse) == .graphQLResponse)
        #expect(AcceptHeader.negotiate("image/png", offers: [.json, .graphQLResponse], missingHeaderDefault: .graphQLResponse) == nil)
    }

    @Test func formDecoding() {
        let pairs = FormURLEncoding.decode("query=%7B+hello+%7D&operationName=&a%26b=c%3Dd&flag")
        #expect(pairs.map(\.0) == ["query", "operationName", "a&b", "flag"])
        #expect(pairs.map(\.1) == ["{ hello }", "", "c=d", ""])
    }
}
