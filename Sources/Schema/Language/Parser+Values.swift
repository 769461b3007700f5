/// Value literals (spec 2.9) and type references (spec 2.11).
extension Parser {
    /// `Value[Const]`: in a constant context (default values, directives of the type system and of
    /// variable definitions) a variable is a syntax error.
    mutating func parseValueLiteral(isConst: Bool) throws(GraphQLError) -> ValueNode {
        let t = token
        let tokenLoc = Location(start: t.start, end: t.end)
        switch t.kind {
        case .bracketL:
            return try parseList(isConst: isConst)
        case .braceL:
            return try parseObject(isConst: isConst)
        case .int:
            try advance()
            return .int(t.value ?? "", tokenLoc)
        case .float:
            try advance()
            return .float(t.value ?? "", tokenLoc)
        case .string, .blockString:
            try advance()
            return .string(t.value ?? "", block: t.kind == .blockString, tokenLoc)
        case .name:
            try advance()
            switch t.value {
            case "true": return .boolean(true, tokenLoc)
            case "false": return .boolean(false, tokenLoc)
            case "null": return .null(tokenLoc)
            default: return .enumValue(t.value ?? "", tokenLoc)
            }
        case .dollar:
            if isConst {
                try advance()
                if token.kind == .name {
                    throw syntaxError(source, at: t.start,
                                      "Unexpected variable \"$\(token.value ?? "")\" in constant value.")
                }
                throw unexpected(t)
            }
            return .variable(try parseVariable())
        default:
            throw unexpected()
        }
    }

    /// `ListValue :: [ ] | [ Value+ ]` — one level of nesting.
    private mutating func parseList(isConst: Bool) throws(GraphQLError) -> ValueNode {
        let start = token.start
        try enterNesting()
        // Plain loops here rather than `any`: fewer frames per nesting level on this recursive path.
        try expect(.bracketL)
        var values: [ValueNode] = []
        while try !expectOptional(.bracketR) {
            values.append(try parseValueLiteral(isConst: isConst))
        }
        leaveNesting()
        return .list(values, loc(from: start))
    }

    /// `ObjectValue :: { } | { ObjectField+ }` — one level of nesting.
    private mutating func parseObject(isConst: Bool) throws(GraphQLError) -> ValueNode {
        let start = token.start
        try enterNesting()
        try expect(.braceL)
        var fields: [ObjectField] = []
        while try !expectOptional(.braceR) {
            fields.append(try parseObjectField(isConst: isConst))
        }
        leaveNesting()
        return .object(fields, loc(from: start))
    }

    /// `ObjectField :: Name : Value`
    private mutating func parseObjectField(isConst: Bool) throws(GraphQLError) -> ObjectField {
        let start = token.start
        let name = try parseName()
        try expect(.colon)
        let value = try parseValueLiteral(isConst: isConst)
        return ObjectField(name: name, value: value, loc: loc(from: start))
    }

    /// A string literal where a description may stand.
    func peekDescription() -> Bool { peek(.string) || peek(.blockString) }

    /// `Description :: StringValue`, if present.
    mutating func parseDescription() throws(GraphQLError) -> StringValueNode? {
        guard peekDescription() else { return nil }
        let t = token
        try advance()
        return StringValueNode(value: t.value ?? "", block: t.kind == .blockString,
                               loc: Location(start: t.start, end: t.end))
    }

    /// `Type :: NamedType | ListType | NonNullType`. List wrappers count as nesting.
    mutating func parseTypeReference() throws(GraphQLError) -> TypeNode {
        let start = token.start
        var type: TypeNode
        if peek(.bracketL) {
            try enterNesting()
            try advance()
            let inner = try parseTypeReference()
            try expect(.bracketR)
            leaveNesting()
            type = .list(inner, loc(from: start))
        } else {
            type = .named(try parseNamedType())
        }
        if try expectOptional(.bang) {
            type = .nonNull(type, loc(from: start))
        }
        return type
    }

    /// `NamedType :: Name`
    mutating func parseNamedType() throws(GraphQLError) -> NamedTypeNode {
        let start = token.start
        let name = try parseName()
        return NamedTypeNode(name: name, loc: loc(from: start))
    }
}
