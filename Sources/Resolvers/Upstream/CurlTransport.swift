/// The production `UpstreamTransport`: libcurl's multi interface on one dedicated thread, so
/// no thread of the Swift concurrency pool ever blocks on network I/O.
///
/// Connections are kept alive and reused across requests (up to `maxConnectionsPerHost` per
/// host), responses may be compressed (gzip, deflate, brotli, zstd, whatever this libcurl
/// decodes), redirects are followed (up to 5, http and https only). `timeout` of `perform`
/// bounds the whole attempt, connect included; `connectTimeout` bounds the TCP + TLS handshake.
/// Cancelling the calling task removes its transfer and fails it with `.timeout`.
public final class CurlTransport: UpstreamTransport {
    private let loop: CurlMultiLoop

    public init(connectTimeout: Duration = .seconds(3), maxConnectionsPerHost: Int = 8) {
        loop = CurlMultiLoop(connectTimeout: connectTimeout, maxConnectionsPerHost: maxConnectionsPerHost)
        loop.start()
    }

    deinit {
        loop.stop()
    }

    /// Stops the curl thread: requests in flight fail with `.unavailable`, and so do later ones.
    public func shutdown() {
        loop.stop()
    }

    public func perform(_ request: UpstreamRequest, timeout: Duration) async throws(UpstreamError) -> UpstreamResponse {
        let transfer = CurlTransfer(request: request, timeout: timeout)
        let loop = self.loop
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                transfer.continuation = continuation
                loop.submit(transfer)
            }
        } onCancel: {
            loop.cancel(transfer)
        }
        return try result.get()
    }
}
