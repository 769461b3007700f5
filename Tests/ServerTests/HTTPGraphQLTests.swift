import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Schema
import Testing
@testable import Server

/// GraphQL over HTTP on `/graphql`, through the real router (HummingbirdTesting `.router`).
@Suite struct HTTPGraphQLTests {
    let graphQLResponseType = "application/graphql-response+json; charset=utf-8"
    let jsonType = "application/json; charset=utf-8"

    // MARK: POST

    @Test func postRunsAQueryWithVariablesAndOperationName() async throws {
        let app = try HTTPTestService.server().makeApplication()
        try await app.test(.router) { client in
            let body = #"{"query":"query A { hello } query B($n: String) { hello(name: $n) }","variables":{"n":"Ada"},"operationName":"B","extensions":{}}"#
            let response = try await client.postJSON(body)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == graphQLResponseType)
            #expect(response.text == #"{"data":{"hello":"Hello, Ada!"}}"#)
        }
    }

    @Test func nullOptionalParametersCountAsAbsent() async throws {
        let app = try HTTPTestService.server().makeApplication()
        try await app.test(.router) { client in
            let response = try await client.postJSON(#"{"query":"{ hello }","variables":null,"operationName":null,"extensions":null}"#)
            #expect(response.status == .ok)
            #expect(response.text == #"{"data":{"hello":"Hello, world!"}}"#)
        }
    }

    @Test func fieldErrorsKeepStatus200WithPartialData() async throws {
        let app = try HTTPTestService.server().makeApplication()
        try await app.test(.router) { client in
            let response = try await client.postJSON(#"{"query":"{ hello fail }"}"#)
            #expect(response.status == .ok)
            let json = try response.json()
            #expect(json[path: "data", "hello"]?.string == "Hello, world!")
            #expect(json[path: "data", "fail"] == .null)
            #expect(json[path: "errors", 0, "extensions", "code"]?.string == "BROKEN")
            #expect(json[path: "errors", 0, "path", 0]?.string == "fail")
        }
    }

    @Test func mutationsRunOverPOST() async throws {
        let counter = HTTPTestCounter()
        let app = try HTTPTestService.server(counter: counter).makeApplication()
        try await app.test(.router) { client in
            let response = try await client.postJSON(#"{"query":"mutation { increment(by: 2) }"}"#)
            #expect(response.status == .ok)
            #expect(response.text == #"{"data":{"increment":2}}"#)
        }
    }

    @Test func contextGetsTheRequestDeadline() async throws {
        let config = HTTPTestService.config { $0.server.requestTimeout = .seconds(7) }
        let app = try HTTPTestService.server(config: config).makeApplication()
        try await app.test(.router) { client in
            let json = try await client.postJSON(#"{"query":"{ secondsLeft }"}"#).json()
            guard case .float(let left)? = json[path: "data", "secondsLeft"] else {
                Issue.record("no secondsLeft in \(json)")
                return
            }
            #expect(left > 6 && left <= 7)
        }
    }

    // MARK: Status codes by media type

    @Test func parseErrorIs400ForGraphQLResponseAnd200ForJSON() async throws {
        let app = try HTTPTestService.server().makeApplication()
        try await app.test(.router) { client in
            let strict = try await client.postJSON(#"{"query":"{ hello"}"#)
            #expect(strict.status == .badRequest)
            #expect(strict.headers[.contentType] == graphQLResponseType)
            let json = try strict.json()
            #expect(json[path: "data"] == nil)
            #expect(json[path: "errors", 0, "extensions", "code"]?.string == "GRAPHQL_PARSE_FAILED")
            #expect(json[path: "errors", 0, "locations", 0, "column"]?.int == 8)

            let legacy = try await client.postJSON(#"{"query":"{ hello"}"#, accept: "application/json")
            #expect(legacy.status == .ok)
            #expect(legacy.headers[.contentType] == jsonType)
            #expect(try legacy.json()[path: "errors", 0, "extensions", "code"]?.string == "GRAPHQL_PARSE_FAILED")
        }
    }

    @Test func validationErrorIs400ForGraphQLResponseAnd200ForJSON() async throws {
        let app = try HTTPTestService.server().makeApplication()
        try await app.test(.router) { client in
            let strict = try await client.postJSON(#"{"query":"{ nope }"}"#)
            #expect(strict.status == .badRequest)
            #expect(try strict.json()[path: "errors", 0, "extensions", "code"]?.string == "GRAPHQL_VALIDATION_FAILED")
            let legacy = try await client.postJSON(#"{"query":"{ nope }"}"#, accept: "application/json")
            #expect(legacy.status == .ok)
        }
    }

    @Test func variableCoercionAndOperationSelectionFailuresAreRequestErrors() async throws {
        let app = try HTTPTestService.server().makeApplication()
        try await app.test(.router) { client in
            let badVariable = try await client.postJSON(
                #"{"query":"query ($id: ID!) { user(id: $id) { id } }","variables":{"id":[1]}}"#)
            #expect(badVariable.status == .badRequest)
            #expect(try badVariable.json()[path: "data"] == nil)
            let noSuchOperation = try await client.postJSON(#"{"query":"query A { hello }","operationName":"B"}"#)
            #expect(noSuchOperation.status == .badRequest)
            #expect(try noSuchOperation.json()[path: "errors", 0, "message"]?.string == #"Unknown operation named "B"."#)
            let legacy = try await client.postJSON(#"{"query":"query A { hello }","operationName":"B"}"#,
                                                   accept: "application/json")
            #expect(legacy.status == .ok)
        }
    }

    @Test func missingAcceptDefaultsToGraphQLResponse() async throws {
        let app = try HTTPTestService.server().makeApplication()
        try await app.test(.router) { client in
            let response = try await client.postJSON(#"{"query":"{ nope }"}"#, accept: nil)
            #expect(response.status == .badRequest)
            #expect(response.headers[.contentType] == graphQLResponseType)
        }
    }

    @Test(arguments: [
        ("application/graphql-response+json, application/json", "application/graphql-response+json"),
        ("application/json, application/graphql-response+json", "application/json"),
        ("application/json;q=0.5, application/graphql-response+json;q=0.9", "application/graphql-response+json"),
        ("*/*", "application/json"),
        ("text/html, application/*;q=0.3", "application/json"),
        ("application/graphql-response+json; charset=utf-8", "application/graphql-response+json"),
    ])
    func acceptNegotiation(accept: String, expected: String) async throws {
        let app = try HTTPTestService.server().makeApplication()
        try await app.test(.router) { client in
            let response = try await client.postJSON(#"{"query":"{ hello }"}"#, accept: accept)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == expected + "; charset=utf-8")
        }
    }

    @Test(arguments: ["text/html", "application/xml, text/plain;q=0.5", "application/json;q=0"])
    func unacceptableMediaTypesGet406(accept: String) async throws {
        let app = try HTTPTestService.server().makeApplication()
        try await app.test(.router) { client in
            let response = try await client.postJSON(#"{"query":"{ hello }"}"#, accept: accept)
            #expect(response.status == .notAcceptable)
            #expect(try response.json()[path: "errors", 0, "extensions", "code"]?.string == "NOT_ACCEPTABLE")
        }
    }

    // MARK: Malformed requests

    @Test(arguments: [nil, "text/plain", "application/x-www-form-urlencoded", "application/json; charset=latin1"])
    func unsupportedContentTypesGet415(contentType: String?) async throws {
        let app = try HTTPTestService.server().makeApplication()
        try await app.test(.router) { client in
            let response = try await client.postJSON(#"{"query":"{ hello }"}"#, contentType: contentType)
            #expect(response.status == .unsupportedMediaType)
            let json = try response.json()
            #expect(json[path: "errors", 0, "extensions", "code"]?.string == "UNSUPPORTED_MEDIA_TYPE")
        }
    }

    @Test func jsonWithUTF8CharsetIsAccepted() async throws {
        let app = try HTTPTestService.server().makeApplication()
        try await app.test(.router) { client in
            let response = try await client.postJSON(#"{"query":"{ hello }"}"#, contentType: "application/json; charset=UTF-8")
            #expect(response.status == .ok)
        }
    }

    @Test func malformedJSONIs400WithAClearMessage() async throws {
        let app = try HTTPTestService.server().makeApplication()
        try await app.test(.router) { client in
            for accept in ["application/json", "application/graphql-response+json"] {
                let response = try await client.postJSON(#"{"query": "{ hello }""#, accept: accept)
                #expect(response.status == .badRequest)
                let json = try response.json()
                #expect(json[path: "errors", 0, "extensions", "code"]?.string == "BAD_REQUEST")
                let message = json[path: "errors", 0, "message"]?.string ?? ""
                #expect(message.hasPrefix("The request body is not valid JSON: "))
                #expect(message.contains("line 1"))
            }
        }
    }

    @Test(arguments: [
        (#"{"qeury":"{ hello }"}"#, #"The request has no "query""#),
        (#"{"query":42}"#, #"The "query" parameter must be a string."#),
        (#"{"query":"{ hello }","variables":[7]}"#, #"The "variables" parameter must be a JSON object."#),
        (#"{"query":"{ hello }","operationName":3}"#, #"The "operationName" parameter must be a string."#),
        (#"{"query":"{ hello }","extensions":"x"}"#, #"The "extensions" parameter must be a JSON object."#),
        (#""{ hello }""#, "The request body must be a JSON object"),
    ])
    func illFormedParametersAre400(body: String, message: String) async throws {
        let app = try HTTPTestService.server().makeApplication()
        try await app.test(.router) { client in
            for accept in ["application/json", "application/graphql-response+json"] {
                let response = try await client.postJSON(body, accept: accept)
                #expect(response.status == .badRequest)
                let json = try response.json()
                #expect(json[path: "errors", 0, "message"]?.string?.hasPrefix(message) == true)
                #expect(json[path: "errors", 0, "extensions", "code"]?.string == "BAD_REQUEST")
            }
        }
    }

    @Test func bodiesOverTheLimitGet413() async throws {
        let config = HTTPTestService.config { $0.server.maxBodyBytes = 64 }
        let app = try HTTPTestService.server(config: config).makeApplication()
        try await app.test(.router) { client in
            let padding = String(repeating: " ", count: 100)
            let response = try await client.postJSON(#"{"query":"{ hello }"# + padding + #""}"#)
            #expect(response.status == .contentTooLarge)
            let json = try response.json()
            #expect(json[path: "errors", 0, "extensions", "code"]?.string == "PAYLOAD_TOO_LARGE")
            #expect(json[path: "errors", 0, "message"]?.string == "The request body is larger than the limit of 64 bytes.")
            let small = try await client.postJSON(#"{"query":"{ hello }"}"#)
            #expect(small.status == .ok)
        }
    }

    @Test func otherMethodsGet405WithAllow() async throws {
        let app = try HTTPTestService.server().makeApplication()
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/graphql", method: .put, body: ByteBuffer(string: "{}"))
            #expect(response.status == .methodNotAllowed)
            #expect(response.headers[.allow] == "GET, POST")
        }
    }

    // MARK: GET

    @Test func getRunsQueriesFromURLParameters() async throws {
        let app = try HTTPTestService.server().makeApplication()
        try await app.test(.router) { client in
            let response = try await client.getGraphQL([
                ("query", "query Q($n: String) { hello(name: $n) }"), ("variables", #"{"n":"Grace Hopper"}"#),
                ("operationName", "Q"),
            ])
            #expect(response.status == .ok)
            #expect(response.text == #"{"data":{"hello":"Hello, Grace Hopper!"}}"#)
            // An empty operationName means none.
            let unnamed = try await client.getGraphQL([("query", "{ hello }"), ("operationName", "")])
            #expect(unnamed.text == #"{"data":{"hello":"Hello, world!"}}"#)
        }
    }

    @Test func mutationOverGETIs405WithAllowPOST() async throws {
        let counter = HTTPTestCounter()
        let app = try HTTPTestService.server(counter: counter).makeApplication()
        try await app.test(.router) { client in
            let response = try await client.getGraphQL([("query", "mutation { increment(by: 1) }")])
            #expect(response.status == .methodNotAllowed)
            #expect(response.headers[.allow] == "POST")
            #expect(try response.json()[path: "errors", 0, "extensions", "code"]?.string == "METHOD_NOT_ALLOWED")
            // The document's query may run over GET, its mutation may not.
            let doc = "query Q { hello } mutation M { increment(by: 1) }"
            let query = try await client.getGraphQL([("query", doc), ("operationName", "Q")])
            #expect(query.status == .ok)
            let mutation = try await client.getGraphQL([("query", doc), ("operationName", "M")])
            #expect(mutation.status == .methodNotAllowed)
        }
        // Nothing was executed.
        #expect(counter.add(0) == 0)
    }

    @Test func getWithoutQueryOrWithBadVariablesIs400() async throws {
        let app = try HTTPTestService.server().makeApplication()
        try await app.test(.router) { client in
            let missing = try await client.getGraphQL([])
            #expect(missing.status == .badRequest)
            #expect(try missing.json()[path: "errors", 0, "extensions", "code"]?.string == "BAD_REQUEST")
            let badJSON = try await client.getGraphQL([("query", "{ hello }"), ("variables", "{nope")], accept: "application/json")
            #expect(badJSON.status == .badRequest)
            #expect(try badJSON.json()[path: "errors", 0, "message"]?.string?.hasPrefix(#"The "variables" parameter is not valid JSON"#) == true)
        }
    }

    // MARK: Batches

    @Test func batchIsAnsweredByAnArrayInOrder() async throws {
        let app = try HTTPTestService.server().makeApplication()
        try await app.test(.router) { client in
            let body = #"[{"query":"{ hello }"},{"query":"query($n: String) { hello(name: $n) }","variables":{"n":"Bo"}},{"query":"{ nope }"},{"query":1}]"#
            let response = try await client.postJSON(body)
            #expect(response.status == .ok)
            let items = try #require(try response.json().array)
            #expect(items.count == 4)
            #expect(items[0][path: "data", "hello"]?.string == "Hello, world!")
            #expect(items[1][path: "data", "hello"]?.string == "Hello, Bo!")
            #expect(items[2][path: "errors", 0, "extensions", "code"]?.string == "GRAPHQL_VALIDATION_FAILED")
            #expect(items[3][path: "errors", 0, "extensions", "code"]?.string == "BAD_REQUEST")
        }
    }

    /// Each operation waits until all three are running at once: only a concurrent batch
    /// answers "met" three times (no timing involved).
    @Test func batchQueriesRunConcurrently() async throws {
        let app = try HTTPTestService.server().makeApplication()
        try await app.test(.router) { client in
            let one = #"{"query":"{ meet(parties: 3) }"}"#
            let response = try await client.postJSON("[\(one),\(one),\(one)]")
            #expect(response.status == .ok)
            let items = try #require(try response.json().array)
            #expect(items.map { $0[path: "data", "meet"]?.string } == ["met", "met", "met"])
        }
    }

    @Test func batchMutationsRunInOrder() async throws {
        let counter = HTTPTestCounter()
        let app = try HTTPTestService.server(counter: counter).makeApplication()
        try await app.test(.router) { client in
            let body = #"[{"query":"mutation { increment(by: 1) }"},{"query":"mutation { increment(by: 10) }"},{"query":"mutation { increment(by: 100) }"}]"#
            let response = try await client.postJSON(body)
            #expect(response.text == #"[{"data":{"increment":1}},{"data":{"increment":11}},{"data":{"increment":111}}]"#)
        }
    }

    @Test func batchOverTheLimitOrEmptyIs400() async throws {
        let config = HTTPTestService.config { $0.graphql.maxBatch = 2 }
        let app = try HTTPTestService.server(config: config).makeApplication()
        try await app.test(.router) { client in
            let one = #"{"query":"{ hello }"}"#
            let tooMany = try await client.postJSON("[\(one),\(one),\(one)]", accept: "application/json")
            #expect(tooMany.status == .badRequest)
            let json = try tooMany.json()
            #expect(json[path: "errors", 0, "extensions", "code"]?.string == "BATCH_TOO_LARGE")
            #expect(json[path: "errors", 0, "message"]?.string == "The batch has 3 operations, more than the limit of 2.")
            let empty = try await client.postJSON("[]")
            #expect(empty.status == .badRequest)
            let ok = try await client.postJSON("[\(one),\(one)]")
            #expect(ok.status == .ok)
        }
    }

    @Test func batchWhereNothingRanIs400OnlyForGraphQLResponse() async throws {
        let app = try HTTPTestService.server().makeApplication()
        try await app.test(.router) { client in
            let body = #"[{"query":"{ nope }"},{"query":"{"}]"#
            let strict = try await client.postJSON(body)
            let legacy = try await client.postJSON(body, accept: "application/json")
            #expect(strict.status == .badRequest)
            #expect(legacy.status == .ok)
        }
    }

    // MARK: Limits

    @Test func tooDeepQueryIsRefusedWithCodeAndLocation() async throws {
        let config = HTTPTestService.config { $0.graphql.maxDepth = 3 }
        let app = try HTTPTestService.server(config: config).makeApplication()
        try await app.test(.router) { client in
            let ok = try await client.postJSON(#"{"query":"{ nested { child { value } } }"}"#)
            #expect(ok.status == .ok)
            let query = "{ nested {\\n child {\\n child { value } } } }"
            let response = try await client.postJSON(#"{"query":"\#(query)"}"#)
            #expect(response.status == .badRequest)
            let json = try response.json()
            #expect(json[path: "data"] == nil)
            #expect(json[path: "errors", 0, "extensions", "code"]?.string == "QUERY_TOO_DEEP")
            #expect(json[path: "errors", 0, "extensions", "depth"]?.int == 4)
            #expect(json[path: "errors", 0, "extensions", "maxDepth"]?.int == 3)
            #expect(json[path: "errors", 0, "locations", 0, "line"]?.int == 3)
            #expect(json[path: "errors", 0, "locations", 0, "column"]?.int == 10)
            let legacy = try await client.postJSON(#"{"query":"\#(query)"}"#, accept: "application/json")
            #expect(legacy.status == .ok)
            #expect(try legacy.json()[path: "errors", 0, "extensions", "code"]?.string == "QUERY_TOO_DEEP")
        }
    }

    @Test func depthCountsThroughFragments() async throws {
        let config = HTTPTestService.config { $0.graphql.maxDepth = 3 }
        let app = try HTTPTestService.server(config: config).makeApplication()
        try await app.test(.router) { client in
            let query = "{ nested { ...A } } fragment A on Nested { child { ... on Nested { child { value } } } }"
            let response = try await client.postJSON(#"{"query":"\#(query)"}"#)
            #expect(response.status == .badRequest)
            let json = try response.json()
            #expect(json[path: "errors", 0, "extensions", "code"]?.string == "QUERY_TOO_DEEP")
            // `value`, inside the fragment, is the field at depth 4.
            #expect(json[path: "errors", 0, "locations", 0, "column"]?.int == 76)
        }
    }

    @Test func tooComplexQueryIsRefusedWithCodeAndLocation() async throws {
        let config = HTTPTestService.config { $0.graphql.maxComplexity = 100 }
        let app = try HTTPTestService.server(config: config).makeApplication()
        try await app.test(.router) { client in
            // users(first: 5): 1 + 5 × (id 1 + name 1 + posts (default first 5): 1 + 5 × (nodes 1 + title 1)) = 66.
            let ok = try await client.postJSON(#"{"query":"{ users(first: 5) { id name posts { nodes { title } } } }"}"#)
            #expect(ok.status == .ok)
            // As a variable: first = 50 → 1 + 50 × 13 = 651.
            let body = #"{"query":"query Q($n: Int) {\n  users(first: $n) { id name posts { nodes { title } } }\n}","variables":{"n":50}}"#
            let response = try await client.postJSON(body)
            #expect(response.status == .badRequest)
            let json = try response.json()
            #expect(json[path: "errors", 0, "extensions", "code"]?.string == "QUERY_TOO_COMPLEX")
            #expect(json[path: "errors", 0, "extensions", "complexity"]?.int == 651)
            #expect(json[path: "errors", 0, "extensions", "maxComplexity"]?.int == 100)
            #expect(json[path: "errors", 0, "locations", 0]?[path: "line"]?.int == 1)
            #expect(json[path: "errors", 0, "locations", 0]?[path: "column"]?.int == 1)
        }
    }

    @Test func introspectionCanBeSwitchedOff() async throws {
        let config = HTTPTestService.config { $0.graphql.introspection = false }
        let app = try HTTPTestService.server(config: config).makeApplication()
        try await app.test(.router) { client in
            let response = try await client.postJSON(#"{"query":"{ __schema { types { name } } }"}"#)
            #expect(response.status == .badRequest)
            let json = try response.json()
            #expect(json[path: "errors", 0, "extensions", "code"]?.string == "INTROSPECTION_DISABLED")
            #expect(json[path: "errors", 0, "message"]?.string?.contains("introspection has been disabled") == true)
            #expect(json[path: "errors", 0, "locations", 0, "column"]?.int == 3)
            let type = try await client.postJSON(#"{"query":"{ __type(name: \"User\") { name } }"}"#)
            #expect(type.status == .badRequest)
            // __typename stays available.
            let typename = try await client.postJSON(#"{"query":"{ __typename }"}"#)
            #expect(typename.text == #"{"data":{"__typename":"Query"}}"#)
        }
        let open = try HTTPTestService.server().makeApplication()
        try await open.test(.router) { client in
            let response = try await client.postJSON(#"{"query":"{ __type(name: \"User\") { name } }"}"#)
            #expect(response.text == #"{"data":{"__type":{"name":"User"}}}"#)
        }
    }
}
