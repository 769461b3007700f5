/// Fragment spreads must not form cycles (spec 5.5.2.2). Each cycle is reported once, at the
/// spreads that form it, with the fragments it passes through ("via ...").
///
/// The depth-first search keeps its own stack rather than recursing: a chain of fragments can
/// be as long as the document is, which the parser's nesting limit does not bound.
public final class NoFragmentCyclesRule: ValidationRule {
    public static let name = "NoFragmentCyclesRule"
    public let context: ValidationContext
    /// Fragments whose spreads have been searched already (each is searched once).
    private var visited: Set<String> = []
    /// The spreads followed from the fragment where the search started.
    private var spreadPath: [FragmentSpread] = []
    /// For each fragment on the current path, the index in `spreadPath` of its first spread.
    private var pathIndexByName: [String: Int] = [:]

    public init(context: ValidationContext) { self.context = context }

    public func enter(fragmentDefinition: FragmentDefinition) {
        detectCycles(from: fragmentDefinition)
    }

    private struct Frame {
        let name: String
        let spreads: [FragmentSpread]
        var next = 0
    }

    private func detectCycles(from start: FragmentDefinition) {
        guard visited.insert(start.name.value).inserted else { return }
        let startSpreads = context.fragmentSpreads(ofFragment: start)
        if startSpreads.isEmpty { return }
        pathIndexByName[start.name.value] = spreadPath.count
        var stack = [Frame(name: start.name.value, spreads: startSpreads)]

        while !stack.isEmpty {
            let top = stack.count - 1
            if stack[top].next == stack[top].spreads.count {
                pathIndexByName[stack[top].name] = nil
                stack.removeLast()
                // Leaving a fragment: drop the spread that led into it.
                if !stack.isEmpty { spreadPath.removeLast() }
                continue
            }
            let spread = stack[top].spreads[stack[top].next]
            stack[top].next += 1
            let name = spread.name.value
            spreadPath.append(spread)
            if let cycleStart = pathIndexByName[name] {
                reportCycle(named: name, path: spreadPath[cycleStart...])
                spreadPath.removeLast()
                continue
            }
            guard let fragment = context.fragment(named: name), visited.insert(name).inserted else {
                spreadPath.removeLast()
                continue
            }
            let spreads = context.fragmentSpreads(ofFragment: fragment)
            if spreads.isEmpty {
                spreadPath.removeLast()
                continue
            }
            pathIndexByName[name] = spreadPath.count
            stack.append(Frame(name: name, spreads: spreads))
        }
    }

    private func reportCycle(named name: String, path: ArraySlice<FragmentSpread>) {
        let via = path.dropLast().map { "\"\($0.name.value)\"" }.joined(separator: ", ")
        report("Cannot spread fragment \"\(name)\" within itself" + (via.isEmpty ? "." : " via \(via)."),
               at: path.map(\.loc))
    }
}
