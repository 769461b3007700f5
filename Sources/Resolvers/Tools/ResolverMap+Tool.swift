import Schema

extension ResolverMap where Context == RequestContext {
    /// `resolveAsync` with the request's `SourceStatusRecorder` bound as the task-local
    /// `current` while the resolver runs, so the cache can note stale answers for
    /// `extensions.sources` (tasks the resolver starts inherit it).
    mutating func resolveTool(_ type: String, _ field: String,
                              _ body: @escaping @Sendable (FieldContext<RequestContext>) async throws -> Resolved) {
        resolveAsync(type, field) { ctx in
            try await SourceStatusRecorder.$current.withValue(ctx.context.sources) {
                try await body(ctx)
            }
        }
    }
}
