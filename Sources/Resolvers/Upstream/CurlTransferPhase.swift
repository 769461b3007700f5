/// Where one transfer is in its life, as seen by the async caller and the curl thread. Every
/// transition happens under the loop's lock, and exactly one of them (`.finished`) resumes the
/// caller, so a transfer's continuation is resumed once whatever order submission,
/// cancellation and completion happen in.
enum CurlTransferPhase: Equatable {
    /// Created by `perform`, not yet handed to the curl thread.
    case created
    /// The task was cancelled before the transfer was submitted.
    case cancelledEarly
    /// Handed to the curl thread (waiting in its queue or running in the multi handle).
    case queued
    /// The caller has been (or is being) resumed; nothing more may happen.
    case finished

    enum SubmitAction: Equatable {
        /// Queue the transfer and wake the curl thread.
        case enqueue
        /// Resume the caller at once: the task was cancelled.
        case failCancelled
        /// Resume the caller at once: the transport has shut down.
        case failShutDown
    }

    enum CancelAction: Equatable {
        /// Nothing to do now (not submitted yet, or already done).
        case none
        /// Ask the curl thread to remove the transfer.
        case removeFromCurl
    }

    mutating func submit(transportStopping: Bool) -> SubmitAction {
        switch self {
        case .created:
            if transportStopping {
                self = .finished
                return .failShutDown
            }
            self = .queued
            return .enqueue
        case .cancelledEarly:
            self = .finished
            return .failCancelled
        case .queued, .finished:
            preconditionFailure("a transfer is submitted once")
        }
    }

    mutating func cancel() -> CancelAction {
        switch self {
        case .created:
            self = .cancelledEarly
            return .none
        case .queued:
            return .removeFromCurl
        case .cancelledEarly, .finished:
            return .none
        }
    }

    /// The curl thread finishes a transfer; returns whether the caller is still to be resumed.
    mutating func finish() -> Bool {
        guard self == .queued else { return false }
        self = .finished
        return true
    }
}
