/// Type-system definitions and extensions (spec section 3): `schema`, the six kinds of named
/// type, directive definitions, and their `extend` forms.
extension Parser {
    /// `SchemaDefinition :: Description? schema Directives[Const]? { RootOperationTypeDefinition+ }`
    mutating func parseSchemaDefinition() throws(GraphQLError) -> SchemaDefinition {
        let start = token.start
        let description = try parseDescription()
        try expectKeyword("schema")
        let directives = try parseDirectives(isConst: true)
        let operationTypes = try many(.braceL, { (p: inout Parser) throws(GraphQLError) in
            try p.parseOperationTypeDefinition()
        }, .braceR)
        return SchemaDefinition(description: description, directives: directives, operationTypes: operationTypes,
                                loc: loc(from: start))
    }

    /// `RootOperationTypeDefinition :: OperationType : NamedType`
    mutating func parseOperationTypeDefinition() throws(GraphQLError) -> OperationTypeDefinition {
        let start = token.start
        let operation = try parseOperationType()
        try expect(.colon)
        let type = try parseNamedType()
        return OperationTypeDefinition(operation: operation, type: type, loc: loc(from: start))
    }

    /// `TypeDefinition`: an optional description, then the kind keyword (`scalar`, `type`,
    /// `interface`, `union`, `enum`, `input`) and the parts that kind has.
    mutating func parseTypeDefinition() throws(GraphQLError) -> TypeDefinition {
        let start = token.start
        let description = try parseDescription()
        let kind = try parseTypeKindKeyword()
        var definition = try parseTypeBody(kind: kind, start: start)
        definition.description = description
        return definition
    }

    /// The keyword naming a kind of type.
    private mutating func parseTypeKindKeyword() throws(GraphQLError) -> TypeDefinitionKind {
        guard token.kind == .name, let value = token.value, let kind = TypeDefinitionKind(rawValue: value) else {
            throw unexpected()
        }
        try advance()
        return kind
    }

    /// Everything after the kind keyword, shared by definitions and extensions:
    /// - scalar: `Name Directives[Const]?`
    /// - type / interface: `Name ImplementsInterfaces? Directives[Const]? FieldsDefinition?`
    /// - union: `Name Directives[Const]? UnionMemberTypes?`
    /// - enum: `Name Directives[Const]? EnumValuesDefinition?`
    /// - input: `Name Directives[Const]? InputFieldsDefinition?`
    private mutating func parseTypeBody(kind: TypeDefinitionKind, start: Int) throws(GraphQLError) -> TypeDefinition {
        let name = try parseName()
        var definition = TypeDefinition(kind: kind, name: name)
        switch kind {
        case .scalar:
            definition.directives = try parseDirectives(isConst: true)
        case .object, .interface:
            definition.interfaces = try parseImplementsInterfaces()
            definition.directives = try parseDirectives(isConst: true)
            definition.fields = try optionalMany(.braceL, { (p: inout Parser) throws(GraphQLError) in
                try p.parseFieldDefinition()
            }, .braceR)
        case .union:
            definition.directives = try parseDirectives(isConst: true)
            if try expectOptional(.equals) {
                definition.unionMembers = try delimitedMany(.pipe, { (p: inout Parser) throws(GraphQLError) in
                    try p.parseNamedType()
                })
            }
        case .enum:
            definition.directives = try parseDirectives(isConst: true)
            definition.enumValues = try optionalMany(.braceL, { (p: inout Parser) throws(GraphQLError) in
                try p.parseEnumValueDefinition()
            }, .braceR)
        case .inputObject:
            definition.directives = try parseDirectives(isConst: true)
            definition.inputFields = try optionalMany(.braceL, { (p: inout Parser) throws(GraphQLError) in
                try p.parseInputValueDefinition()
            }, .braceR)
        }
        definition.loc = loc(from: start)
        return definition
    }

    /// `ImplementsInterfaces :: implements &? NamedType (& NamedType)*`
    private mutating func parseImplementsInterfaces() throws(GraphQLError) -> [NamedTypeNode] {
        guard try expectOptionalKeyword("implements") else { return [] }
        return try delimitedMany(.amp, { (p: inout Parser) throws(GraphQLError) in try p.parseNamedType() })
    }

    /// `FieldDefinition :: Description? Name ArgumentsDefinition? : Type Directives[Const]?`
    mutating func parseFieldDefinition() throws(GraphQLError) -> FieldDefinitionNode {
        let start = token.start
        let description = try parseDescription()
        let name = try parseName()
        let arguments = try parseArgumentDefinitions()
        try expect(.colon)
        let type = try parseTypeReference()
        let directives = try parseDirectives(isConst: true)
        return FieldDefinitionNode(description: description, name: name, arguments: arguments, type: type,
                                   directives: directives, loc: loc(from: start))
    }

