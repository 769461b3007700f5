/// Turns the type-system definitions of a document into linked type objects, in two phases:
/// first every named type is created (so that references can point at objects), then fields,
/// arguments, interfaces, members, values and input fields are filled in from each definition
/// and its extensions. The specified scalars and introspection types are shared objects.
///
/// The linker trusts SDL validation to have rejected duplicate names, unknown types and the
/// like; should it meet them anyway it reports an error and leaves the offending part out,
/// never crashing.
struct SchemaLinker {
    let document: Document
    let options: BuildSchemaOptions
    let locator: SchemaLocator?
    /// Types of a hand-made schema that had no SDL: taken over as they are.
    var existingTypes: [NamedType] = []
    var existingDirectives: [DirectiveType] = []

    /// Unknown type references and other defects SDL validation normally rejects first.
    private(set) var errors: [GraphQLError] = []
    /// Defects the linked model cannot hold (non-interface in `implements`, non-object union
    /// member or root type): reported with schema validation.
    private(set) var linkErrors: [GraphQLError] = []

    private var typeMap: [String: NamedType] = [:]
    /// Types in definition order (specified scalars a document redefines keep their place).
    private var definedTypes: [NamedType] = []

    init(document: Document, options: BuildSchemaOptions, locator: SchemaLocator?) {
        self.document = document
        self.options = options
        self.locator = locator
    }

    mutating func link() -> GraphQLSchema {
        var schemaDef: SchemaDefinition?
        var schemaExtensions: [SchemaExtension] = []
        var typeDefs: [TypeDefinition] = []
        var extensionsByName: [String: [TypeExtension]] = [:]
        var directiveDefs: [DirectiveDefinition] = []
        for definition in document.definitions {
            switch definition {
            case .schema(let d): if schemaDef == nil { schemaDef = d }
            case .schemaExtension(let e): schemaExtensions.append(e)
            case .type(let d): typeDefs.append(d)
            case .typeExtension(let e): extensionsByName[e.definition.name.value, default: []].append(e)
            case .directive(let d): directiveDefs.append(d)
            case .operation, .fragment: break
            }
        }

        // Phase 1: one object per named type.
        for t in existingTypes where typeMap[t.name] == nil {
            typeMap[t.name] = t
            definedTypes.append(t)
        }
        var toFill: [NamedType] = []
        for def in typeDefs {
            let name = def.name.value
            if typeMap[name] != nil { continue }
            if let builtIn = ScalarType.specified(named: name) ?? IntrospectionTypes.type(named: name) {
                typeMap[name] = builtIn
                definedTypes.append(builtIn)
                continue
            }
            let t = makeType(def)
            typeMap[name] = t
            definedTypes.append(t)
            toFill.append(t)
        }

        // Phase 2: fill each type from its definition and extensions.
        for t in toFill {
            let exts = extensionsByName[t.name] ?? []
            t.extensionASTNodes = exts
            fill(t, extensions: exts.map(\.definition))
        }
        for (name, exts) in extensionsByName where !toFill.contains(where: { $0.name == name }) {
            let known = typeMap[name] ?? ScalarType.specified(named: name) ?? IntrospectionTypes.type(named: name)
            // Extensions of built-in types and of types taken over from a hand-made schema change nothing.
            if known != nil { continue }
            for e in exts { error("Cannot extend type \"\(name)\" because it is not defined.", [e.definition.name.loc]) }
        }

        // Directives: those defined, then the specified ones not redefined.
        var directives = existingDirectives
        for def in directiveDefs where !directives.contains(where: { $0.name == def.name.value }) {
            directives.append(makeDirective(def))
        }
        for d in DirectiveType.specifiedDirectives where !directives.contains(where: { $0.name == d.name }) {
            directives.append(d)
        }

        // Root operation types.
        let operationTypes = (schemaDef?.operationTypes ?? []) + schemaExtensions.flatMap(\.operationTypes)
        var roots: [OperationType: ObjectType] = [:]
        for opType in operationTypes where roots[opType.operation] == nil {
            guard let t = resolveNamed(opType.type) else { continue }
            if let o = t as? ObjectType {
                roots[opType.operation] = o
            } else {
                rootTypeError(opType.operation, t, [opType.type.loc])
            }
        }
        // Without a schema definition the conventional names win (as in the reference
        // implementation), even over operation types an `extend schema` gives.
        if schemaDef == nil {
            for (op, name) in [(OperationType.query, "Query"), (.mutation, "Mutation"), (.subscription, "Subscription")] {
                guard let t = typeMap[name] else { continue }
                if let o = t as? ObjectType {
                    roots[op] = o
                } else {
                    rootTypeError(op, t, [t.astNode?.loc ?? .none])
                }
            }
        }

        let types = Self.collectTypes(definedTypes, roots: [roots[.query], roots[.mutation], roots[.subscription]],
                                      directives: directives)
        let schema = GraphQLSchema(
            description: schemaDef?.description?.value,
            query: roots[.query], mutation: roots[.mutation], subscription: roots[.subscription],
            types: types, directives: directives, astNode: schemaDef, extensionASTNodes: schemaExtensions)
        return schema
    }

