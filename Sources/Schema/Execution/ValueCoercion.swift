/// Input coercion (spec 3.10 Input Coercion, 6.4.1 CoerceArgumentValues' literal rules):
/// JSON values from the variables become internal values, literals in the document become
/// internal values. Enum values are held as `Value.enumValue(name)`.

/// A failed input coercion at `path` inside the value being coerced.
struct InputCoercionFailure {
    var path: [PathComponent]
    var invalidValue: Value
    var message: String
}

/// Coerces a value from the variables JSON to `type` (graphql-js `coerceInputValue`). Every
/// problem is reported through `onError`; the result is `nil` when the value is unusable.
func coerceInputValue(_ value: Value, _ type: GraphQLType, path: inout [PathComponent],
                      onError: (InputCoercionFailure) -> Void) -> Value? {
    switch type {
    case .nonNull(let inner):
        if value.isNull {
            onError(InputCoercionFailure(path: path, invalidValue: value,
                                         message: "Expected non-nullable type \"\(type)\" not to be null."))
            return nil
        }
        return coerceInputValue(value, inner, path: &path, onError: onError)
    case .list(let itemType):
        if value.isNull { return .null }
        if case .list(let items) = value {
            var out: [Value] = []
            out.reserveCapacity(items.count)
            var ok = true
            for (i, item) in items.enumerated() {
                path.append(.index(i))
                if let c = coerceInputValue(item, itemType, path: &path, onError: onError) { out.append(c) } else { ok = false }
                path.removeLast()
            }
            return ok ? .list(out) : nil
        }
        // A single value is accepted where a list is expected, as a list of one.
        guard let c = coerceInputValue(value, itemType, path: &path, onError: onError) else { return nil }
        return .list([c])
    case .named(let named):
        if value.isNull { return .null }
        switch named {
        case let input as InputObjectType:
            return coerceInputObject(value, input, path: &path, onError: onError)
        case let enumType as EnumType:
            guard case .string(let name) = value else {
                if case .enumValue(let name) = value, enumType.value(name) != nil { return value }
                onError(InputCoercionFailure(path: path, invalidValue: value,
                                             message: "Enum \"\(enumType.name)\" cannot represent non-string value: \(inspect(value))."))
                return nil
            }
            guard enumType.value(name) != nil else {
                onError(InputCoercionFailure(path: path, invalidValue: value,
                                             message: "Value \"\(name)\" does not exist in \"\(enumType.name)\" enum."))
                return nil
            }
            return .enumValue(name)
        case let scalar as ScalarType:
            do {
                return try scalar.coercion.parseValue(value)
            } catch {
                onError(InputCoercionFailure(path: path, invalidValue: value,
                                             message: coercionMessage(error, typeName: scalar.name)))
                return nil
            }
        default:
            onError(InputCoercionFailure(path: path, invalidValue: value,
                                         message: "Type \"\(named.name)\" is not an input type."))
            return nil
        }
    }
}

private func coerceInputObject(_ value: Value, _ type: InputObjectType, path: inout [PathComponent],
                               onError: (InputCoercionFailure) -> Void) -> Value? {
    guard case .object(let given) = value else {
        onError(InputCoercionFailure(path: path, invalidValue: value,
                                     message: "Expected type \"\(type.name)\" to be an object."))
        return nil
    }
    var out = ObjectValue()
    var ok = true
    for field in type.fields {
        guard let fieldValue = given[field.name] else {
            if let defaultNode = field.defaultValue {
                if let d = valueFromAST(defaultNode, field.type, variables: nil) { out[field.name] = d } else { ok = false }
            } else if field.type.isNonNull {
                onError(InputCoercionFailure(path: path, invalidValue: value,
                                             message: "Field \"\(field.name)\" of required type \"\(field.type)\" was not provided."))
                ok = false
            }
            continue
        }
        path.append(.key(field.name))
        if let c = coerceInputValue(fieldValue, field.type, path: &path, onError: onError) { out[field.name] = c } else { ok = false }
        path.removeLast()
    }
    for (key, _) in given where type.field(key) == nil {
        onError(InputCoercionFailure(path: path, invalidValue: value,
                                     message: "Field \"\(key)\" is not defined by type \"\(type.name)\"."))
        ok = false
    }
    if type.isOneOf {
        if out.count != 1 {
            onError(InputCoercionFailure(path: path, invalidValue: value,
                                         message: "Exactly one key must be specified for OneOf type \"\(type.name)\"."))
            ok = false
        } else if let key = out.keys.first, out[key]?.isNull == true {
            onError(InputCoercionFailure(path: path + [.key(key)], invalidValue: .null,
                                         message: "Field \"\(key)\" must be non-null."))
            ok = false
        }
    }
    return ok ? .object(out) : nil
}

/// The client-visible message of a scalar coercion failure.
func coercionMessage(_ error: any Error, typeName: String) -> String {
    if let e = error as? CoercionError { return e.message }
    if let e = error as? GraphQLError { return e.message }
    return "Expected type \"\(typeName)\"."
}

