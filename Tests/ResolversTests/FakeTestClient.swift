import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Fakes

/// A minimal HTTP client for the fake-server tests: one request, whole response, lower-cased
/// header names, and the body parsed as JSON when it is JSON.
struct FakeHTTPResult: @unchecked Sendable {
    var status: Int
    var headers: [String: String]
    var body: Data
    var json: Any? { try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed]) }
    var object: [String: Any] { json as? [String: Any] ?? [:] }
    var array: [[String: Any]] { json as? [[String: Any]] ?? [] }
    func header(_ name: String) -> String? { headers[name.lowercased()] }

    /// `Link` header relations (rel -> URL).
    var links: [String: String] {
        guard let value = header("link") else { return [:] }
        var out: [String: String] = [:]
        for part in value.components(separatedBy: ",") {
            let pieces = part.components(separatedBy: ";")
            guard pieces.count == 2, let open = pieces[0].firstIndex(of: "<"), let close = pieces[0].firstIndex(of: ">") else { continue }
            let url = String(pieces[0][pieces[0].index(after: open)..<close])
            let rel = pieces[1].trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "rel=", with: "")
                .trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            out[rel] = url
        }
        return out
    }
}

enum FakeTestClient {
    static func send(_ url: String, method: String = "GET", headers: [String: String] = [:], json: Any? = nil,
                     timeout: TimeInterval = 10) async throws -> FakeHTTPResult {
        var request = URLRequest(url: URL(string: url)!, timeoutInterval: timeout)
        request.httpMethod = method
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        if let json {
            request.httpBody = try JSONSerialization.data(withJSONObject: json)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        // A session per request: corelibs-foundation applies the session's timeout, not the
        // request's, and no connection or cache is shared between tests.
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.urlCache = nil
        let session = URLSession(configuration: configuration)
        defer { session.finishTasksAndInvalidate() }
        let (data, response) = try await session.data(for: request)
        let http = response as! HTTPURLResponse
        var lowered: [String: String] = [:]
        for (key, value) in http.allHeaderFields {
            if let k = key as? String, let v = value as? String { lowered[k.lowercased()] = v }
        }
        return FakeHTTPResult(status: http.statusCode, headers: lowered, body: data)
    }

    static let githubAuth = ["Authorization": "Bearer \(FakeCredentials.githubToken)"]
    static let gitlabAuth = ["PRIVATE-TOKEN": FakeCredentials.gitlabToken]
    static let jiraAuth = ["Authorization": "Basic " + Data("\(FakeCredentials.jiraEmail):\(FakeCredentials.jiraToken)".utf8).base64EncodedString()]
}

/// Runs `body` against a freshly started fake and always stops it.
func withFake<T>(_ tool: FakeTool, _ body: (FakeToolServer) async throws -> T) async throws -> T {
    let server = try await FakeToolServer.start(tool)
    do {
        let result = try await body(server)
        await server.stop()
        return result
    } catch {
        await server.stop()
        throw error
    }
}

/// Strings of the form GitHub (`2025-05-05T08:00:00Z`), GitLab (`…00.000Z`) and Jira
/// (`…00.000+0000`) write.
enum TimestampShape {
    static func github(_ s: String?) -> Bool { matches(s, #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$"#) }
    static func gitlab(_ s: String?) -> Bool { matches(s, #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$"#) }
    static func jira(_ s: String?) -> Bool { matches(s, #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$"#) }
    private static func matches(_ s: String?, _ pattern: String) -> Bool {
        guard let s else { return false }
        return s.range(of: pattern, options: .regularExpression) != nil
    }
}