    // MARK: - Phase 1

    private func makeType(_ def: TypeDefinition) -> NamedType {
        let name = def.name.value
        let description = def.description?.value
        let t: NamedType
        switch def.kind {
        case .scalar:
            // `@specifiedBy` on an extension is read when the scalar is filled.
            t = ScalarType(name: name, description: description, specifiedByURL: Self.specifiedByURL(def.directives),
                           coercion: options.scalars[name] ?? .passThrough, astNode: def)
        case .object: t = ObjectType(name: name, description: description, astNode: def)
        case .interface: t = InterfaceType(name: name, description: description, astNode: def)
        case .union: t = UnionType(name: name, description: description, astNode: def)
        case .enum: t = EnumType(name: name, description: description, astNode: def)
        case .inputObject: t = InputObjectType(name: name, description: description, astNode: def)
        }
        return t
    }

    // MARK: - Phase 2

    private mutating func fill(_ type: NamedType, extensions: [TypeDefinition]) {
        guard let def = type.astNode else { return }
        let all = [def] + extensions
        switch type {
        case let t as FieldsContainer:
            t.setFields(all.flatMap(\.fields).compactMap { makeField($0) })
            var interfaces: [InterfaceType] = []
            for node in all.flatMap(\.interfaces) {
                guard let resolved = resolveNamed(node) else { continue }
                if let i = resolved as? InterfaceType {
                    interfaces.append(i)
                } else {
                    let nodes = all.flatMap(\.interfaces).filter { $0.name.value == resolved.name }.map(\.loc)
                    linkError("Type \(t.name) must only implement Interface types, it cannot implement \(resolved.name).",
                              nodes)
                }
            }
            t.setInterfaces(interfaces)
        case let u as UnionType:
            var members: [ObjectType] = []
            for node in all.flatMap(\.unionMembers) {
                guard let resolved = resolveNamed(node) else { continue }
                if let o = resolved as? ObjectType {
                    members.append(o)
                } else {
                    let nodes = all.flatMap(\.unionMembers).filter { $0.name.value == resolved.name }.map(\.loc)
                    linkError("Union type \(u.name) can only include Object types, it cannot include \(resolved.name).",
                              nodes)
                }
            }
            u.types = members
        case let e as EnumType:
            e.setValues(all.flatMap(\.enumValues).map { node in
                EnumValue(name: node.name.value, description: node.description?.value,
                          deprecationReason: Self.deprecationReason(node.directives), astNode: node)
            })
        case let i as InputObjectType:
            i.setFields(all.flatMap(\.inputFields).compactMap { makeInputValue($0) })
            i.isOneOf = all.contains { d in d.directives.contains { $0.name.value == "oneOf" } }
        case let s as ScalarType:
            if s.specifiedByURL == nil { s.specifiedByURL = all.lazy.compactMap { Self.specifiedByURL($0.directives) }.first }
        default:
            break
        }
    }

    private mutating func makeField(_ node: FieldDefinitionNode) -> FieldDefinition? {
        guard let type = resolve(node.type) else { return nil }
        return FieldDefinition(name: node.name.value, description: node.description?.value,
                               arguments: node.arguments.compactMap { makeInputValue($0) }, type: type,
                               deprecationReason: Self.deprecationReason(node.directives), astNode: node)
    }

    private mutating func makeInputValue(_ node: InputValueDefinitionNode) -> InputValue? {
        guard let type = resolve(node.type) else { return nil }
        return InputValue(name: node.name.value, description: node.description?.value, type: type,
                          defaultValue: node.defaultValue,
                          deprecationReason: Self.deprecationReason(node.directives), astNode: node)
    }

    private mutating func makeDirective(_ def: DirectiveDefinition) -> DirectiveType {
        var locations: [DirectiveLocation] = []
        for l in def.locations {
            if let location = DirectiveLocation(rawValue: l.value) {
                locations.append(location)
            } else {
                error("Unexpected directive location \"\(l.value)\".", [l.loc])
            }
        }
        return DirectiveType(name: def.name.value, description: def.description?.value, locations: locations,
                             arguments: def.arguments.compactMap { makeInputValue($0) },
                             isRepeatable: def.repeatable, astNode: def)
    }

