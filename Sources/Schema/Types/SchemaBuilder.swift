/// Building a schema from SDL: parse every source, validate the SDL, link the types (see
/// `SchemaLinker`) and validate the result (see `validateSchema`). Any failure throws a
/// `SchemaError` holding every located error of the phase that failed.

/// Builds a schema from one or more SDL sources, read as if they were one document.
public func buildSchema(_ sources: [Source], options: BuildSchemaOptions = .init()) throws(SchemaError) -> GraphQLSchema {
    let parseOptions = ParseOptions(maxTokens: options.maxTokens)
    var documents: [Document] = []
    var parseErrors: [GraphQLError] = []
    for source in sources {
        do {
            documents.append(try parse(source, options: parseOptions))
        } catch {
            parseErrors.append(error)
        }
    }
    if !parseErrors.isEmpty { throw SchemaError(errors: parseErrors) }

    let document: Document
    let locator: SchemaLocator
    if sources.count == 1 {
        document = documents[0]
        locator = SchemaLocator(single: sources[0])
    } else {
        (document, locator) = try combine(sources, parseOptions: parseOptions)
    }
    return try buildSchema(document, locator: locator, options: options, validateSDLAgainst: nil)
}

/// Builds a schema from one SDL text.
public func buildSchema(_ sdl: String, options: BuildSchemaOptions = .init()) throws(SchemaError) -> GraphQLSchema {
    try buildSchema([Source(sdl, name: "schema")], options: options)
}

/// Builds a schema from an already parsed SDL document.
public func buildSchema(document: Document, options: BuildSchemaOptions = .init()) throws(SchemaError) -> GraphQLSchema {
    let locator = document.source.map { SchemaLocator(single: $0) }
    return try buildSchema(document, locator: locator, options: options, validateSDLAgainst: nil)
}

/// A new schema: `schema` with the definitions and extensions of `document` added. The SDL is
/// validated against `schema` (a type may not be defined twice, only defined types may be
/// extended, …); `schema` itself is left unchanged.
public func extendSchema(_ schema: GraphQLSchema, with document: Document,
                         options: BuildSchemaOptions? = nil) throws(SchemaError) -> GraphQLSchema {
    let options = options ?? schema.origin?.options ?? BuildSchemaOptions()
    if !options.assumeValidSDL {
        let errors = sdlValidationErrors(document, schema: schema)
        if !errors.isEmpty { throw SchemaError(errors: errors) }
    }
    var noSDLCheck = options
    noSDLCheck.assumeValidSDL = true

    guard let origin = schema.origin else {
        return try extendHandMadeSchema(schema, with: document, options: noSDLCheck)
    }
    // Rebuild from the schema's SDL followed by the extension, as one combined text when the
    // extension has a source (so that every node stays locatable).
    if let extensionSource = document.source, let base = origin.locator {
        var bytes = base.source.bytes
        bytes.append(0x0A)
        let offset = bytes.count
        bytes.append(contentsOf: extensionSource.bytes)
        let combined = Source(bytes: bytes, name: base.source.name)
        let segments = base.segments + [(offset: offset, line: combined.location(of: offset).line)]
        let parsed: Document
        do {
            parsed = try parse(combined, options: ParseOptions(maxTokens: options.maxTokens))
        } catch {
            throw SchemaError(errors: [error])
        }
        return try buildSchema(parsed, locator: SchemaLocator(source: combined, segments: segments),
                               options: noSDLCheck, validateSDLAgainst: nil)
    }
    let merged = Document(definitions: origin.document.definitions + document.definitions,
                          source: origin.document.source)
    return try buildSchema(merged, locator: origin.locator, options: noSDLCheck, validateSDLAgainst: nil)
}

