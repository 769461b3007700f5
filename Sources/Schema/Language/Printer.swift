/// Prints syntax trees back to GraphQL text in a canonical layout (graphql-js `print` style):
/// definitions separated by a blank line, blocks indented by two spaces, one item per line,
/// descriptions above what they describe, arguments inline unless that makes the line too long.
///
/// `parse(printAST(d)) == d` holds for every parsed document `d` (locations aside).

/// The canonical text of a document.
public func printAST(_ document: Document) -> String {
    var parts: [String] = []
    parts.reserveCapacity(document.definitions.count)
    var previous: Definition? = nil
    for definition in document.definitions {
        if case .operation(let op) = definition, let previous, absorbsBrace(previous) {
            parts.append(printOperation(op, allowShorthand: false))
        } else {
            parts.append(printDefinition(definition))
        }
        previous = definition
    }
    return join(parts, "\n\n")
}

/// Whether a `{` printed after this definition would be read as part of it: a type or extension
/// that may still take fields, values or operation types. A query after one must not use the
/// `{ … }` shorthand, or printing would change the document's meaning.
private func absorbsBrace(_ definition: Definition) -> Bool {
    func open(_ t: TypeDefinition) -> Bool {
        switch t.kind {
        case .object, .interface: t.fields.isEmpty
        case .enum: t.enumValues.isEmpty
        case .inputObject: t.inputFields.isEmpty
        case .scalar, .union: false
        }
    }
    switch definition {
    case .type(let t): return open(t)
    case .typeExtension(let e): return open(e.definition)
    case .schemaExtension(let s): return s.operationTypes.isEmpty
    default: return false
    }
}

/// A value literal's text, e.g. `{a: [1, "x"]}`.
public func printValue(_ value: ValueNode) -> String {
    switch value {
    case .variable(let v): "$" + v.name.value
    case .int(let text, _), .float(let text, _): text
    case .string(let s, let block, _): block ? printBlockString(s) : printStringLiteral(s)
    case .boolean(let b, _): b ? "true" : "false"
    case .null: "null"
    case .enumValue(let name, _): name
    case .list(let values, _): "[" + join(values.map(printValue), ", ") + "]"
    case .object(let fields, _): "{" + join(fields.map { $0.name.value + ": " + printValue($0.value) }, ", ") + "}"
    }
}

/// A type reference's text, e.g. `[String!]!`.
public func printType(_ type: TypeNode) -> String {
    switch type {
    case .named(let n): n.name.value
    case .list(let inner, _): "[" + printType(inner) + "]"
    case .nonNull(let inner, _): printType(inner) + "!"
    }
}

/// A string as a quoted `StringValue`: `"` and `\` escaped, control characters (C0, DEL and C1)
/// written as escape sequences, everything else as is.
public func printStringLiteral(_ value: String) -> String {
    var out: [UInt8] = [0x22]
    out.reserveCapacity(value.utf8.count + 2)
    var previous: UInt8 = 0
    for b in value.utf8 {
        defer { previous = b }
        switch b {
        case 0x22: out.append(contentsOf: [0x5C, 0x22])
        case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
        case 0x08: out.append(contentsOf: [0x5C, UInt8(ascii: "b")])
        case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
        case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
        case 0x0C: out.append(contentsOf: [0x5C, UInt8(ascii: "f")])
        case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
        case 0x00...0x1F, 0x7F:
            out.append(contentsOf: Array("\\u\(hex(Int(b), width: 4))".utf8))
        case 0x80...0x9F where previous == 0xC2:
            // U+0080…U+009F is encoded C2 80…C2 9F: replace the C2 already written with the escape.
            out.removeLast()
            out.append(contentsOf: Array("\\u\(hex(Int(b), width: 4))".utf8))
        default:
            out.append(b)
        }
    }
    out.append(0x22)
    return String(decoding: out, as: UTF8.self)
}

// MARK: - Definitions

func printDefinition(_ definition: Definition) -> String {
    switch definition {
    case .operation(let op): printOperation(op, allowShorthand: true)
    case .fragment(let f): printFragmentDefinition(f)
    case .schema(let s):
        printDescription(s.description)
            + join(["schema", printDirectives(s.directives), block(s.operationTypes.map(printOperationType))], " ")
    case .type(let t): printDescription(t.description) + printTypeParts(t, keyword: t.kind.rawValue)
    case .directive(let d): printDirectiveDefinition(d)
    case .schemaExtension(let s):
        join(["extend schema", printDirectives(s.directives), block(s.operationTypes.map(printOperationType))], " ")
    case .typeExtension(let e): printTypeParts(e.definition, keyword: "extend " + e.definition.kind.rawValue)
    }
}

private func printOperation(_ op: OperationDefinition, allowShorthand: Bool) -> String {
    let variables = wrap("(", join(op.variableDefinitions.map(printVariableDefinition), ", "), ")")
    let prefix = join([op.operation.rawValue, join([op.name?.value ?? "", variables]), printDirectives(op.directives)], " ")
    // An anonymous query without variables or directives prints in the shorthand form.
    return (prefix == "query" && allowShorthand ? "" : prefix + " ") + printSelectionSet(op.selectionSet)
}

private func printVariableDefinition(_ v: VariableDefinition) -> String {
    "$" + v.variable.name.value + ": " + printType(v.type) + wrap(" = ", v.defaultValue.map(printValue) ?? "")
        + wrap(" ", printDirectives(v.directives))
}