/// Coerces a literal to `type` (spec `ValueFromAST`), substituting variables from the coerced
/// `variables`. Returns `nil` when the literal is invalid for the type.
func valueFromAST(_ node: ValueNode, _ type: GraphQLType, variables: ObjectValue?) -> Value? {
    if case .variable(let v) = node {
        // A variable that was not provided is "undefined": callers treat a nil here as absent.
        guard let value = variables?[v.name.value] else { return nil }
        if value.isNull && type.isNonNull { return nil }
        return value
    }
    switch type {
    case .nonNull(let inner):
        if case .null = node { return nil }
        return valueFromAST(node, inner, variables: variables)
    case .list(let itemType):
        if case .null = node { return .null }
        if case .list(let items, _) = node {
            var out: [Value] = []
            out.reserveCapacity(items.count)
            for item in items {
                if case .variable(let v) = item, variables?[v.name.value] == nil {
                    // A missing variable inside a list becomes null (invalid if the item is non-null).
                    if itemType.isNonNull { return nil }
                    out.append(.null)
                    continue
                }
                guard let c = valueFromAST(item, itemType, variables: variables) else { return nil }
                out.append(c)
            }
            return .list(out)
        }
        guard let c = valueFromAST(node, itemType, variables: variables) else { return nil }
        return .list([c])
    case .named(let named):
        if case .null = node { return .null }
        switch named {
        case let input as InputObjectType:
            guard case .object(let fields, _) = node else { return nil }
            var byName: [String: ValueNode] = [:]
            for f in fields where byName[f.name.value] == nil { byName[f.name.value] = f.value }
            for f in fields where input.field(f.name.value) == nil { return nil }
            var out = ObjectValue()
            for field in input.fields {
                let fieldNode = byName[field.name]
                var missing = fieldNode == nil
                if case .variable(let v)? = fieldNode, variables?[v.name.value] == nil { missing = true }
                if missing {
                    if let d = field.defaultValue {
                        guard let c = valueFromAST(d, field.type, variables: nil) else { return nil }
                        out[field.name] = c
                    } else if field.type.isNonNull {
                        return nil
                    }
                    continue
                }
                guard let fieldNode, let c = valueFromAST(fieldNode, field.type, variables: variables) else { return nil }
                out[field.name] = c
            }
            if input.isOneOf {
                guard out.count == 1, let key = out.keys.first, out[key]?.isNull == false else { return nil }
            }
            return .object(out)
        case let enumType as EnumType:
            guard case .enumValue(let name, _) = node, enumType.value(name) != nil else { return nil }
            return .enumValue(name)
        case let scalar as ScalarType:
            if containsVariable(node) {
                guard let v = try? literalWithVariables(node, variables: variables) else { return nil }
                return try? scalar.coercion.parseValue(v)
            }
            return try? scalar.coercion.parseLiteral(node)
        default:
            return nil
        }
    }
}

private func containsVariable(_ node: ValueNode) -> Bool {
    switch node {
    case .variable: true
    case .list(let items, _): items.contains(where: containsVariable)
    case .object(let fields, _): fields.contains { containsVariable($0.value) }
    default: false
    }
}

private struct MissingVariable: Error {}

/// A custom scalar's literal that holds variables, as a plain value (graphql-js `valueFromASTUntyped`).
private func literalWithVariables(_ node: ValueNode, variables: ObjectValue?) throws -> Value {
    switch node {
    case .variable(let v):
        guard let value = variables?[v.name.value] else { throw MissingVariable() }
        return value
    case .int(let text, _): return Int(text).map(Value.int) ?? .float(Double(text) ?? 0)
    case .float(let text, _): return .float(Double(text) ?? 0)
    case .string(let s, _, _): return .string(s)
    case .boolean(let b, _): return .bool(b)
    case .null: return .null
    case .enumValue(let name, _): return .string(name)
    case .list(let items, _): return .list(try items.map { try literalWithVariables($0, variables: variables) })
    case .object(let fields, _):
        var o = ObjectValue()
        for f in fields { o[f.name.value] = try literalWithVariables(f.value, variables: variables) }
        return .object(o)
    }
}

/// A value rendered for error messages the way graphql-js `inspect` does: `"text"`, `1.5`,
/// `[1, 2]`, `{ a: 1 }`.
func inspect(_ value: Value) -> String {
    var out = ""
    inspect(value, into: &out, depth: 0)
    return out
}

private func inspect(_ value: Value, into out: inout String, depth: Int) {
    switch value {
    case .null: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    case .int(let i): out += String(i)
    case .float(let d): out += formatJSONNumber(d)
    case .string(let s): out += quoteJSONString(s)
    case .enumValue(let s): out += s
    case .list(let items):
        if depth > 2 { out += "[Array]"; return }
        out += "["
        for (i, item) in items.prefix(10).enumerated() {
            if i > 0 { out += ", " }
            inspect(item, into: &out, depth: depth + 1)
        }
        if items.count > 10 { out += ", ... \(items.count - 10) more items" }
        out += "]"
    case .object(let o):
        if o.isEmpty { out += "{}"; return }
        if depth > 2 { out += "[Object]"; return }
        out += "{ "
        var first = true
        for (k, v) in o {
            if !first { out += ", " }
            first = false
            out += k
            out += ": "
            inspect(v, into: &out, depth: depth + 1)
        }
        out += " }"
    }
}