    /// `ArgumentsDefinition :: ( InputValueDefinition+ )`
    private mutating func parseArgumentDefinitions() throws(GraphQLError) -> [InputValueDefinitionNode] {
        try optionalMany(.parenL, { (p: inout Parser) throws(GraphQLError) in
            try p.parseInputValueDefinition()
        }, .parenR)
    }

    /// `InputValueDefinition :: Description? Name : Type DefaultValue? Directives[Const]?`
    mutating func parseInputValueDefinition() throws(GraphQLError) -> InputValueDefinitionNode {
        let start = token.start
        let description = try parseDescription()
        let name = try parseName()
        try expect(.colon)
        let type = try parseTypeReference()
        let defaultValue = try expectOptional(.equals) ? try parseValueLiteral(isConst: true) : nil
        let directives = try parseDirectives(isConst: true)
        return InputValueDefinitionNode(description: description, name: name, type: type,
                                        defaultValue: defaultValue, directives: directives, loc: loc(from: start))
    }

    /// `EnumValueDefinition :: Description? EnumValue Directives[Const]?` where
    /// `EnumValue :: Name but not true or false or null`.
    mutating func parseEnumValueDefinition() throws(GraphQLError) -> EnumValueDefinitionNode {
        let start = token.start
        let description = try parseDescription()
        if token.kind == .name, let value = token.value, value == "true" || value == "false" || value == "null" {
            throw syntaxError(source, at: token.start,
                              "\(token.errorDescription) is reserved and cannot be used for an enum value.")
        }
        let name = try parseName()
        let directives = try parseDirectives(isConst: true)
        return EnumValueDefinitionNode(description: description, name: name, directives: directives,
                                       loc: loc(from: start))
    }

    /// `DirectiveDefinition :: Description? directive @ Name ArgumentsDefinition? repeatable? on DirectiveLocations`
    mutating func parseDirectiveDefinition() throws(GraphQLError) -> DirectiveDefinition {
        let start = token.start
        let description = try parseDescription()
        try expectKeyword("directive")
        try expect(.at)
        let name = try parseName()
        let arguments = try parseArgumentDefinitions()
        let repeatable = try expectOptionalKeyword("repeatable")
        try expectKeyword("on")
        let locations = try delimitedMany(.pipe, { (p: inout Parser) throws(GraphQLError) in
            try p.parseDirectiveLocation()
        })
        return DirectiveDefinition(description: description, name: name, arguments: arguments,
                                   repeatable: repeatable, locations: locations, loc: loc(from: start))
    }

    /// One of the `ExecutableDirectiveLocation` / `TypeSystemDirectiveLocation` names.
    private mutating func parseDirectiveLocation() throws(GraphQLError) -> Name {
        let t = token
        let name = try parseName()
        guard DirectiveLocation(rawValue: name.value) != nil else { throw unexpected(t) }
        return name
    }

    // MARK: - Extensions

    /// `TypeSystemExtension :: SchemaExtension | TypeExtension`, chosen by the word after `extend`.
    mutating func parseTypeSystemExtension() throws(GraphQLError) -> Definition {
        let keyword = try lexer.lookahead()
        if keyword.kind == .name, let value = keyword.value {
            if value == "schema" { return .schemaExtension(try parseSchemaExtension()) }
            if TypeDefinitionKind(rawValue: value) != nil { return .typeExtension(try parseTypeExtension()) }
        }
        throw unexpected(keyword)
    }

    /// `SchemaExtension :: extend schema Directives[Const]? { RootOperationTypeDefinition+ }`
    /// `| extend schema Directives[Const]` — it must add something.
    private mutating func parseSchemaExtension() throws(GraphQLError) -> SchemaExtension {
        let start = token.start
        try expectKeyword("extend")
        try expectKeyword("schema")
        let directives = try parseDirectives(isConst: true)
        let operationTypes = try optionalMany(.braceL, { (p: inout Parser) throws(GraphQLError) in
            try p.parseOperationTypeDefinition()
        }, .braceR)
        if directives.isEmpty && operationTypes.isEmpty { throw unexpected() }
        return SchemaExtension(directives: directives, operationTypes: operationTypes, loc: loc(from: start))
    }

    /// `TypeExtension`: `extend` and the same shape as a definition without description; it must
    /// add at least one of the parts its kind has.
    private mutating func parseTypeExtension() throws(GraphQLError) -> TypeExtension {
        let start = token.start
        try expectKeyword("extend")
        let kind = try parseTypeKindKeyword()
        let definition = try parseTypeBody(kind: kind, start: start)
        let addsNothing = definition.directives.isEmpty && definition.interfaces.isEmpty && definition.fields.isEmpty
            && definition.unionMembers.isEmpty && definition.enumValues.isEmpty && definition.inputFields.isEmpty
        if addsNothing { throw unexpected() }
        return TypeExtension(definition: definition)
    }
}
