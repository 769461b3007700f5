import Foundation
import Testing
@testable import Server

/// AES-256-GCM sealing of tool tokens: round trip, tamper and binding detection, unknown keys,
/// key-ring parsing and rotation.
@Suite struct TokenCipherTests {
    static let key1 = Data((0..<32).map { UInt8($0) }).base64EncodedString()
    static let key2 = Data((0..<32).map { UInt8(200 - $0) }).base64EncodedString()
    let alice = TokenBinding(userID: "user-1", provider: "github")

    func cipher(_ keys: String) throws -> TokenCipher {
        TokenCipher(keyRing: try TokenKeyRing(parsing: keys))
    }

    @Test func roundTripUsesTheActiveKeyAndAFreshNonce() throws {
        let c = try cipher("k1:\(Self.key1),k2:\(Self.key2),active=k2")
        let a = try c.seal("gho_secret-token", for: alice)
        let b = try c.seal("gho_secret-token", for: alice)
        #expect(a.keyID == "k2")
        #expect(a.nonce.count == 12 && a.tag.count == 16)
        #expect(a.nonce != b.nonce)
        #expect(a.ciphertext != b.ciphertext)
        #expect(try c.open(a, for: alice) == "gho_secret-token")
        let reparsed = try SealedToken(encoded: a.encoded)
        #expect(reparsed == a)
        #expect(try c.open(reparsed, for: alice) == "gho_secret-token")
        #expect(!a.encoded.contains("secret"))
        #expect(!a.description.contains(a.encoded))
    }

    @Test func theFirstKeyIsActiveWithoutActiveEntry() throws {
        let ring = try TokenKeyRing(parsing: "b:\(Self.key2), a:\(Self.key1)")
        #expect(ring.activeKeyID == "b")
        #expect(ring.keyIDs == ["b", "a"])
    }

    @Test func aFlippedByteAnywhereIsDetected() throws {
        let c = try cipher("k1:\(Self.key1)")
        let sealed = try c.seal("glpat-abcdef", for: alice)
        let parts = sealed.encoded.split(separator: ".")
        let payload = try #require(Base64URL.decode(parts[2]))
        for index in payload.indices {
            var tampered = payload
            tampered[index] ^= 0x01
            let text = "v1.k1.\(Base64URL.encode(tampered))"
            let error = #expect(throws: TokenCipherError.self) { try c.open(try SealedToken(encoded: text), for: alice) }
            #expect(error?.code == .authenticationFailed)
        }
    }

    @Test func anotherUserProviderOrPurposeCannotOpen() throws {
        let c = try cipher("k1:\(Self.key1)")
        let sealed = try c.seal("secret", for: alice)
        for other in [TokenBinding(userID: "user-2", provider: "github"),
                      TokenBinding(userID: "user-1", provider: "gitlab"),
                      TokenBinding(userID: "user-1", provider: "github", purpose: "refresh")] {
            let error = #expect(throws: TokenCipherError.self) { try c.open(sealed, for: other) }
            #expect(error?.code == .authenticationFailed)
        }
    }

    @Test func aRelabelledKeyIDFailsAuthentication() throws {
        // Same key bytes under two ids: editing the id in the row must still be caught.
        let c = try cipher("k1:\(Self.key1),k9:\(Self.key1)")
        let sealed = try c.seal("secret", for: alice)
        let relabelled = try SealedToken(encoded: sealed.encoded.replacingOccurrences(of: "v1.k1.", with: "v1.k9."))
        let error = #expect(throws: TokenCipherError.self) { try c.open(relabelled, for: alice) }
        #expect(error?.code == .authenticationFailed)
    }

    @Test func anUnknownKeyIsRefused() throws {
        let sealed = try cipher("old:\(Self.key1)").seal("secret", for: alice)
        let error = #expect(throws: TokenCipherError.self) { try cipher("new:\(Self.key2)").open(sealed, for: alice) }
        #expect(error?.code == .unknownKey)
    }

    @Test func malformedStoredValuesAreRefused() {
        for text in ["", "secret", "v2.k1.AAAA", "v1..AAAA", "v1.k1.!!!", "v1.k1.AAAA"] {
            let error = #expect(throws: TokenCipherError.self) { try SealedToken(encoded: text) }
            #expect(error?.code == .malformed)
        }
    }

    @Test func rotationReencryptsUnderTheActiveKey() throws {
        let old = try cipher("k1:\(Self.key1)")
        let sealed = try old.seal("refresh-me", for: alice)
        let both = try cipher("k2:\(Self.key2),k1:\(Self.key1)")
        #expect(both.needsRotation(sealed))
        let rotated = try both.rotate(sealed, for: alice)
        #expect(rotated.keyID == "k2")
        #expect(!both.needsRotation(rotated))
        // After rotation the old key can be removed.
        #expect(try cipher("k2:\(Self.key2)").open(rotated, for: alice) == "refresh-me")
        // Rotating again is a no-op.
        #expect(try both.rotate(rotated, for: alice) == rotated)
    }

    @Test func rotationRefusesATamperedToken() throws {
        let c = try cipher("k2:\(Self.key2),k1:\(Self.key1)")
        let sealed = try cipher("k1:\(Self.key1)").seal("x", for: alice)
        let error = #expect(throws: TokenCipherError.self) {
            try c.rotate(sealed, for: TokenBinding(userID: "user-2", provider: "github"))
        }
        #expect(error?.code == .authenticationFailed)
    }

    @Test func badKeyConfigurationsAreRefusedWithoutEchoingKeys() {
        let short = Data(repeating: 7, count: 16).base64EncodedString()
        let cases = ["", "k1", "k1:not base64!", "k1:\(short)", "k1:\(Self.key1),k1:\(Self.key2)",
                     "bad id:\(Self.key1)", "k1:\(Self.key1),active=k3"]
        for text in cases {
            let error = #expect(throws: TokenCipherError.self) { try TokenKeyRing(parsing: text) }
            #expect(error?.code == .invalidKeyConfiguration)
            #expect(error.map { !$0.description.contains(Self.key1) && !$0.description.contains(short) } ?? false)
        }
        let missing = #expect(throws: TokenCipherError.self) { try TokenKeyRing.fromEnvironment([:]) }
        #expect(missing?.code == .invalidKeyConfiguration)
    }

    @Test func constantTimeEqualityAndRandomness() throws {
        #expect(CryptoPrimitives.constantTimeEquals([1, 2, 3], [1, 2, 3]))
        #expect(!CryptoPrimitives.constantTimeEquals([1, 2, 3], [1, 2, 4]))
        #expect(!CryptoPrimitives.constantTimeEquals([1, 2], [1, 2, 3]))
        #expect(try CryptoPrimitives.randomBytes(32) != CryptoPrimitives.randomBytes(32))
        // FIPS 180-2 test vector.
        let abc = CryptoPrimitives.sha256(Array("abc".utf8)).map { String(format: "%02x", $0) }.joined()
        #expect(abc == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
