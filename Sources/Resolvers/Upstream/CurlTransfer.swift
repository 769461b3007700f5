import CCurl

/// One request in flight on the curl thread: what to send, what has arrived, and the C
/// resources (header list, body copy) that must outlive the transfer.
///
/// `phase` and `continuation` are guarded by the loop's lock; every other member is touched
/// only on the curl thread, which is why the class is `@unchecked Sendable`.
final class CurlTransfer: @unchecked Sendable {
    /// The largest response body accepted; a bigger one fails the transfer as a bad response
    /// instead of exhausting memory.
    static let maxBodyBytes = 64 << 20

    let request: UpstreamRequest
    let timeout: Duration
    var phase = CurlTransferPhase.created
    var continuation: CheckedContinuation<Result<UpstreamResponse, UpstreamError>, Never>?

    var easy: UnsafeMutableRawPointer?
    var addedToMulti = false
    var headerList: UnsafeMutablePointer<curl_slist>?
    var bodyCopy: UnsafeMutableRawPointer?
    var responseHeaders: [(name: String, value: String)] = []
    var responseBody: [UInt8] = []
    var bodyTooLarge = false

    init(request: UpstreamRequest, timeout: Duration) {
        self.request = request
        self.timeout = timeout
    }

    deinit {
        releaseRequestResources()
    }

    /// Frees the header list and body copy once libcurl no longer reads them.
    func releaseRequestResources() {
        if let headerList {
            curl_slist_free_all(headerList)
            self.headerList = nil
        }
        if let bodyCopy {
            bodyCopy.deallocate()
            self.bodyCopy = nil
        }
    }

    /// Sets every option of this request on a fresh (or reset) easy handle. Returns an error
    /// when the request cannot be expressed (bad method or header characters, unknown option).
    func configure(_ easy: UnsafeMutableRawPointer, connectTimeoutMS: Int) -> UpstreamError? {
        self.easy = easy
        guard Self.isToken(request.method) else {
            return UpstreamError(code: .badResponse, tool: "", message: "The request method is not a valid HTTP token.")
        }
        let userdata = Unmanaged.passUnretained(self).toOpaque()
        var code = CURLE_OK
        func set(_ result: CURLcode) { if code == CURLE_OK { code = result } }

        set(hp_curl_easy_setopt_str(easy, CURLOPT_URL, request.url))
        hp_curl_restrict_to_http(easy)
        set(hp_curl_easy_setopt_long(easy, CURLOPT_FOLLOWLOCATION, request.followsRedirects ? 1 : 0))
        set(hp_curl_easy_setopt_long(easy, CURLOPT_MAXREDIRS, 5))
        set(hp_curl_easy_setopt_long(easy, CURLOPT_NOSIGNAL, 1))
        set(hp_curl_easy_setopt_long(easy, CURLOPT_TCP_KEEPALIVE, 1))
        set(hp_curl_easy_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, connectTimeoutMS))
        set(hp_curl_easy_setopt_long(easy, CURLOPT_TIMEOUT_MS, Self.milliseconds(timeout)))
        // An empty string asks for every encoding libcurl can decode and makes it decode them.
        set(hp_curl_easy_setopt_str(easy, CURLOPT_ACCEPT_ENCODING, ""))
        set(hp_curl_easy_setopt_ptr(easy, CURLOPT_PRIVATE, userdata))
        set(hp_curl_easy_setopt_func(easy, CURLOPT_WRITEFUNCTION) { data, size, count, userdata in
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(userdata!).takeUnretainedValue()
            return transfer.receiveBody(data, size * count)
        })
        set(hp_curl_easy_setopt_ptr(easy, CURLOPT_WRITEDATA, userdata))
        set(hp_curl_easy_setopt_func(easy, CURLOPT_HEADERFUNCTION) { data, size, count, userdata in
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(userdata!).takeUnretainedValue()
            return transfer.receiveHeaderLine(data, size * count)
        })
        set(hp_curl_easy_setopt_ptr(easy, CURLOPT_HEADERDATA, userdata))

        // Header lines; `Expect:` stops libcurl from waiting for 100-continue on larger bodies.
        var list: UnsafeMutablePointer<curl_slist>?
        for header in request.headers {
            guard Self.isToken(header.name), !header.value.utf8.contains(where: { $0 == 10 || $0 == 13 || $0 == 0 }) else {
                curl_slist_free_all(list)
                return UpstreamError(code: .badResponse, tool: "", message: "A request header holds characters HTTP does not allow.")
            }
            list = curl_slist_append(list, "\(header.name): \(header.value)")
        }
        list = curl_slist_append(list, "Expect:")
        headerList = list
        set(hp_curl_easy_setopt_slist(easy, CURLOPT_HTTPHEADER, list))