    // MARK: - References

    private mutating func resolve(_ node: TypeNode) -> GraphQLType? {
        switch node {
        case .named(let n): return resolveNamed(n).map { .named($0) }
        case .list(let inner, _): return resolve(inner).map { .list($0) }
        case .nonNull(let inner, _): return resolve(inner).map { .nonNull($0) }
        }
    }

    private mutating func resolveNamed(_ node: NamedTypeNode) -> NamedType? {
        let name = node.name.value
        if let t = typeMap[name] ?? ScalarType.specified(named: name) ?? IntrospectionTypes.type(named: name) {
            return t
        }
        error("Unknown type \"\(name)\".", [node.loc])
        return nil
    }

    // MARK: - Directives read by the builder

    /// `@deprecated(reason:)` → its reason (the default when not given); `nil` when absent.
    static func deprecationReason(_ directives: [Directive]) -> String? {
        guard let d = directives.first(where: { $0.name.value == "deprecated" }) else { return nil }
        guard let arg = d.arguments.first(where: { $0.name.value == "reason" }) else {
            return DirectiveType.defaultDeprecationReason
        }
        if case .string(let s, _, _) = arg.value { return s }
        if case .null = arg.value { return nil }
        return DirectiveType.defaultDeprecationReason
    }

    /// `@specifiedBy(url:)` → the URL.
    static func specifiedByURL(_ directives: [Directive]) -> String? {
        guard let d = directives.first(where: { $0.name.value == "specifiedBy" }),
              let arg = d.arguments.first(where: { $0.name.value == "url" }),
              case .string(let s, _, _) = arg.value else { return nil }
        return s
    }

    // MARK: - Errors

    private mutating func error(_ message: String, _ locs: [Location]) {
        errors.append(GraphQLError(message: message, locations: locator?.locations(locs) ?? [],
                                   extensions: [("code", .string(ErrorCode.invalidSchema.rawValue))]))
    }

    private mutating func linkError(_ message: String, _ locs: [Location]) {
        linkErrors.append(.invalidSchema(message, locs, locator))
    }

    private mutating func rootTypeError(_ operation: OperationType, _ type: NamedType, _ locs: [Location]) {
        let message = switch operation {
        case .query: "Query root type must be Object type, it cannot be \(type.name)."
        case .mutation: "Mutation root type must be Object type if provided, it cannot be \(type.name)."
        case .subscription: "Subscription root type must be Object type if provided, it cannot be \(type.name)."
        }
        linkError(message, locs)
    }

    // MARK: - Type map order

    /// The schema's types in the order the reference implementation's schema constructor collects
    /// them: each defined type in turn, each followed by the built-in types it first reaches,
    /// then the types reached from directive arguments, then the introspection types.
    static func collectTypes(_ defined: [NamedType], roots: [ObjectType?], directives: [DirectiveType]) -> [NamedType] {
        var rank: [ObjectIdentifier: Int] = [:]
        var byID: [ObjectIdentifier: NamedType] = [:]
        var next = 0
        for t in defined {
            rank[ObjectIdentifier(t)] = next
            byID[ObjectIdentifier(t)] = t
            next += 1
        }
        // Visits `start` and everything it reaches that is not yet collected. Only types outside
        // the defined set (built-ins) are ever descended into, so the stack stays small.
        func collect(_ start: NamedType) {
            var stack = [start]
            while let t = stack.popLast() {
                let id = ObjectIdentifier(t)
                if rank[id] != nil { continue }
                rank[id] = next
                byID[id] = t
                next += 1
                var reached: [NamedType] = []
                switch t {
                case let c as FieldsContainer:
                    reached.append(contentsOf: c.interfaces)
                    for f in c.fields {
                        reached.append(f.type.namedType)
                        reached.append(contentsOf: f.arguments.map(\.type.namedType))
                    }
                case let u as UnionType:
                    reached.append(contentsOf: u.types)
                case let i as InputObjectType:
                    reached.append(contentsOf: i.fields.map(\.type.namedType))
                default:
                    break
                }
                // Depth first, in order: push in reverse.
                stack.append(contentsOf: reached.reversed())
            }
        }
        for t in defined {
            rank[ObjectIdentifier(t)] = nil
            collect(t)
        }
        for r in roots { if let r { collect(r) } }
        for d in directives { for a in d.arguments { collect(a.type.namedType) } }
        collect(IntrospectionTypes.schema)
        return rank.sorted { $0.value < $1.value }.compactMap { byID[$0.key] }
    }
}
