/// Schema validation: the "Type Validation" rules of spec section 3 (root operation types,
/// names, field and argument types, interface implementation, union members, enum values,
/// input objects and their non-null cycles, `@oneOf`, directive definitions), with the messages
/// and locations of the reference implementation's `validateSchema`.
///
/// Returns every error found (empty when the schema is valid). Errors are located in the SDL
/// when the schema was built from SDL.
public func validateSchema(_ schema: GraphQLSchema) -> [GraphQLError] {
    var validator = SchemaValidator(schema: schema)
    validator.validateRootTypes()
    validator.validateDirectives()
    validator.validateTypes()
    return validator.errors
}

struct SchemaValidator {
    let schema: GraphQLSchema
    let locator: SchemaLocator?
    var errors: [GraphQLError]

    init(schema: GraphQLSchema) {
        self.schema = schema
        self.locator = schema.origin?.locator
        self.errors = schema.origin?.linkErrors ?? []
    }

    private mutating func report(_ message: String, _ locs: [Location?]) {
        errors.append(.invalidSchema(message, locs.compactMap { $0 }, locator))
    }

    // MARK: - Root types (spec 3.3.1)

    mutating func validateRootTypes() {
        // A query root type that is not an object type was reported while linking.
        if schema.queryType == nil
            && !errors.contains(where: { $0.message.hasPrefix("Query root type must be Object type") }) {
            report("Query root type must be provided.", [schema.astNode?.loc])
        }
        // The root types must be distinct (spec 3.3.1).
        var uses: [(type: ObjectType, operations: [OperationType])] = []
        for op in [OperationType.query, .mutation, .subscription] {
            guard let t = schema.rootType(for: op) else { continue }
            if let i = uses.firstIndex(where: { $0.type === t }) {
                uses[i].operations.append(op)
            } else {
                uses.append((t, [op]))
            }
        }
        for use in uses where use.operations.count > 1 {
            let names = use.operations.map(\.rawValue)
            let list = names.count == 2 ? names.joined(separator: " and ")
                : names.dropLast().joined(separator: ", ") + ", and " + names[names.count - 1]
            report("All root types must be different, \"\(use.type.name)\" type is used as \(list) root types.",
                   use.operations.map(operationTypeNode))
        }
    }

    /// The type reference naming the root type of `operation` in `schema { … }` or its extensions.
    private func operationTypeNode(_ operation: OperationType) -> Location? {
        let defs = (schema.astNode?.operationTypes ?? []) + schema.extensionASTNodes.flatMap(\.operationTypes)
        return defs.first { $0.operation == operation }?.type.loc
    }

    // MARK: - Directives (spec 3.13)

    mutating func validateDirectives() {
        for directive in schema.directives where !directive.isSpecifiedDirective {
            validateName(directive.name, directive.astNode?.loc)
            if directive.locations.isEmpty {
                report("Directive @\(directive.name) must include 1 or more locations.", [directive.astNode?.loc])
            }
            for arg in directive.arguments {
                validateName(arg.name, arg.astNode?.loc)
                if !arg.type.isInputType {
                    report("The type of @\(directive.name)(\(arg.name):) must be Input Type but got: \(arg.type).",
                           [arg.astNode?.loc])
                }
                if arg.isRequired && arg.isDeprecated {
                    report("Required argument @\(directive.name)(\(arg.name):) cannot be deprecated.",
                           [Self.deprecatedDirective(arg.astNode?.directives), arg.astNode?.type.loc])
                }
            }
        }
    }

    /// Names beginning with `__` are reserved for introspection.
    private mutating func validateName(_ name: String, _ loc: Location?) {
        if name.hasPrefix("__") {
            report("Name \"\(name)\" must not begin with \"__\", which is reserved by GraphQL introspection.", [loc])
        }
    }

    // MARK: - Types

    mutating func validateTypes() {
        var cycles = InputObjectCycleFinder()
        for type in schema.types {
            if IntrospectionTypes.isIntrospectionType(type) { continue }
            if let s = type as? ScalarType, s.isSpecifiedScalar { continue }
            validateName(type.name, type.astNode?.loc)
            switch type {
            case let t as FieldsContainer:
                validateFields(t)
                validateInterfaces(t)
            case let u as UnionType:
                validateUnionMembers(u)
            case let e as EnumType:
                validateEnumValues(e)
            case let i as InputObjectType:
                validateInputFields(i)
                for cycle in cycles.cycles(from: i) {
                    let path = cycle.fields.map(\.name).joined(separator: ".")
                    report("Cannot reference Input Object \"\(cycle.target.name)\" within itself through a series of non-null fields: \"\(path)\".",
                           cycle.fields.map { $0.astNode?.loc })
                }
            default:
                break
            }
        }
    }

