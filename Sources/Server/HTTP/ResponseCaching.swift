import Resolvers
import Schema

/// Which responses a `GraphQLService` may answer again without executing: queries whose root
/// fields all read cached tool data or the configuration (`rootFields`), answered without
/// errors, for as long as `validity` says (see `ResponseValidity`). Anything else (mutations,
/// `viewer`, `cluster`, introspection, fields added later) is always executed.
public struct ResponseCaching<Context: Sendable>: Sendable {
    /// `Query` fields a reusable operation may select at its root (`__typename` always may).
    public let rootFields: Set<String>
    /// A token read before the request runs, handed back to `validity` after it ran.
    public let generation: @Sendable () -> UInt64
    /// Whether, and until when, the response of the request that used `context` may be reused;
    /// nil: it may not.
    public let validity: @Sendable (_ context: Context, _ generation: UInt64) -> ResponseValidity?
    /// Responses kept at most (entries).
    public let capacity: Int

    public init(rootFields: Set<String>, capacity: Int = 1024, generation: @escaping @Sendable () -> UInt64,
                validity: @escaping @Sendable (Context, UInt64) -> ResponseValidity?) {
        self.rootFields = rootFields
        self.capacity = capacity
        self.generation = generation
        self.validity = validity
    }

    /// Whether `selected` is a query selecting only reusable root fields, through fragments
    /// too. Directives are ignored: a field that might be skipped still counts.
    func admits(_ selected: SelectedOperation) -> Bool {
        guard selected.operation.operation == .query else { return false }
        let fragments = selected.fragments
        var visited = Set<String>()
        func admits(_ set: SelectionSet) -> Bool {
            set.selections.allSatisfy { selection in
                switch selection {
                case .field(let field):
                    return field.name.value == "__typename" || rootFields.contains(field.name.value)
                case .inlineFragment(let inline):
                    return admits(inline.selectionSet)
                case .fragmentSpread(let spread):
                    guard visited.insert(spread.name.value).inserted else { return true }
                    guard let fragment = fragments[spread.name.value] else { return false }
                    return admits(fragment.selectionSet)
                }
            }
        }
        return admits(selected.operation.selectionSet)
    }
}

extension ResponseCaching where Context == RequestContext {
    /// The tool server's policy: the tool roots, the cross-tool lists, `tools` and `rateLimits`
    /// (reused only while the quota ledger is unchanged), for as long as every cache entry read
    /// is fresh and at most `maxAge`.
    public static func tools(_ runtime: ToolRuntime, maxAge: Duration = .seconds(300), capacity: Int = 1024) -> Self {
        let seconds = Double(maxAge.components.seconds) + Double(maxAge.components.attoseconds) / 1e18
        return ResponseCaching(
            rootFields: ["tools", "rateLimits", "github", "gitlab", "jira", "codeReviews", "pipelines", "tickets"],
            capacity: capacity,
            generation: { runtime.answersGeneration },
            validity: { context, generation in runtime.responseValidity(of: context, generation: generation, maxAge: seconds) })
    }
}
