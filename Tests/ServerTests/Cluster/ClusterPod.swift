import Foundation
import Resolvers
import Schema

/// One `hyperpage serve --config FILE` process of a cluster test, with a small HTTP client.
final class ClusterPod: @unchecked Sendable {
    let process: Process
    let port: Int
    let client = CurlTransport()
    /// This pod's id, once `cluster()` was asked.
    private(set) var podID: String?

    struct NotServing: Error, CustomStringConvertible {
        var description: String
    }

    /// Starts the binary and waits for the "serving" line on stderr.
    init(binary: URL, config: URL, environment: [String: String]) throws {
        process = Process()
        process.executableURL = binary
        process.arguments = ["serve", "--config", config.path]
        process.environment = environment.merging(["PATH": "/usr/bin:/bin"]) { a, _ in a }
        let stderr = Pipe()
        process.standardError = stderr
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        var seen = ""
        var found: Int?
        let limit = ContinuousClock.now + .seconds(30)
        while found == nil, ContinuousClock.now < limit, process.isRunning {
            seen += String(decoding: stderr.fileHandleForReading.availableData, as: UTF8.self)
            if let match = seen.firstMatch(of: /serving http:\/\/127\.0\.0\.1:(\d+)\/graphql/) { found = Int(match.1) }
        }
        guard let found else {
            process.terminate()
            throw NotServing(description: "the pod did not start: \(seen)")
        }
        port = found
        // Keep draining stderr so the pod never blocks on a full pipe.
        stderr.fileHandleForReading.readabilityHandler = { handle in _ = handle.availableData }
    }

    /// POSTs a GraphQL request; returns the parsed response body.
    func graphQL(_ query: String, adminToken: String? = nil) async throws -> Value {
        var headers = [("content-type", "application/json")]
        if let adminToken { headers.append(("authorization", "Bearer \(adminToken)")) }
        let body = JSONSerializer.serialize(.object(ObjectValue([("query", .string(query))])))
        let response = try await client.perform(UpstreamRequest(method: "POST", url: "http://127.0.0.1:\(port)/graphql",
                                                                headers: headers, body: body), timeout: .seconds(20))
        return try JSONParser.parse(bytes: response.body)
    }

    /// `POST /admin/reload`: the status and the parsed body.
    func reload(adminToken: String?) async throws -> (status: Int, body: Value) {
        var headers: [(name: String, value: String)] = []
        if let adminToken { headers.append((name: "authorization", value: "Bearer \(adminToken)")) }
        let response = try await client.perform(UpstreamRequest(method: "POST", url: "http://127.0.0.1:\(port)/admin/reload",
                                                                headers: headers, body: []), timeout: .seconds(20))
        return (response.status, try JSONParser.parse(bytes: response.body))
    }

    /// `GET /readyz`'s JSON.
    func readiness() async throws -> Value {
        let response = try await client.perform(UpstreamRequest(method: "GET", url: "http://127.0.0.1:\(port)/readyz",
                                                                headers: [], body: []), timeout: .seconds(20))
        return try JSONParser.parse(bytes: response.body)
    }

    /// `Query.cluster` as (pod ids, ids of pods flagged leader, leader id).
    func cluster() async throws -> (pods: [String], flagged: [String], leader: String?) {
        let json = try await graphQL("{ cluster { answeredBy pods { id isLeader } leader { id fencingToken } } }")
        if case .string(let id)? = json["data"]?["cluster"]?["answeredBy"] { podID = id }
        var pods: [String] = [], flagged: [String] = []
        if case .list(let items)? = json["data"]?["cluster"]?["pods"] {
            for item in items {
                guard case .string(let id)? = item["id"] else { continue }
                pods.append(id)
                if item["isLeader"] == .bool(true) { flagged.append(id) }
            }
        }
        var leader: String?
        if case .string(let id)? = json["data"]?["cluster"]?["leader"]?["id"] { leader = id }
        return (pods, flagged, leader)
    }

    func kill(signal: Int32 = SIGKILL) {
        guard process.isRunning else { return }
        Foundation.kill(process.processIdentifier, signal)
        process.waitUntilExit()
    }

    deinit {
        kill()
        client.shutdown()
    }
}
