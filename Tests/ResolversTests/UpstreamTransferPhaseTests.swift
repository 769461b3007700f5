import Testing
@testable import Resolvers

/// The lifecycle of one curl transfer: whatever the order of submit, cancel and finish, the
/// caller is resumed exactly once.
@Suite struct UpstreamTransferPhaseTests {
    @Test func submitThenFinish() {
        var phase = CurlTransferPhase.created
        let submitted = phase.submit(transportStopping: false)
        let firstFinish = phase.finish()
        let secondFinish = phase.finish()
        let lateCancel = phase.cancel()
        #expect(submitted == .enqueue)
        #expect(firstFinish)
        #expect(!secondFinish)
        #expect(lateCancel == .none)
    }

    @Test func cancelWhileQueuedAsksCurlToRemoveIt() {
        var phase = CurlTransferPhase.created
        _ = phase.submit(transportStopping: false)
        let cancel = phase.cancel()
        let finish = phase.finish()
        #expect(cancel == .removeFromCurl)
        #expect(finish)
    }

    @Test func cancelBeforeSubmitFailsTheSubmit() {
        var phase = CurlTransferPhase.created
        let cancel = phase.cancel()
        let submitted = phase.submit(transportStopping: false)
        let finish = phase.finish()
        #expect(cancel == .none)
        #expect(submitted == .failCancelled)
        #expect(phase == .finished)
        #expect(!finish)
    }

    @Test func submitAfterShutdownFails() {
        var phase = CurlTransferPhase.created
        let submitted = phase.submit(transportStopping: true)
        let finish = phase.finish()
        #expect(submitted == .failShutDown)
        #expect(!finish)
    }
}
