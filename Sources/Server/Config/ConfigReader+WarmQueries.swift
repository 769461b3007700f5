import Foundation
import Resolvers
import Schema
import Yams

/// `cache.warm_queries` and `cache.warm_interval`: the queries the leader keeps warm.
extension ConfigReader {
    static let warmQueryKeys = ["name", "query", "variables"]

    mutating func readWarmQueries(_ m: ConfigMapping, into c: inout HyperpageConfig.CacheSection) {
        c.warmInterval = duration(m, "warm_interval", allowZero: true, default: c.warmInterval)
        guard let node = m.values["warm_queries"], !Self.isNull(node) else { return }
        guard case .sequence(let items) = node else {
            report("cache.warm_queries: expected a list of { name, query, variables }", at: ConfigPosition(node.mark))
            return
        }
        for (index, item) in items.enumerated() {
            let keyPath = "cache.warm_queries[\(index)]"
            let q = mapping(item, keyPath: keyPath, at: ConfigPosition(item.mark), allowedKeys: Self.warmQueryKeys)
            let name = string(q, "name", default: "")
            guard let query = scalar(q, "query") else {
                report("\(keyPath): needs a query", at: q.position)
                continue
            }
            var variables = ObjectValue()
            if let v = q.values["variables"], !Self.isNull(v) {
                if case .object(let object) = Self.value(v) {
                    variables = object
                } else {
                    report("\(keyPath).variables: expected a mapping of variable names to values", at: ConfigPosition(v.mark))
                }
            }
            c.warmQueries.append(WarmQuery(name: name.isEmpty ? "warm_query_\(index)" : name, query: query.text,
                                           variables: variables, line: query.position.line, column: query.position.column))
        }
    }

    /// A YAML value as a GraphQL input value (core schema: null, booleans, numbers, strings).
    static func value(_ node: Node) -> Value {
        switch node {
        case .scalar(let s):
            if s.style == .plain {
                if isNull(node) { return .null }
                if let b = Bool.construct(from: s) { return .bool(b) }
                if let i = Int(s.string) { return .int(i) }
                if let d = Double.construct(from: s) { return .float(d) }
            }
            return .string(s.string)
        case .sequence(let items):
            return .list(items.map { value($0) })
        case .mapping(let pairs):
            return .object(ObjectValue(pairs.map { (k, v) in (k.string ?? "", value(v)) }))
        case .alias:
            return .null
        }
    }
}

/// A warm query: run by the leader before its cached answers expire (`docs/caching.md`).
public struct WarmQuery: Sendable, Equatable {
    public var name: String
    public var query: String
    public var variables: ObjectValue
    /// Where the query text starts in the configuration file (for problems found later).
    public var line: Int
    public var column: Int
}