private func printFragmentDefinition(_ f: FragmentDefinition) -> String {
    "fragment " + f.name.value + " on " + f.typeCondition.name.value + " "
        + wrap("", printDirectives(f.directives), " ") + printSelectionSet(f.selectionSet)
}

private func printOperationType(_ o: OperationTypeDefinition) -> String {
    o.operation.rawValue + ": " + o.type.name.value
}

/// A type definition or extension after its description: `keyword Name implements … @dirs { … }`.
private func printTypeParts(_ t: TypeDefinition, keyword: String) -> String {
    switch t.kind {
    case .scalar:
        return join([keyword, t.name.value, printDirectives(t.directives)], " ")
    case .object, .interface:
        return join([keyword, t.name.value, wrap("implements ", join(t.interfaces.map(\.name.value), " & ")),
                     printDirectives(t.directives), block(t.fields.map(printFieldDefinition))], " ")
    case .union:
        return join([keyword, t.name.value, printDirectives(t.directives),
                     wrap("= ", join(t.unionMembers.map(\.name.value), " | "))], " ")
    case .enum:
        return join([keyword, t.name.value, printDirectives(t.directives), block(t.enumValues.map(printEnumValue))], " ")
    case .inputObject:
        return join([keyword, t.name.value, printDirectives(t.directives),
                     block(t.inputFields.map(printInputValueDefinition))], " ")
    }
}

private func printFieldDefinition(_ f: FieldDefinitionNode) -> String {
    printDescription(f.description) + f.name.value + printArgumentDefinitions(f.arguments) + ": " + printType(f.type)
        + wrap(" ", printDirectives(f.directives))
}

private func printInputValueDefinition(_ v: InputValueDefinitionNode) -> String {
    printDescription(v.description)
        + join([v.name.value + ": " + printType(v.type), wrap("= ", v.defaultValue.map(printValue) ?? ""),
                printDirectives(v.directives)], " ")
}

private func printEnumValue(_ v: EnumValueDefinitionNode) -> String {
    printDescription(v.description) + join([v.name.value, printDirectives(v.directives)], " ")
}

private func printDirectiveDefinition(_ d: DirectiveDefinition) -> String {
    printDescription(d.description) + "directive @" + d.name.value + printArgumentDefinitions(d.arguments)
        + (d.repeatable ? " repeatable" : "") + " on " + join(d.locations.map(\.value), " | ")
}

/// Argument definitions inline, or one per line when any of them spans several lines (a
/// description does).
private func printArgumentDefinitions(_ arguments: [InputValueDefinitionNode]) -> String {
    let printed = arguments.map(printInputValueDefinition)
    if printed.contains(where: { $0.utf8.contains(0x0A) }) {
        return wrap("(\n", indent(join(printed, "\n")), "\n)")
    }
    return wrap("(", join(printed, ", "), ")")
}

private func printDescription(_ description: StringValueNode?) -> String {
    guard let description else { return "" }
    return (description.block ? printBlockString(description.value) : printStringLiteral(description.value)) + "\n"
}

// MARK: - Selections

/// Beyond this many characters a field's arguments go one per line.
private let maxLineLength = 80

private func printSelectionSet(_ set: SelectionSet) -> String {
    block(set.selections.map(printSelection))
}

private func printSelection(_ selection: Selection) -> String {
    switch selection {
    case .field(let f):
        let prefix = wrap("", f.alias?.value ?? "", ": ") + f.name.value
        let arguments = f.arguments.map(printArgument)
        var argumentsLine = prefix + wrap("(", join(arguments, ", "), ")")
        if argumentsLine.unicodeScalars.count > maxLineLength {
            argumentsLine = prefix + wrap("(\n", indent(join(arguments, "\n")), "\n)")
        }
        return join([argumentsLine, printDirectives(f.directives), f.selectionSet.map(printSelectionSet) ?? ""], " ")
    case .fragmentSpread(let s):
        return "..." + s.name.value + wrap(" ", printDirectives(s.directives))
    case .inlineFragment(let i):
        return join(["...", wrap("on ", i.typeCondition?.name.value ?? ""), printDirectives(i.directives),
                     printSelectionSet(i.selectionSet)], " ")
    }
}

private func printArgument(_ a: Argument) -> String {
    a.name.value + ": " + printValue(a.value)
}

private func printDirectives(_ directives: [Directive]) -> String {
    join(directives.map { "@" + $0.name.value + wrap("(", join($0.arguments.map(printArgument), ", "), ")") }, " ")
}

// MARK: - Layout helpers

/// The non-empty parts joined by `separator`.
private func join(_ parts: [String], _ separator: String = "") -> String {
    var result = ""
    var first = true
    for part in parts where !part.isEmpty {
        if !first { result += separator }
        result += part
        first = false
    }
    return result
}

/// `start + text + end`, or nothing when `text` is empty.
private func wrap(_ start: String, _ text: String, _ end: String = "") -> String {
    text.isEmpty ? "" : start + text + end
}

/// `{`, the items one per line indented, `}` — or nothing when there are no items.
private func block(_ items: [String]) -> String {
    wrap("{\n", indent(join(items, "\n")), "\n}")
}

/// Indents every line of `text` by two spaces.
private func indent(_ text: String) -> String {
    guard !text.isEmpty else { return "" }
    var out: [UInt8] = [0x20, 0x20]
    out.reserveCapacity(text.utf8.count + 16)
    for b in text.utf8 {
        out.append(b)
        if b == 0x0A { out.append(contentsOf: [0x20, 0x20]) }
    }
    return String(decoding: out, as: UTF8.self)
}
