/// Reading the `Cookie` header and writing `Set-Cookie` values for the session and OAuth cookies.
enum Cookies {
    /// The session cookie: a random 256-bit id, base64url.
    static let session = "hp_session"
    /// Binds a sign-in in progress to the browser that started it (valid ten minutes).
    static let oauth = "hp_oauth"

    /// The value of cookie `name` in the `Cookie` header values.
    static func value(_ name: String, in headers: [String]) -> String? {
        for header in headers {
            for pair in header.split(separator: ";") {
                let trimmed = pair.drop { $0 == " " }
                guard let eq = trimmed.firstIndex(of: "="), trimmed[..<eq] == name else { continue }
                return String(trimmed[trimmed.index(after: eq)...])
            }
        }
        return nil
    }

    /// A `Set-Cookie` value: always `HttpOnly; SameSite=Lax`, `Secure` when `secure`.
    static func setCookie(_ name: String, _ value: String, path: String, maxAge: Int?, secure: Bool) -> String {
        var parts = ["\(name)=\(value)", "Path=\(path)", "HttpOnly", "SameSite=Lax"]
        if let maxAge { parts.append("Max-Age=\(maxAge)") }
        if secure { parts.append("Secure") }
        return parts.joined(separator: "; ")
    }

    /// A `Set-Cookie` value that removes cookie `name`.
    static func clear(_ name: String, path: String, secure: Bool) -> String {
        setCookie(name, "", path: path, maxAge: 0, secure: secure)
    }
}

/// Lower-case hex.
enum Hex {
    static func encode(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
