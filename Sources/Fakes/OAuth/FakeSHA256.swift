import COpenSSL
import Foundation

/// SHA-256 for the fakes' PKCE check (the S256 method of RFC 7636 §4.2).
enum FakeSHA256 {
    /// Unpadded base64url of the SHA-256 of `bytes`.
    static func base64URL(_ bytes: [UInt8]) -> String {
        var digest = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
        bytes.withUnsafeBufferPointer { input in
            digest.withUnsafeMutableBufferPointer { out in _ = SHA256(input.baseAddress, input.count, out.baseAddress) }
        }
        return Data(digest).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
