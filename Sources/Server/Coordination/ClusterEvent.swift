import Schema

/// A message on the `hp:events` channel: `{"event": "invalidate"|"reload"|"overrides"|"persisted", "tool"?, "from"}`.
public struct ClusterEvent: Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// A tool's cached answers were dropped (`tool`).
        case invalidate
        /// Every pod re-reads its configuration file.
        case reload
        /// An admin changed a tool override (`tool`): every pod re-reads `tool_overrides`.
        case overrides
        /// `hyperpage persisted add|remove` changed the registered documents: every pod forgets
        /// the documents it remembers (`PersistedQueryMemo`) and reads them again.
        case persisted
    }

    public var kind: Kind
    public var tool: String?
    /// The publishing pod's id.
    public var from: String

    public init(kind: Kind, tool: String? = nil, from: String) {
        self.kind = kind
        self.tool = tool
        self.from = from
    }

    var json: [UInt8] {
        var o = ObjectValue([("event", .string(kind.rawValue)), ("from", .string(from))])
        if let tool { o["tool"] = .string(tool) }
        return JSONSerializer.serialize(.object(o))
    }

    /// Nil for a message this version does not understand (ignored).
    init?(json bytes: [UInt8]) {
        guard let value = try? JSONParser.parse(bytes: bytes), case .string(let name)? = value["event"],
              let kind = Kind(rawValue: name), case .string(let from)? = value["from"] else { return nil }
        var tool: String?
        if case .string(let t)? = value["tool"] { tool = t }
        self.init(kind: kind, tool: tool, from: from)
    }
}
