/// The request and response shapes the tool routers work with, independent of Hummingbird.
struct FakeRequest: Sendable {
    var method: String
    /// Path without the query string, percent-decoding not applied.
    var path: String
    /// Query items in order, percent-decoded (`+` read as a space).
    var query: [(name: String, value: String)]
    /// Header values by lower-cased name.
    var headers: [String: String]
    var body: [UInt8]

    /// The first value of query item `name`.
    func query(_ name: String) -> String? { query.first { $0.name == name }?.value }
    /// All values of query item `name`.
    func queryAll(_ name: String) -> [String] { query.filter { $0.name == name }.map(\.value) }
    /// Integer query item, `nil` when absent or not a number.
    func queryInt(_ name: String) -> Int? { query(name).flatMap { Int($0) } }
    func header(_ name: String) -> String? { headers[name.lowercased()] }

    /// Splits a raw query string into decoded items.
    static func parseQuery(_ raw: String?) -> [(name: String, value: String)] {
        guard let raw, !raw.isEmpty else { return [] }
        return raw.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = percentDecode(String(parts[0]))
            let value = parts.count > 1 ? percentDecode(String(parts[1])) : ""
            return (name, value)
        }
    }

    /// Percent-decodes `s`, reading `+` as a space (form encoding, as the tools' servers do).
    static func percentDecode(_ s: String, plusIsSpace: Bool = true) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(s.utf8.count)
        var it = Array(s.utf8)[...]
        while let b = it.popFirst() {
            if b == UInt8(ascii: "%"), it.count >= 2, let h = hexValue(it[it.startIndex]), let l = hexValue(it[it.startIndex + 1]) {
                bytes.append(h << 4 | l)
                it = it.dropFirst(2)
            } else if b == UInt8(ascii: "+") && plusIsSpace {
                bytes.append(UInt8(ascii: " "))
            } else {
                bytes.append(b)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

struct FakeResponse: Sendable {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    init(status: Int = 200, headers: [(name: String, value: String)] = [], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A JSON response (`application/json; charset=utf-8`).
    static func json(_ value: FakeJSON, status: Int = 200, headers: [(name: String, value: String)] = []) -> FakeResponse {
        FakeResponse(status: status, headers: [("content-type", "application/json; charset=utf-8")] + headers, body: value.bytes)
    }

    mutating func addHeader(_ name: String, _ value: String) { headers.append((name, value)) }
}

/// Percent-encodes a query value the way clients do (RFC 3986 unreserved characters kept).
func fakePercentEncode(_ s: String) -> String {
    var out = ""
    for b in s.utf8 {
        switch b {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
            out.unicodeScalars.append(Unicode.Scalar(b))
        default:
            out += "%" + String(b, radix: 16, uppercase: true).leftPadded(to: 2)
        }
    }
    return out
}

extension String {
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
