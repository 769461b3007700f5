/// A complete, linked and validated schema: the root operation types, every named type
/// (introspection types included) and the directives. Built by `SchemaBuilder` from SDL.
public final class GraphQLSchema: @unchecked Sendable {
    public let description: String?
    public let queryType: ObjectType?
    public let mutationType: ObjectType?
    public let subscriptionType: ObjectType?
    /// Every named type, in the order they were defined (built-ins and introspection types last).
    public let types: [NamedType]
    public let typeMap: [String: NamedType]
    public let directives: [DirectiveType]
    public let directiveMap: [String: DirectiveType]
    public let astNode: SchemaDefinition?
    public let extensionASTNodes: [SchemaExtension]
    /// The SDL this schema was built from (set by `buildSchema` / `extendSchema` only): lets
    /// `validateSchema` locate its errors and `extendSchema` rebuild with an extension.
    var origin: SchemaOrigin?

    /// Object types implementing each interface, and interfaces implementing each interface.
    private let implementations: [String: (objects: [ObjectType], interfaces: [InterfaceType])]
    /// For each abstract type, the names of its possible object types.
    private let possibleTypeNames: [String: Set<String>]

    public init(description: String? = nil, query: ObjectType?, mutation: ObjectType? = nil,
                subscription: ObjectType? = nil, types: [NamedType], directives: [DirectiveType],
                astNode: SchemaDefinition? = nil, extensionASTNodes: [SchemaExtension] = []) {
        self.description = description
        self.queryType = query
        self.mutationType = mutation
        self.subscriptionType = subscription
        self.types = types
        var map: [String: NamedType] = [:]
        for t in types where map[t.name] == nil { map[t.name] = t }
        self.typeMap = map
        self.directives = directives
        var dmap: [String: DirectiveType] = [:]
        for d in directives where dmap[d.name] == nil { dmap[d.name] = d }
        self.directiveMap = dmap
        self.astNode = astNode
        self.extensionASTNodes = extensionASTNodes

        var impls: [String: (objects: [ObjectType], interfaces: [InterfaceType])] = [:]
        for t in types {
            if let o = t as? ObjectType {
                for i in o.interfaces { impls[i.name, default: ([], [])].objects.append(o) }
            } else if let i = t as? InterfaceType {
                for sup in i.interfaces { impls[sup.name, default: ([], [])].interfaces.append(i) }
            }
        }
        self.implementations = impls
        var possible: [String: Set<String>] = [:]
        for t in types {
            if let u = t as? UnionType {
                possible[u.name] = Set(u.types.map(\.name))
            } else if t is InterfaceType {
                possible[t.name] = Set((impls[t.name]?.objects ?? []).map(\.name))
            }
        }
        self.possibleTypeNames = possible
    }

    public func type(named name: String) -> NamedType? { typeMap[name] }
    public func directive(named name: String) -> DirectiveType? { directiveMap[name] }

    public func rootType(for operation: OperationType) -> ObjectType? {
        switch operation {
        case .query: queryType
        case .mutation: mutationType
        case .subscription: subscriptionType
        }
    }

    /// The object types an abstract type may resolve to, in definition order.
    public func possibleTypes(of type: NamedType) -> [ObjectType] {
        if let u = type as? UnionType { return u.types }
        if type is InterfaceType { return implementations[type.name]?.objects ?? [] }
        if let o = type as? ObjectType { return [o] }
        return []
    }

    public func implementations(of interface: InterfaceType) -> (objects: [ObjectType], interfaces: [InterfaceType]) {
        implementations[interface.name] ?? ([], [])
    }

    /// Whether `maybeSub` is a possible type of, or an interface implementing, `abstract`.
    public func isSubType(_ abstract: NamedType, _ maybeSub: NamedType) -> Bool {
        if maybeSub is ObjectType {
            return possibleTypeNames[abstract.name]?.contains(maybeSub.name) ?? false
        }
        if let i = maybeSub as? InterfaceType, abstract is InterfaceType {
            return i.interfaces.contains { $0 === abstract }
        }
        return false
    }

    /// Whether `object` is one of the possible types of `abstract` (fast path for execution).
    public func isPossibleType(_ abstract: NamedType, _ object: ObjectType) -> Bool {
        possibleTypeNames[abstract.name]?.contains(object.name) ?? false
    }
}