/// Joins several sources into one text (a newline between each) and parses it, so that one
/// document with one source holds every definition.
private func combine(_ sources: [Source], parseOptions: ParseOptions) throws(SchemaError) -> (Document, SchemaLocator) {
    var bytes: [UInt8] = []
    var offsets: [Int] = []
    for (i, s) in sources.enumerated() {
        if i > 0 { bytes.append(0x0A) }
        offsets.append(bytes.count)
        bytes.append(contentsOf: s.bytes)
    }
    let combined = Source(bytes: bytes, name: sources.first?.name ?? "schema")
    let segments = offsets.map { (offset: $0, line: combined.location(of: $0).line) }
    let locator = SchemaLocator(source: combined, segments: segments)
    do {
        return (try parse(combined, options: parseOptions), locator)
    } catch {
        // Each source parsed alone, so this only happens when a construct spans two sources.
        throw SchemaError(errors: [locator.relocate(error)])
    }
}

/// The common path: SDL validation, linking, schema validation.
private func buildSchema(_ document: Document, locator: SchemaLocator?, options: BuildSchemaOptions,
                         validateSDLAgainst base: GraphQLSchema?) throws(SchemaError) -> GraphQLSchema {
    if !options.assumeValidSDL {
        var errors = sdlValidationErrors(document, schema: base)
        if let locator { errors = errors.map(locator.relocate) }
        if !errors.isEmpty { throw SchemaError(errors: errors) }
    }
    var linker = SchemaLinker(document: document, options: options, locator: locator)
    let schema = linker.link()
    if !linker.errors.isEmpty { throw SchemaError(errors: linker.errors) }
    schema.origin = SchemaOrigin(document: document, locator: locator,
                                 options: options, linkErrors: linker.linkErrors)
    if !options.assumeValid {
        let errors = validateSchema(schema)
        if !errors.isEmpty { throw SchemaError(errors: errors) }
    }
    return schema
}

/// Extends a schema that was not built from SDL: types and directives defined in SDL are
/// rebuilt from their definitions, the others are taken over as they are.
private func extendHandMadeSchema(_ schema: GraphQLSchema, with document: Document,
                                  options: BuildSchemaOptions) throws(SchemaError) -> GraphQLSchema {
    var definitions: [Definition] = []
    if let s = schema.astNode { definitions.append(.schema(s)) }
    definitions += schema.extensionASTNodes.map { .schemaExtension($0) }
    var existingTypes: [NamedType] = []
    for t in schema.types {
        if IntrospectionTypes.isIntrospectionType(t) { continue }
        if let s = t as? ScalarType, s.isSpecifiedScalar { continue }
        if let node = t.astNode {
            definitions.append(.type(node))
            definitions += t.extensionASTNodes.map { .typeExtension($0) }
        } else {
            existingTypes.append(t)
        }
    }
    var existingDirectives: [DirectiveType] = []
    for d in schema.directives where !d.isSpecifiedDirective {
        if let node = d.astNode { definitions.append(.directive(node)) } else { existingDirectives.append(d) }
    }
    if schema.astNode == nil {
        // Keep root types that do not follow the naming convention.
        var roots: [OperationTypeDefinition] = []
        for op in [OperationType.query, .mutation, .subscription] {
            if let t = schema.rootType(for: op) {
                roots.append(OperationTypeDefinition(operation: op, type: NamedTypeNode(name: Name(t.name))))
            }
        }
        if !roots.isEmpty { definitions.insert(.schemaExtension(SchemaExtension(operationTypes: roots)), at: 0) }
    }
    definitions += document.definitions
    let merged = Document(definitions: definitions, source: document.source)
    let locator = document.source.map { SchemaLocator(single: $0) }
    var linker = SchemaLinker(document: merged, options: options, locator: locator)
    linker.existingTypes = existingTypes
    linker.existingDirectives = existingDirectives
    let extended = linker.link()
    if !linker.errors.isEmpty { throw SchemaError(errors: linker.errors) }
    extended.origin = SchemaOrigin(document: merged, locator: locator,
                                   options: options, linkErrors: linker.linkErrors)
    if !options.assumeValid {
        let errors = validateSchema(extended)
        if !errors.isEmpty { throw SchemaError(errors: errors) }
    }
    return extended
}
