import Testing
@testable import Schema

/// Bounded robustness of the whole pipeline: deterministic random and mutated documents go
/// through parse → validate → execute, and every outcome must be a response or located
/// GraphQL errors — never a crash, a hang or an unlocated error.
@Suite struct PipelineRobustnessTests {
    static let sdl = """
        type Query { repo(name: String!): Repo, repos(first: Int = 5, after: String): [Repo!]!, search(text: String!): [Hit!]!, me: Person }
        type Mutation { star(repo: String!, input: StarInput): Repo }
        input StarInput { note: String, tags: [String!], level: Level = LOW }
        enum Level { LOW HIGH }
        interface Node { id: ID! }
        type Repo implements Node { id: ID!, name: String!, stars: Int, owner: Person!, topics: [String!]! }
        type Person implements Node { id: ID!, login: String!, repos: [Repo!]! }
        union Hit = Repo | Person
        """

    static let data = """
        {"me": {"id": "p1", "login": "ada", "repos": [{"id": "r1", "name": "engine", "stars": 3,
          "owner": {"id": "p1", "login": "ada", "repos": []}, "topics": ["graphql"]}]},
         "repos": [{"id": "r1", "name": "engine", "stars": null, "owner": {"id": "p1", "login": "ada", "repos": []}, "topics": []},
                   {"id": "r2", "name": null, "stars": 1, "owner": null, "topics": ["x", null]}],
         "search": [{"__typename": "Repo", "id": "r1", "name": "engine", "stars": 3, "owner": {"id": "p1", "login": "ada", "repos": []}, "topics": []},
                    {"__typename": "Person", "id": "p1", "login": "ada", "repos": []}, {"__typename": "Nope"}, 7]}
        """

    static let seeds = [
        "query Q($n: Int = 2, $t: String!) { repos(first: $n) { id name ...R owner { login } } search(text: $t) { __typename ... on Person { login } ...R } }\nfragment R on Repo { stars topics }",
        "{ me { ... on Node { id } repos { name owner { repos { id } } } } a: repos { id } b: repos(first: 1) { name @skip(if: true) id @include(if: false) } }",
        "mutation M { star(repo: \"engine\", input: {note: \"hi\", tags: [\"a\", \"b\"], level: HIGH}) { id stars } }",
        "query { __schema { types { name fields(includeDeprecated: true) { name type { kind ofType { name } } } } } __type(name: \"Repo\") { name } }",
    ]

    /// A small linear congruential generator: the same cases on every run.
    struct Rng {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(max(bound, 1)))
        }
    }

    static let alphabet = Array("{}()[]:$@!=.,\"|&# \n\tabcxyzQR_019-équery fragment on ... true null".utf8)

    func check(_ text: [UInt8], schema: GraphQLSchema, data: Value) async {
        let source = Source(bytes: text)
        let document: Document
        do {
            document = try parse(source)
        } catch {
            #expect(!error.locations.isEmpty, "parse error without a location: \(error.message)")
            return
        }
        let errors = validate(schema: schema, document: document)
        for e in errors {
            #expect(e.code == "GRAPHQL_VALIDATION_FAILED")
        }
        if errors.isEmpty {
            let variables = ObjectValue([("t", .string("en")), ("n", .int(1))])
            let result = await execute(schema: schema, document: document, variableValues: variables, rootValue: data)
            _ = JSONSerializer.serialize(result)
        }
    }

    @Test func mutatedDocumentsNeverCrash() async throws {
        let schema = try buildSchema([Source(Self.sdl)])
        let data = try JSONParser.parse(Self.data)
        var rng = Rng(state: 0x5EED)
        for seed in Self.seeds {
            let base = Array(seed.utf8)
            await check(base, schema: schema, data: data)
            for _ in 0..<400 {
                var doc = base
                for _ in 0..<(1 + rng.next(4)) {
                    let at = rng.next(doc.count + 1)
                    switch rng.next(4) {
                    case 0 where at < doc.count: doc.remove(at: at)
                    case 1: doc.insert(Self.alphabet[rng.next(Self.alphabet.count)], at: at)
                    case 2 where at + 1 < doc.count: doc.swapAt(at, at + 1)
                    default:
                        // Duplicate a slice: repeats fields, fragments and arguments.
                        let end = min(doc.count, at + rng.next(30))
                        doc.insert(contentsOf: doc[at..<end], at: at)
                    }
                }
                await check(doc, schema: schema, data: data)
            }
        }
    }

    @Test func randomTokenSoupNeverCrashes() async throws {
        let schema = try buildSchema([Source(Self.sdl)])
        let data = try JSONParser.parse(Self.data)
        var rng = Rng(state: 42)
        let words = ["{", "}", "(", ")", "[", "]", ":", "$n", "@skip", "...", "R", "on", "Repo", "repos", "id", "name",
                     "fragment", "query", "mutation", "true", "1", "\"s\"", "first", "if", "me", "search", "__typename"]
        for _ in 0..<1500 {
            var text = ""
            for _ in 0..<(1 + rng.next(40)) { text += words[rng.next(words.count)] + " " }
            await check(Array(text.utf8), schema: schema, data: data)
        }
    }

    /// Long fragment chains are legal and must not exhaust the stack in validation or execution.
    @Test func longFragmentChainsValidateAndExecute() async throws {
        let schema = try buildSchema([Source(Self.sdl)])
        let data = try JSONParser.parse(Self.data)
        let n = 1500
        var text = "{ me { ...F0 } }\n"
        for i in 0..<n { text += "fragment F\(i) on Person { id ...F\(i + 1) }\n" }
        text += "fragment F\(n) on Person { login }\n"
        let document = try parse(Source(text))
        #expect(validate(schema: schema, document: document).isEmpty)
        let result = await execute(schema: schema, document: document, rootValue: data)
        #expect(JSONSerializer.string(result) == #"{"data":{"me":{"id":"p1","login":"ada"}}}"#)
    }

    /// A fragment cycle is reported by validation; execution is never reached.
    @Test func fragmentCyclesAreReportedNotFollowed() throws {
        let schema = try buildSchema([Source(Self.sdl)])
        let document = try parse(Source("{ me { ...A } }\nfragment A on Person { ...B }\nfragment B on Person { ...A }"))
        let errors = validate(schema: schema, document: document)
        #expect(errors.contains { $0.extensions.contains { $0.0 == "rule" && $0.1 == .string("NoFragmentCyclesRule") } })
    }
}
