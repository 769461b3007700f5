extension ToolRuntime {
    /// Grows whenever cached answers may have changed without their entries' expiry saying so:
    /// an invalidation, a cache policy change, an event from another pod. Read it before
    /// executing a request whose response may be reused.
    public var answersGeneration: UInt64 { generation.load(ordering: .acquiring) }

    /// Makes every response reused so far outdated (another pod invalidated or reloaded).
    public func answersChanged() {
        generation.add(1, ordering: .releasing)
    }

    /// Whether the response of the request that used `context` may be reused, and until when;
    /// nil when it may not: some data was served stale or fetched without the cache.
    /// `generation` is `answersGeneration` as read before the request ran; `maxAge` caps the
    /// reuse (seconds) whatever the entries say.
    public func responseValidity(of context: RequestContext, generation: UInt64, maxAge: Double) -> ResponseValidity? {
        let state = context.sources.snapshot
        guard state.stale.isEmpty, !state.uncached else { return nil }
        let until = min(state.freshUntil, now() + maxAge)
        let ledgerVersion = state.ledgerVersion
        let ledger = ledger, now = now
        return ResponseValidity(freshUntil: until) { [self] in
            now() < until && answersGeneration == generation && (ledgerVersion.map { ledger.version == $0 } ?? true)
        }
    }
}
