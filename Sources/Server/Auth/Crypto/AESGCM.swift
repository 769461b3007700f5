import COpenSSL

/// AES-256-GCM through OpenSSL's EVP interface: a 256-bit key, a 96-bit nonce and a 128-bit tag.
/// Only `TokenCipher` uses it; the C handles never leave these functions.
enum AESGCM {
    static let keyLength = 32
    static let nonceLength = 12
    static let tagLength = 16

    /// Encrypts `plaintext` and authenticates it together with `associatedData`.
    static func seal(_ plaintext: [UInt8], key: [UInt8], nonce: [UInt8],
                     associatedData: [UInt8]) throws(TokenCipherError) -> (ciphertext: [UInt8], tag: [UInt8]) {
        precondition(key.count == keyLength && nonce.count == nonceLength)
        guard let ctx = EVP_CIPHER_CTX_new() else { throw failure() }
        defer { EVP_CIPHER_CTX_free(ctx) }
        var ciphertext = [UInt8](repeating: 0, count: plaintext.count + 16)
        var tag = [UInt8](repeating: 0, count: tagLength)
        var produced: Int32 = 0
        var ok = EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), nil, nil, nil) == 1
            && EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_IVLEN, Int32(nonceLength), nil) == 1
        ok = ok && key.withUnsafeBufferPointer { k in
            nonce.withUnsafeBufferPointer { n in EVP_EncryptInit_ex(ctx, nil, nil, k.baseAddress, n.baseAddress) == 1 }
        }
        if ok, !associatedData.isEmpty {
            var ignored: Int32 = 0
            ok = associatedData.withUnsafeBufferPointer { a in
                EVP_EncryptUpdate(ctx, nil, &ignored, a.baseAddress, Int32(a.count)) == 1
            }
        }
        ok = ok && ciphertext.withUnsafeMutableBufferPointer { out in
            var length: Int32 = 0
            if !plaintext.isEmpty {
                let updated = plaintext.withUnsafeBufferPointer { p in
                    EVP_EncryptUpdate(ctx, out.baseAddress, &length, p.baseAddress, Int32(p.count)) == 1
                }
                guard updated else { return false }
            }
            var final: Int32 = 0
            guard EVP_EncryptFinal_ex(ctx, out.baseAddress! + Int(length), &final) == 1 else { return false }
            produced = length + final
            return true
        }
        ok = ok && tag.withUnsafeMutableBufferPointer { t in
            EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_GET_TAG, Int32(tagLength), t.baseAddress) == 1
        }
        guard ok else { throw failure() }
        return (Array(ciphertext.prefix(Int(produced))), tag)
    }

    /// Decrypts `ciphertext` when `tag` verifies over it and `associatedData`; otherwise throws
    /// `.authenticationFailed` and no byte of the (unauthenticated) plaintext leaves this function.
    static func open(_ ciphertext: [UInt8], tag: [UInt8], key: [UInt8], nonce: [UInt8],
                     associatedData: [UInt8]) throws(TokenCipherError) -> [UInt8] {
        precondition(key.count == keyLength)
        guard nonce.count == nonceLength, tag.count == tagLength else {
            throw TokenCipherError(code: .malformed, message: "The sealed token has a bad nonce or tag length.")
        }
        guard let ctx = EVP_CIPHER_CTX_new() else { throw failure() }
        defer { EVP_CIPHER_CTX_free(ctx) }
        var plaintext = [UInt8](repeating: 0, count: ciphertext.count + 16)
        var ok = EVP_DecryptInit_ex(ctx, EVP_aes_256_gcm(), nil, nil, nil) == 1
            && EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_IVLEN, Int32(nonceLength), nil) == 1
        ok = ok && key.withUnsafeBufferPointer { k in
            nonce.withUnsafeBufferPointer { n in EVP_DecryptInit_ex(ctx, nil, nil, k.baseAddress, n.baseAddress) == 1 }
        }
        if ok, !associatedData.isEmpty {
            var ignored: Int32 = 0
            ok = associatedData.withUnsafeBufferPointer { a in
                EVP_DecryptUpdate(ctx, nil, &ignored, a.baseAddress, Int32(a.count)) == 1
            }
        }
        var length: Int32 = 0
        if ok, !ciphertext.isEmpty {
            ok = ciphertext.withUnsafeBufferPointer { c in
                plaintext.withUnsafeMutableBufferPointer { out in
                    EVP_DecryptUpdate(ctx, out.baseAddress, &length, c.baseAddress, Int32(c.count)) == 1
                }
            }
        }
        guard ok else { throw failure() }
        var tagCopy = tag
        let tagSet = tagCopy.withUnsafeMutableBufferPointer { t in
            EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_TAG, Int32(tagLength), t.baseAddress) == 1
        }
        guard tagSet else { throw failure() }
        var final: Int32 = 0
        let verified = plaintext.withUnsafeMutableBufferPointer { out in
            EVP_DecryptFinal_ex(ctx, out.baseAddress! + Int(length), &final) > 0
        }
        guard verified else {
            // Overwrite what was decrypted before the tag check failed.
            for i in plaintext.indices { plaintext[i] = 0 }
            throw TokenCipherError(code: .authenticationFailed,
                                   message: "The sealed token failed authentication (tampered, or bound to another user, provider or key).")
        }
        return Array(plaintext.prefix(Int(length + final)))
    }

    private static func failure() -> TokenCipherError {
        ERR_clear_error()
        return TokenCipherError(code: .cryptoFailure, message: "OpenSSL could not run AES-256-GCM.")
    }
}