    /// The definition and extension nodes of a type, for errors about the type as a whole.
    private static func typeNodes(_ type: NamedType) -> [Location?] {
        [type.astNode?.loc] + type.extensionASTNodes.map(\.loc)
    }

    // MARK: Objects and interfaces (spec 3.6, 3.7)

    private mutating func validateFields(_ type: FieldsContainer) {
        if type.fields.isEmpty {
            report("Type \(type.name) must define one or more fields.", Self.typeNodes(type))
        }
        for field in type.fields {
            validateName(field.name, field.astNode?.loc)
            if !field.type.isOutputType {
                report("The type of \(type.name).\(field.name) must be Output Type but got: \(field.type).",
                       [field.astNode?.type.loc])
            }
            for arg in field.arguments {
                validateName(arg.name, arg.astNode?.loc)
                if !arg.type.isInputType {
                    report("The type of \(type.name).\(field.name)(\(arg.name):) must be Input Type but got: \(arg.type).",
                           [arg.astNode?.type.loc])
                }
                if arg.isRequired && arg.isDeprecated {
                    report("Required argument \(type.name).\(field.name)(\(arg.name):) cannot be deprecated.",
                           [Self.deprecatedDirective(arg.astNode?.directives), arg.astNode?.type.loc])
                }
            }
        }
    }

    private mutating func validateInterfaces(_ type: FieldsContainer) {
        var seen: Set<String> = []
        for iface in type.interfaces {
            if iface === type {
                report("Type \(type.name) cannot implement itself because it would create a circular reference.",
                       Self.implementsNodes(type, iface.name))
                continue
            }
            if !seen.insert(iface.name).inserted {
                report("Type \(type.name) can only implement \(iface.name) once.", Self.implementsNodes(type, iface.name))
                continue
            }
            validateImplementsAncestors(type, iface)
            validateImplementsInterface(type, iface)
        }
    }

    /// The `implements` references of `type` (definition and extensions) naming `name`.
    private static func implementsNodes(_ type: NamedType, _ name: String) -> [Location?] {
        let defs = (type.astNode.map { [$0] } ?? []) + type.extensionASTNodes.map(\.definition)
        return defs.flatMap(\.interfaces).filter { $0.name.value == name }.map(\.loc)
    }

    private mutating func validateImplementsInterface(_ type: FieldsContainer, _ iface: InterfaceType) {
        for ifaceField in iface.fields {
            let name = ifaceField.name
            guard let typeField = type.field(name) else {
                report("Interface field \(iface.name).\(name) expected but \(type.name) does not provide it.",
                       [ifaceField.astNode?.loc] + Self.typeNodes(type))
                continue
            }
            if !isTypeSubType(typeField.type, of: ifaceField.type) {
                report("Interface field \(iface.name).\(name) expects type \(ifaceField.type) but \(type.name).\(name) is type \(typeField.type).",
                       [ifaceField.astNode?.type.loc, typeField.astNode?.type.loc])
            }
            for ifaceArg in ifaceField.arguments {
                guard let typeArg = typeField.argument(ifaceArg.name) else {
                    report("Interface field argument \(iface.name).\(name)(\(ifaceArg.name):) expected but \(type.name).\(name) does not provide it.",
                           [ifaceArg.astNode?.loc, typeField.astNode?.loc])
                    continue
                }
                if ifaceArg.type != typeArg.type {
                    report("Interface field argument \(iface.name).\(name)(\(ifaceArg.name):) expects type \(ifaceArg.type) but \(type.name).\(name)(\(ifaceArg.name):) is type \(typeArg.type).",
                           [ifaceArg.astNode?.type.loc, typeArg.astNode?.type.loc])
                }
            }
            for typeArg in typeField.arguments where typeArg.isRequired && ifaceField.argument(typeArg.name) == nil {
                report("Object field \(type.name).\(name) includes required argument \(typeArg.name) that is missing from the Interface field \(iface.name).\(name).",
                       [typeArg.astNode?.loc, ifaceField.astNode?.loc])
            }
        }
    }

    private mutating func validateImplementsAncestors(_ type: FieldsContainer, _ iface: InterfaceType) {
        for transitive in iface.interfaces where !type.interfaces.contains(where: { $0 === transitive }) {
            let message = transitive === type
                ? "Type \(type.name) cannot implement \(iface.name) because it would create a circular reference."
                : "Type \(type.name) must implement \(transitive.name) because it is implemented by \(iface.name)."
            report(message, Self.implementsNodes(iface, transitive.name) + Self.implementsNodes(type, iface.name))
        }
    }

