/// Executable definitions (spec 2.3–2.8): operations, selection sets, fields, arguments,
/// fragments, variables and directives.
extension Parser {
    /// `OperationDefinition :: OperationType Name? VariablesDefinition? Directives? SelectionSet | SelectionSet`
    mutating func parseOperationDefinition() throws(GraphQLError) -> OperationDefinition {
        let start = token.start
        if peek(.braceL) {
            let selectionSet = try parseSelectionSet()
            return OperationDefinition(operation: .query, selectionSet: selectionSet, loc: loc(from: start))
        }
        let operation = try parseOperationType()
        let name = peek(.name) ? try parseName() : nil
        let variableDefinitions = try optionalMany(.parenL, { (p: inout Parser) throws(GraphQLError) in
            try p.parseVariableDefinition()
        }, .parenR)
        let directives = try parseDirectives(isConst: false)
        let selectionSet = try parseSelectionSet()
        return OperationDefinition(operation: operation, name: name, variableDefinitions: variableDefinitions,
                                   directives: directives, selectionSet: selectionSet, loc: loc(from: start))
    }

    /// `OperationType :: one of query mutation subscription`
    mutating func parseOperationType() throws(GraphQLError) -> OperationType {
        let t = try expect(.name)
        switch t.value {
        case "query": return .query
        case "mutation": return .mutation
        case "subscription": return .subscription
        default: throw unexpected(t)
        }
    }

    /// `VariableDefinition :: Variable : Type DefaultValue? Directives[Const]?`
    mutating func parseVariableDefinition() throws(GraphQLError) -> VariableDefinition {
        let start = token.start
        let variable = try parseVariable()
        try expect(.colon)
        let type = try parseTypeReference()
        let defaultValue = try expectOptional(.equals) ? try parseValueLiteral(isConst: true) : nil
        let directives = try parseDirectives(isConst: true)
        return VariableDefinition(variable: variable, type: type, defaultValue: defaultValue,
                                  directives: directives, loc: loc(from: start))
    }

    /// `Variable :: $ Name`
    mutating func parseVariable() throws(GraphQLError) -> Variable {
        let start = token.start
        try expect(.dollar)
        let name = try parseName()
        return Variable(name: name, loc: loc(from: start))
    }

    /// `SelectionSet :: { Selection+ }` — one level of nesting.
    mutating func parseSelectionSet() throws(GraphQLError) -> SelectionSet {
        let start = token.start
        try enterNesting()
        // A plain loop rather than `many`: this is the recursive path, and fewer frames per level
        // keep deep (but allowed) documents cheap on the stack.
        try expect(.braceL)
        var selections: [Selection] = []
        repeat {
            selections.append(try parseSelection())
        } while try !expectOptional(.braceR)
        leaveNesting()
        return SelectionSet(selections: selections, loc: loc(from: start))
    }

    /// `Selection :: Field | FragmentSpread | InlineFragment`
    mutating func parseSelection() throws(GraphQLError) -> Selection {
        peek(.spread) ? try parseFragment() : .field(try parseField())
    }

    /// `Field :: Alias? Name Arguments? Directives? SelectionSet?`
    mutating func parseField() throws(GraphQLError) -> Field {
        let start = token.start
        let nameOrAlias = try parseName()
        var alias: Name? = nil
        var name = nameOrAlias
        if try expectOptional(.colon) {
            alias = nameOrAlias
            name = try parseName()
        }
        let arguments = try parseArguments(isConst: false)
        let directives = try parseDirectives(isConst: false)
        let selectionSet = peek(.braceL) ? try parseSelectionSet() : nil
        return Field(alias: alias, name: name, arguments: arguments, directives: directives,
                     selectionSet: selectionSet, loc: loc(from: start))
    }

    /// `Arguments :: ( Argument+ )`
    mutating func parseArguments(isConst: Bool) throws(GraphQLError) -> [Argument] {
        try optionalMany(.parenL, { (p: inout Parser) throws(GraphQLError) in
            try p.parseArgument(isConst: isConst)
        }, .parenR)
    }

    /// `Argument :: Name : Value`
    mutating func parseArgument(isConst: Bool) throws(GraphQLError) -> Argument {
        let start = token.start
        let name = try parseName()
        try expect(.colon)
        let value = try parseValueLiteral(isConst: isConst)
        return Argument(name: name, value: value, loc: loc(from: start))
    }

    /// `FragmentSpread :: ... FragmentName Directives?` or
    /// `InlineFragment :: ... TypeCondition? Directives? SelectionSet`
    mutating func parseFragment() throws(GraphQLError) -> Selection {
        let start = token.start
        try expect(.spread)
        let hasTypeCondition = try expectOptionalKeyword("on")
        if !hasTypeCondition && peek(.name) {
            let name = try parseFragmentName()
            let directives = try parseDirectives(isConst: false)
            return .fragmentSpread(FragmentSpread(name: name, directives: directives, loc: loc(from: start)))
        }
        let typeCondition = hasTypeCondition ? try parseNamedType() : nil
        let directives = try parseDirectives(isConst: false)
        let selectionSet = try parseSelectionSet()
        return .inlineFragment(InlineFragment(typeCondition: typeCondition, directives: directives,
                                              selectionSet: selectionSet, loc: loc(from: start)))
    }

    /// `FragmentDefinition :: fragment FragmentName TypeCondition Directives? SelectionSet`
    mutating func parseFragmentDefinition() throws(GraphQLError) -> FragmentDefinition {
        let start = token.start
        try expectKeyword("fragment")
        let name = try parseFragmentName()
        try expectKeyword("on")
        let typeCondition = try parseNamedType()
        let directives = try parseDirectives(isConst: false)
        let selectionSet = try parseSelectionSet()
        return FragmentDefinition(name: name, typeCondition: typeCondition, directives: directives,
                                  selectionSet: selectionSet, loc: loc(from: start))
    }

    /// `FragmentName :: Name but not on`
    mutating func parseFragmentName() throws(GraphQLError) -> Name {
        if token.kind == .name && token.value == "on" { throw unexpected() }
        return try parseName()
    }

    /// `Directives :: Directive+` (possibly none here).
    mutating func parseDirectives(isConst: Bool) throws(GraphQLError) -> [Directive] {
        var directives: [Directive] = []
        while peek(.at) {
            directives.append(try parseDirective(isConst: isConst))
        }
        return directives
    }

    /// `Directive :: @ Name Arguments?`
    mutating func parseDirective(isConst: Bool) throws(GraphQLError) -> Directive {
        let start = token.start
        try expect(.at)
        let name = try parseName()
        let arguments = try parseArguments(isConst: isConst)
        return Directive(name: name, arguments: arguments, loc: loc(from: start))
    }
}
