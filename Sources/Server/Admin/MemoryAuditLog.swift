import Foundation
import Synchronization

/// The audit log of a server without a database (demo, tests): in this process only, lost at
/// restart, at most `capacity` events (the oldest are dropped).
public final class MemoryAuditLog: AuditLog {
    private let state = Mutex<(next: Int64, records: [AuditRecord])>((1, []))
    let capacity: Int
    let now: @Sendable () -> Date

    public init(capacity: Int = 10_000, now: @escaping @Sendable () -> Date = { Date() }) {
        self.capacity = capacity
        self.now = now
    }

    public func append(_ event: AuditEvent) async throws(AdminStoreError) {
        let t = now()
        state.withLock { s in
            s.records.append(AuditRecord(id: s.next, occurredAt: t, event: event.name.rawValue, actor: event.actor,
                                         provider: event.provider, tool: event.tool, details: event.detailsJSON))
            s.next += 1
            if s.records.count > capacity { s.records.removeFirst(s.records.count - capacity) }
        }
    }

    public func events(first: Int, before: Int64?) async throws(AdminStoreError) -> [AuditRecord] {
        state.withLock { s in
            Array(s.records.reversed().filter { before == nil || $0.id < before! }.prefix(max(0, first)))
        }
    }

    /// Every event, oldest first (tests).
    public var all: [AuditRecord] { state.withLock { $0.records } }
}