    /// Whether a field of type `sub` may implement an interface field of type `sup` (covariance).
    private func isTypeSubType(_ sub: GraphQLType, of sup: GraphQLType) -> Bool {
        if sub == sup { return true }
        switch (sub, sup) {
        case (.nonNull(let a), .nonNull(let b)): return isTypeSubType(a, of: b)
        case (_, .nonNull): return false
        case (.nonNull(let a), _): return isTypeSubType(a, of: sup)
        case (.list(let a), .list(let b)): return isTypeSubType(a, of: b)
        case (_, .list), (.list, _): return false
        case (.named(let a), .named(let b)):
            return b.isAbstractType && (a is ObjectType || a is InterfaceType) && schema.isSubType(b, a)
        }
    }

    // MARK: Unions, enums (spec 3.8, 3.9)

    private mutating func validateUnionMembers(_ union: UnionType) {
        if union.types.isEmpty {
            report("Union type \(union.name) must define one or more member types.", Self.typeNodes(union))
        }
        var seen: Set<String> = []
        for member in union.types where !seen.insert(member.name).inserted {
            let defs = (union.astNode.map { [$0] } ?? []) + union.extensionASTNodes.map(\.definition)
            report("Union type \(union.name) can only include type \(member.name) once.",
                   defs.flatMap(\.unionMembers).filter { $0.name.value == member.name }.map(\.loc))
        }
    }

    private mutating func validateEnumValues(_ type: EnumType) {
        if type.values.isEmpty {
            report("Enum type \(type.name) must define one or more values.", Self.typeNodes(type))
        }
        for value in type.values {
            validateName(value.name, value.astNode?.loc)
        }
    }

    // MARK: Input objects (spec 3.10)

    private mutating func validateInputFields(_ type: InputObjectType) {
        if type.fields.isEmpty {
            report("Input Object type \(type.name) must define one or more fields.", Self.typeNodes(type))
        }
        for field in type.fields {
            validateName(field.name, field.astNode?.loc)
            if !field.type.isInputType {
                report("The type of \(type.name).\(field.name) must be Input Type but got: \(field.type).",
                       [field.astNode?.type.loc])
            }
            if field.isRequired && field.isDeprecated {
                report("Required input field \(type.name).\(field.name) cannot be deprecated.",
                       [Self.deprecatedDirective(field.astNode?.directives), field.astNode?.type.loc])
            }
            if type.isOneOf {
                if field.type.isNonNull {
                    report("OneOf input field \(type.name).\(field.name) must be nullable.", [field.astNode?.type.loc])
                }
                if field.defaultValue != nil {
                    report("OneOf input field \(type.name).\(field.name) cannot have a default value.",
                           [field.astNode?.loc])
                }
            }
        }
    }

    private static func deprecatedDirective(_ directives: [Directive]?) -> Location? {
        directives?.first { $0.name.value == "deprecated" }?.loc
    }
}

/// Finds chains of non-null input object fields that lead back to where they started: such an
/// input object could never be given a finite value. Depth-first with an explicit stack (no
/// recursion on user input); each type is explored once, every cycle through it is reported.
struct InputObjectCycleFinder {
    struct Cycle {
        let target: InputObjectType
        let fields: [InputValue]
    }

    private var visited: Set<String> = []

    mutating func cycles(from root: InputObjectType) -> [Cycle] {
        guard visited.insert(root.name).inserted else { return [] }
        var found: [Cycle] = []
        var stack: [(type: InputObjectType, next: Int)] = [(root, 0)]
        var fieldPath: [InputValue] = []
        var pathIndex: [String: Int] = [root.name: 0]
        while let top = stack.last {
            if top.next >= top.type.fields.count {
                stack.removeLast()
                pathIndex[top.type.name] = nil
                if !stack.isEmpty { fieldPath.removeLast() }
                continue
            }
            stack[stack.count - 1].next += 1
            let field = top.type.fields[top.next]
            guard case .nonNull(.named(let inner)) = field.type, let target = inner as? InputObjectType else { continue }
            if let start = pathIndex[target.name] {
                found.append(Cycle(target: target, fields: Array(fieldPath[start...]) + [field]))
                continue
            }
            guard visited.insert(target.name).inserted else { continue }
            fieldPath.append(field)
            pathIndex[target.name] = fieldPath.count
            stack.append((target, 0))
        }
        return found
    }
}
