/// Prints a schema as SDL in the layout of the reference implementation's `printSchema`: the
/// schema definition (only when needed), then the directives the schema defines, then its types
/// in type-map order, separated by blank lines. The specified scalars and directives and the
/// introspection types are left out. `buildSchema(printSchema(s))` prints the same text again.
public func printSchema(_ schema: GraphQLSchema) -> String {
    var parts: [String] = []
    if let s = printSchemaDefinition(schema) { parts.append(s) }
    for d in schema.directives where !d.isSpecifiedDirective {
        parts.append(printDirectiveDefinition(d))
    }
    for t in schema.types {
        if IntrospectionTypes.isIntrospectionType(t) { continue }
        if let s = t as? ScalarType, s.isSpecifiedScalar { continue }
        parts.append(printTypeDefinition(t))
    }
    return parts.joined(separator: "\n\n")
}

/// `schema { … }`, needed only when there is a description or a root type does not have the
/// conventional name (`Query`, `Mutation`, `Subscription`).
private func printSchemaDefinition(_ schema: GraphQLSchema) -> String? {
    let roots: [(String, ObjectType?, String)] = [
        ("query", schema.queryType, "Query"),
        ("mutation", schema.mutationType, "Mutation"),
        ("subscription", schema.subscriptionType, "Subscription"),
    ]
    let conventional = roots.allSatisfy { $0.1 == nil || $0.1?.name == $0.2 }
    if schema.description == nil && conventional { return nil }
    let lines = roots.compactMap { op, type, _ in type.map { "  \(op): \($0.name)" } }
    return printDescription(schema.description) + "schema {\n" + lines.joined(separator: "\n") + "\n}"
}

/// One named type's definition.
public func printTypeDefinition(_ type: NamedType) -> String {
    let head = printDescription(type.description)
    switch type {
    case let s as ScalarType:
        return head + "scalar \(s.name)" + printSpecifiedBy(s.specifiedByURL)
    case let o as ObjectType:
        return head + "type \(o.name)" + printImplements(o.interfaces) + printFields(o.fields)
    case let i as InterfaceType:
        return head + "interface \(i.name)" + printImplements(i.interfaces) + printFields(i.fields)
    case let u as UnionType:
        let members = u.types.isEmpty ? "" : " = " + u.types.map(\.name).joined(separator: " | ")
        return head + "union \(u.name)" + members
    case let e as EnumType:
        let values = e.values.enumerated().map { i, v in
            printDescription(v.description, indentation: "  ", firstInBlock: i == 0) + "  " + v.name
                + printDeprecated(v.deprecationReason)
        }
        return head + "enum \(e.name)" + printBlock(values)
    case let i as InputObjectType:
        let fields = i.fields.enumerated().map { n, f in
            printDescription(f.description, indentation: "  ", firstInBlock: n == 0) + "  " + printInputValue(f)
        }
        return head + "input \(i.name)" + (i.isOneOf ? " @oneOf" : "") + printBlock(fields)
    default:
        return head + type.name
    }
}

/// `directive @name(args) repeatable on LOCATIONS`.
private func printDirectiveDefinition(_ d: DirectiveType) -> String {
    printDescription(d.description) + "directive @\(d.name)" + printArguments(d.arguments)
        + (d.isRepeatable ? " repeatable" : "") + " on " + d.locations.map(\.rawValue).joined(separator: " | ")
}

private func printImplements(_ interfaces: [InterfaceType]) -> String {
    interfaces.isEmpty ? "" : " implements " + interfaces.map(\.name).joined(separator: " & ")
}

private func printFields(_ fields: [FieldDefinition]) -> String {
    printBlock(fields.enumerated().map { i, f in
        printDescription(f.description, indentation: "  ", firstInBlock: i == 0) + "  " + f.name
            + printArguments(f.arguments, indentation: "  ") + ": \(f.type)" + printDeprecated(f.deprecationReason)
    })
}

private func printBlock(_ items: [String]) -> String {
    items.isEmpty ? "" : " {\n" + items.joined(separator: "\n") + "\n}"
}

/// Arguments inline, or one per line when any of them has a description.
private func printArguments(_ args: [InputValue], indentation: String = "") -> String {
    if args.isEmpty { return "" }
    if args.allSatisfy({ $0.description == nil }) {
        return "(" + args.map(printInputValue).joined(separator: ", ") + ")"
    }
    let lines = args.enumerated().map { i, a in
        printDescription(a.description, indentation: "  " + indentation, firstInBlock: i == 0)
            + "  " + indentation + printInputValue(a)
    }
    return "(\n" + lines.joined(separator: "\n") + "\n" + indentation + ")"
}

private func printInputValue(_ v: InputValue) -> String {
    var text = "\(v.name): \(v.type)"
    if let d = v.defaultValue { text += " = " + printDefaultValue(d) }
    return text + printDeprecated(v.deprecationReason)
}

/// A default value as written, except that block strings are printed as ordinary strings.
private func printDefaultValue(_ value: ValueNode) -> String {
    if case .string(let s, true, _) = value { return printStringLiteral(s) }
    return printValue(value)
}

private func printDeprecated(_ reason: String?) -> String {
    guard let reason else { return "" }
    if reason == DirectiveType.defaultDeprecationReason { return " @deprecated" }
    return " @deprecated(reason: \(printStringLiteral(reason)))"
}

private func printSpecifiedBy(_ url: String?) -> String {
    guard let url else { return "" }
    return " @specifiedBy(url: \(printStringLiteral(url)))"
}

/// A description above what it describes: a block string when the text can be one, indented to
/// match, with a blank line before it when it is not the first item of a block.
private func printDescription(_ description: String?, indentation: String = "", firstInBlock: Bool = true) -> String {
    guard let description else { return "" }
    let literal = isPrintableAsBlockString(description)
        ? printBlockString(description) : printStringLiteral(description)
    let prefix = !indentation.isEmpty && !firstInBlock ? "\n" + indentation : indentation
    var indented = ""
    indented.reserveCapacity(literal.utf8.count)
    for ch in literal.unicodeScalars {
        indented.unicodeScalars.append(ch)
        if ch == "\n" { indented += indentation }
    }
    return prefix + indented + "\n"
}

/// Whether `value` survives printing as a block string and parsing back unchanged: no control
/// characters or carriage returns, no leading or trailing blank lines, no common indentation.
private func isPrintableAsBlockString(_ value: String) -> Bool {
    if value.isEmpty { return true }
    var isEmptyLine = true
    var hasIndent = false
    var hasCommonIndent = true
    var seenNonEmptyLine = false
    for b in value.utf8 {
        switch b {
        case 0x00...0x08, 0x0B, 0x0C, 0x0E...0x1F, 0x0D:
            return false
        case 0x0A:
            if isEmptyLine && !seenNonEmptyLine { return false }
            seenNonEmptyLine = true
            isEmptyLine = true
            hasIndent = false
        case 0x09, 0x20:
            hasIndent = hasIndent || isEmptyLine
        default:
            hasCommonIndent = hasCommonIndent && hasIndent
            isEmptyLine = false
        }
    }
    if isEmptyLine { return false }
    if hasCommonIndent && seenNonEmptyLine { return false }
    return true
}
