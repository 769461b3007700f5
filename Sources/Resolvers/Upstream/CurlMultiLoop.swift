import CCurl
import Foundation

/// The libcurl multi handle and the one thread that drives it. Async callers never touch curl:
/// they queue transfers (and cancellations) under a lock and wake the thread with
/// `curl_multi_wakeup`; the thread adds them to the multi handle, runs `curl_multi_perform` /
/// `curl_multi_poll`, and resumes each caller's continuation when its transfer is done.
///
/// One multi handle means one connection cache: keep-alive connections to a tool are reused by
/// every later request. Easy handles are reset and pooled rather than recreated.
final class CurlMultiLoop: @unchecked Sendable {
    private struct Shared {
        var incoming: [CurlTransfer] = []
        var cancelled: [CurlTransfer] = []
        var stopping = false
    }

    /// Guards `Shared`, every transfer's `phase`, and the multi handle's lifetime for wakeups.
    private let shared = LockedBox(Shared())
    private let multi: UnsafeMutableRawPointer
    private let connectTimeoutMS: Int

    // Curl thread only.
    private var active: [ObjectIdentifier: CurlTransfer] = [:]
    private var idleHandles: [UnsafeMutableRawPointer] = []
    private let maxIdleHandles = 32

    init(connectTimeout: Duration, maxConnectionsPerHost: Int) {
        precondition(CurlGlobal.initialized, "curl_global_init failed")
        guard let multi = curl_multi_init() else { fatalError("curl_multi_init failed (out of memory)") }
        self.multi = multi
        self.connectTimeoutMS = CurlTransfer.milliseconds(connectTimeout)
        let perHost = max(1, maxConnectionsPerHost)
        _ = hp_curl_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, perHost)
        _ = hp_curl_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, perHost * 8)
    }

    /// Starts the curl thread. Call once.
    func start() {
        let thread = Thread { [self] in run() }
        thread.name = "hyperpage-curl"
        thread.start()
    }

    /// Stops the thread: queued and running transfers fail with `.unavailable`, later ones
    /// fail at once. Does not wait for the thread.
    func stop() {
        shared.withLock { state in
            guard !state.stopping else { return }
            state.stopping = true
            _ = curl_multi_wakeup(multi)
        }
    }

    /// Hands a transfer (with its continuation set) to the curl thread.
    func submit(_ transfer: CurlTransfer) {
        let action = shared.withLock { state in
            let action = transfer.phase.submit(transportStopping: state.stopping)
            if action == .enqueue {
                state.incoming.append(transfer)
                _ = curl_multi_wakeup(multi)
            }
            return action
        }
        switch action {
        case .enqueue: break
        case .failCancelled: resume(transfer, .failure(Self.cancelledError))
        case .failShutDown: resume(transfer, .failure(Self.shutDownError))
        }
    }

    /// Called from a task cancellation handler: the transfer is removed from curl and its caller
    /// resumed with a `.timeout` error (or never started, if not submitted yet).
    func cancel(_ transfer: CurlTransfer) {
        shared.withLock { state in
            if transfer.phase.cancel() == .removeFromCurl, !state.stopping {
                state.cancelled.append(transfer)
                _ = curl_multi_wakeup(multi)
            }
        }
    }

    // MARK: - The curl thread

    private func run() {
        var running: Int32 = 0
        while true {
            let (incoming, cancelled, stopping) = shared.withLock { state in
                defer {
                    state.incoming.removeAll()
                    state.cancelled.removeAll()
                }
                return (state.incoming, state.cancelled, state.stopping)
            }
            if stopping {
                for transfer in incoming { finish(transfer, .failure(Self.shutDownError)) }
                for transfer in Array(active.values) { finish(transfer, .failure(Self.shutDownError)) }
                break
            }
            for transfer in incoming { begin(transfer) }
            for transfer in cancelled where active[ObjectIdentifier(transfer)] != nil {
                finish(transfer, .failure(Self.cancelledError))
            }
            _ = curl_multi_perform(multi, &running)
            collectCompletedTransfers()
            // Waits for socket activity, libcurl's next timer, or a wakeup, whichever is first.
            _ = curl_multi_poll(multi, nil, 0, 1000, nil)
        }
        for easy in idleHandles { curl_easy_cleanup(easy) }
        idleHandles.removeAll()
        // Wakeups happen under the lock and only while not stopping, so none can race this.
        curl_multi_cleanup(multi)
    }

    private func begin(_ transfer: CurlTransfer) {
        guard let easy = idleHandles.popLast() ?? curl_easy_init() else {
            finish(transfer, .failure(UpstreamError(code: .unavailable, tool: "", message: "The HTTP client is out of memory.")))
            return
        }
        active[ObjectIdentifier(transfer)] = transfer
        if let error = transfer.configure(easy, connectTimeoutMS: connectTimeoutMS) {
            finish(transfer, .failure(error))
            return
        }
        guard curl_multi_add_handle(multi, easy) == CURLM_OK else {
            finish(transfer, .failure(UpstreamError(code: .unavailable, tool: "", message: "The HTTP client could not start the request.")))
            return
        }
        transfer.addedToMulti = true
    }

    private func collectCompletedTransfers() {
        var remaining: Int32 = 0
        while let message = curl_multi_info_read(multi, &remaining) {
            guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle else { continue }
            var userdata: UnsafeMutableRawPointer?
            guard hp_curl_easy_getinfo_ptr(easy, CURLINFO_PRIVATE, &userdata) == CURLE_OK, let userdata else { continue }
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(userdata).takeUnretainedValue()
            let code = hp_curl_msg_result(message)
            finish(transfer, transfer.outcome(code))
        }
    }

    /// Detaches the transfer from curl, recycles its easy handle, and resumes its caller.
    private func finish(_ transfer: CurlTransfer, _ result: Result<UpstreamResponse, UpstreamError>) {
        active.removeValue(forKey: ObjectIdentifier(transfer))
        if let easy = transfer.easy {
            if transfer.addedToMulti { _ = curl_multi_remove_handle(multi, easy) }
            transfer.addedToMulti = false
            transfer.easy = nil
            curl_easy_reset(easy)
            if idleHandles.count < maxIdleHandles { idleHandles.append(easy) } else { curl_easy_cleanup(easy) }
        }
        transfer.releaseRequestResources()
        let resumeCaller = shared.withLock { _ in transfer.phase.finish() }
        if resumeCaller { resume(transfer, result) }
    }

    private func resume(_ transfer: CurlTransfer, _ result: Result<UpstreamResponse, UpstreamError>) {
        let continuation = shared.withLock { _ in
            defer { transfer.continuation = nil }
            return transfer.continuation
        }
        continuation?.resume(returning: result)
    }

    static let cancelledError = UpstreamError(code: .timeout, tool: "", message: "The request was cancelled.")
    static let shutDownError = UpstreamError(code: .unavailable, tool: "", message: "The HTTP client has shut down.")
}

/// `curl_global_init`, run once per process before the first handle is made.
enum CurlGlobal {
    static let initialized: Bool = hp_curl_global_init() == CURLE_OK
}
