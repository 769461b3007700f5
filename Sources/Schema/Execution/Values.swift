/// Spec 6.1.2 CoerceVariableValues and 6.4.1 CoerceArgumentValues.

/// Coerces the request's variables against the operation's variable definitions. Errors carry
/// the location of the variable definition; up to `maxErrors` are reported.
func coerceVariableValues(schema: GraphQLSchema, operation: OperationDefinition, inputs: ObjectValue,
                          source: Source?, maxErrors: Int = 50) -> Result<ObjectValue, RequestErrors> {
    var coerced = ObjectValue()
    var errors: [GraphQLError] = []
    func fail(_ message: String, _ loc: Location) {
        errors.append(GraphQLError(message: message, source: source, at: [loc], code: .badUserInput))
    }
    for definition in operation.variableDefinitions {
        if errors.count >= maxErrors { break }
        let name = definition.variable.name.value
        guard let type = typeFromAST(schema, definition.type), type.isInputType else {
            fail("Variable \"$\(name)\" expected value of type \"\(printType(definition.type))\" which cannot be used as an input type.",
                 definition.type.loc)
            continue
        }
        guard let value = inputs[name] else {
            if let defaultNode = definition.defaultValue {
                if let d = valueFromAST(defaultNode, type, variables: nil) { coerced[name] = d }
            } else if type.isNonNull {
                fail("Variable \"$\(name)\" of required type \"\(type)\" was not provided.", definition.loc)
            }
            continue
        }
        if value.isNull && type.isNonNull {
            fail("Variable \"$\(name)\" of non-null type \"\(type)\" must not be null.", definition.loc)
            continue
        }
        var path: [PathComponent] = []
        let result = coerceInputValue(value, type, path: &path) { failure in
            var prefix = "Variable \"$\(name)\" got invalid value \(inspect(failure.invalidValue))"
            if !failure.path.isEmpty { prefix += " at \"\(name)\(printPath(failure.path))\"" }
            fail(prefix + "; " + failure.message, definition.loc)
        }
        if let result { coerced[name] = result }
    }
    if errors.count > maxErrors { errors.removeLast(errors.count - maxErrors) }
    return errors.isEmpty ? .success(coerced) : .failure(RequestErrors(errors: errors))
}

/// Errors that end a request before execution starts.
struct RequestErrors: Error {
    var errors: [GraphQLError]
}

/// `.a[0].b` for a path inside a value.
func printPath(_ path: [PathComponent]) -> String {
    var out = ""
    for c in path {
        switch c {
        case .key(let k): out += "." + k
        case .index(let i): out += "[\(i)]"
        }
    }
    return out
}

extension Executor {
    /// CoerceArgumentValues for one field or directive. The error (without a path) is raised as a
    /// field error when the field executes.
    func coerceArgumentValues(_ definitions: [InputValue], _ arguments: [Argument],
                              at fieldLoc: Location) -> Result<ObjectValue, GraphQLError> {
        var coerced = ObjectValue()
        func fail(_ message: String, _ loc: Location) -> Result<ObjectValue, GraphQLError> {
            .failure(GraphQLError(message: message, source: documentSource, at: [loc], code: .badUserInput))
        }
        for definition in definitions {
            let name = definition.name
            let type = definition.type
            let argument = arguments.first { $0.name.value == name }
            var hasValue = argument != nil
            var isNull = false
            if let argument {
                if case .variable(let v) = argument.value {
                    if let value = variableValues[v.name.value] {
                        isNull = value.isNull
                    } else {
                        hasValue = false
                        if definition.defaultValue == nil && type.isNonNull {
                            return fail("Argument \"\(name)\" of required type \"\(type)\" was provided the variable \"$\(v.name.value)\" which was not provided a runtime value.",
                                        argument.value.loc)
                        }
                    }
                } else if case .null = argument.value {
                    isNull = true
                }
            }
            guard hasValue, let argument else {
                if let defaultNode = definition.defaultValue {
                    guard let d = valueFromAST(defaultNode, type, variables: nil) else {
                        return fail("Argument \"\(name)\" has invalid default value \(printValue(defaultNode)).", fieldLoc)
                    }
                    coerced[name] = d
                } else if type.isNonNull {
                    return fail("Argument \"\(name)\" of required type \"\(type)\" was not provided.", fieldLoc)
                }
                continue
            }
            if isNull && type.isNonNull {
                return fail("Argument \"\(name)\" of non-null type \"\(type)\" must not be null.", argument.value.loc)
            }
            guard let value = valueFromAST(argument.value, type, variables: variableValues) else {
                return fail("Argument \"\(name)\" has invalid value \(printValue(argument.value)).", argument.value.loc)
            }
            coerced[name] = value
        }
        return .success(coerced)
    }
}
