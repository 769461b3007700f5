/// Why a schema could not be built or extended: parse errors (`GRAPHQL_PARSE_FAILED`), SDL
/// validation errors (`GRAPHQL_VALIDATION_FAILED`) or schema validation errors
/// (`GRAPHQL_SCHEMA_INVALID`), each located in the SDL it concerns.
public struct SchemaError: Error, Sendable, CustomStringConvertible {
    public var errors: [GraphQLError]
    public init(errors: [GraphQLError]) { self.errors = errors }
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}

/// How `buildSchema` / `extendSchema` treat their input.
public struct BuildSchemaOptions: Sendable {
    /// Coercion of custom scalars by name; a scalar not listed passes values through unchanged.
    public var scalars: [String: ScalarCoercion]
    /// Skip the SDL validation rules (the document is known to be valid).
    public var assumeValidSDL: Bool
    /// Skip the schema validation of spec section 3 (the schema is known to be valid).
    public var assumeValid: Bool
    /// Token limit used when parsing SDL; schemas are trusted and may be far larger than requests.
    public var maxTokens: Int

    public init(scalars: [String: ScalarCoercion] = [:], assumeValidSDL: Bool = false, assumeValid: Bool = false,
                maxTokens: Int = 10_000_000) {
        self.scalars = scalars
        self.assumeValidSDL = assumeValidSDL
        self.assumeValid = assumeValid
        self.maxTokens = maxTokens
    }
}

/// Turns byte locations of a built schema's AST nodes back into line/column positions.
///
/// Several SDL sources are built as one document: their texts are joined (a newline between
/// each) into one combined `Source`, so AST offsets are offsets into that text. Lines are then
/// reported relative to the source a node came from, as if each had been parsed on its own.
struct SchemaLocator: Sendable {
    let source: Source
    /// Byte offset and 1-based combined line at which each original source starts, ascending.
    let segments: [(offset: Int, line: Int)]

    init(source: Source, segments: [(offset: Int, line: Int)]) {
        self.source = source
        self.segments = segments
    }

    /// A locator for a document parsed from one source.
    init(single source: Source) {
        self.init(source: source, segments: [(0, 1)])
    }

    func location(_ loc: Location) -> SourceLocation? {
        // Nodes built in code carry the empty `Location.none`; they have no place in the text.
        if loc.end == 0 { return nil }
        let combined = source.location(of: loc.start)
        var segmentLine = 1
        for s in segments where s.offset <= loc.start { segmentLine = s.line }
        return SourceLocation(line: combined.line - segmentLine + 1, column: combined.column)
    }

    func locations(_ locs: [Location]) -> [SourceLocation] { locs.compactMap(location) }

    /// The same error with its lines made relative to the source it points into.
    func relocate(_ error: GraphQLError) -> GraphQLError {
        guard segments.count > 1 else { return error }
        var e = error
        e.locations = error.locations.map { l in
            var segmentLine = 1
            for s in segments where s.line <= l.line { segmentLine = s.line }
            return SourceLocation(line: l.line - segmentLine + 1, column: l.column)
        }
        return e
    }
}

/// What a schema was built from, kept so that it can be validated with located errors and
/// extended by rebuilding from its SDL plus the extension.
struct SchemaOrigin: Sendable {
    /// Every definition the schema was built from, located in `locator.source` when there is one.
    let document: Document
    let locator: SchemaLocator?
    let options: BuildSchemaOptions
    /// Structural errors found while linking (e.g. a union member that is not an object type):
    /// the linked model cannot represent them, so they are remembered for `validateSchema`.
    let linkErrors: [GraphQLError]
}

extension GraphQLError {
    /// A schema validation error (`GRAPHQL_SCHEMA_INVALID`) at the given nodes.
    static func invalidSchema(_ message: String, _ locs: [Location], _ locator: SchemaLocator?) -> GraphQLError {
        GraphQLError(message: message, locations: locator?.locations(locs) ?? [],
                     extensions: [("code", .string(ErrorCode.invalidSchema.rawValue))])
    }
}