        let method = request.method.uppercased()
        if let body = request.body {
            let copy = UnsafeMutableRawPointer.allocate(byteCount: max(body.count, 1), alignment: 1)
            body.withUnsafeBytes { copy.copyMemory(from: $0.baseAddress ?? UnsafeRawPointer(copy), byteCount: body.count) }
            bodyCopy = copy
            set(hp_curl_easy_setopt_off(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count)))
            set(hp_curl_easy_setopt_ptr(easy, CURLOPT_POSTFIELDS, copy))
            if method != "POST" { set(hp_curl_easy_setopt_str(easy, CURLOPT_CUSTOMREQUEST, request.method)) }
        } else if method == "GET" {
            set(hp_curl_easy_setopt_long(easy, CURLOPT_HTTPGET, 1))
        } else if method == "HEAD" {
            set(hp_curl_easy_setopt_long(easy, CURLOPT_NOBODY, 1))
        } else {
            set(hp_curl_easy_setopt_str(easy, CURLOPT_CUSTOMREQUEST, request.method))
        }

        guard code == CURLE_OK else {
            return UpstreamError(code: .unavailable, tool: "", message: "The HTTP client rejected the request: \(String(cString: curl_easy_strerror(code))).")
        }
        return nil
    }

    /// The response after libcurl reports the transfer done with `code`.
    func outcome(_ code: CURLcode) -> Result<UpstreamResponse, UpstreamError> {
        guard code == CURLE_OK else { return .failure(Self.error(for: code, bodyTooLarge: bodyTooLarge)) }
        var status = 0
        if let easy {
            var value = 0
            if hp_curl_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &value) == CURLE_OK { status = value }
        }
        return .success(UpstreamResponse(status: status, headers: responseHeaders, body: responseBody))
    }

    private func receiveBody(_ data: UnsafeMutablePointer<CChar>?, _ count: Int) -> Int {
        guard responseBody.count + count <= Self.maxBodyBytes else {
            bodyTooLarge = true
            return 0   // makes libcurl stop with CURLE_WRITE_ERROR
        }
        if let data, count > 0 {
            responseBody.append(contentsOf: UnsafeRawBufferPointer(start: data, count: count))
        }
        return count
    }

    private func receiveHeaderLine(_ data: UnsafeMutablePointer<CChar>?, _ count: Int) -> Int {
        guard let data, count > 0 else { return count }
        let line = String(decoding: UnsafeRawBufferPointer(start: data, count: count), as: UTF8.self)
        if line.hasPrefix("HTTP/") {
            // A new status line: an interim (100) or redirect response came before; only the
            // final response's headers count.
            responseHeaders.removeAll(keepingCapacity: true)
        } else if let colon = line.firstIndex(of: ":") {
            let name = line[..<colon].trimmingWhitespace().lowercased()
            let value = line[line.index(after: colon)...].trimmingWhitespace()
            if !name.isEmpty { responseHeaders.append((name: name, value: value)) }
        }
        return count
    }

    static func error(for code: CURLcode, bodyTooLarge: Bool) -> UpstreamError {
        let reason = String(cString: curl_easy_strerror(code))
        switch code {
        case CURLE_OPERATION_TIMEDOUT:
            return UpstreamError(code: .timeout, tool: "", message: "The request timed out.")
        case CURLE_WRITE_ERROR where bodyTooLarge:
            return UpstreamError(code: .badResponse, tool: "", message: "The response body is larger than \(maxBodyBytes >> 20) MiB.")
        case CURLE_BAD_CONTENT_ENCODING, CURLE_WEIRD_SERVER_REPLY, CURLE_TOO_MANY_REDIRECTS:
            return UpstreamError(code: .badResponse, tool: "", message: "The response could not be read: \(reason).")
        default:
            // Connect, DNS, TLS, send and receive failures: the tool cannot be reached now.
            return UpstreamError(code: .unavailable, tool: "", message: "The request failed: \(reason).")
        }
    }

    static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        if seconds >= Int64(Int32.max) / 1000 { return Int(Int32.max) }
        let ms = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        return Int(max(1, min(ms, Int64(Int32.max))))
    }

    /// An HTTP token (RFC 9110 §5.6.2): what methods and header names are made of.
    static func isToken(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                true
            default:
                "!#$%&'*+-.^_`|~".utf8.contains(byte)
            }
        }
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs, CR and LF.
    func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }
        guard let start = firstIndex(where: { !isSpace($0) }) else { return "" }
        let end = lastIndex(where: { !isSpace($0) })!
        return String(self[start...end])
    }
}
