@testable import Postgres
import Testing

/// The pool's bookkeeping without connections.
@Suite struct PoolStateTests {
    @Test func slotsAreLentThenWaitersQueueInOrder() {
        var state = PoolState(size: 2)
        #expect(state.acquire(waiter: 1) == .use(slot: 0))
        #expect(state.acquire(waiter: 2) == .use(slot: 1))
        #expect(state.acquire(waiter: 3) == .wait)
        #expect(state.acquire(waiter: 4) == .wait)
        #expect(state.release(slot: 1) == .handOver(slot: 1, waiter: 3))
        #expect(state.release(slot: 0) == .handOver(slot: 0, waiter: 4))
        #expect(state.release(slot: 0) == .none)
        #expect(state.idleCount == 1)
    }

    @Test func anAbandonedWaiterIsSkipped() {
        var state = PoolState(size: 1)
        #expect(state.acquire(waiter: 1) == .use(slot: 0))
        #expect(state.acquire(waiter: 2) == .wait)
        #expect(state.acquire(waiter: 3) == .wait)
        let abandoned = state.abandon(waiter: 2)
        let again = state.abandon(waiter: 2)
        #expect(abandoned)
        #expect(!again)
        #expect(state.release(slot: 0) == .handOver(slot: 0, waiter: 3))
    }

    @Test func aNewcomerDoesNotOvertakeWaiters() {
        var state = PoolState(size: 1)
        #expect(state.acquire(waiter: 1) == .use(slot: 0))
        #expect(state.acquire(waiter: 2) == .wait)
        #expect(state.release(slot: 0) == .handOver(slot: 0, waiter: 2))
        #expect(state.acquire(waiter: 3) == .wait)
    }

    @Test func closingFailsWaitersAndLaterAcquires() {
        var state = PoolState(size: 1)
        #expect(state.acquire(waiter: 1) == .use(slot: 0))
        #expect(state.acquire(waiter: 2) == .wait)
        #expect(state.close() == [2])
        #expect(state.acquire(waiter: 3) == .fail)
        #expect(state.release(slot: 0) == .none)
    }
}
