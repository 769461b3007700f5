import Testing
@testable import Schema

/// `buildSchema` runs the SDL validation rules before linking types.
@Suite struct BuildSchemaSDLRulesTests {
    private func errors(_ sdl: String) -> [GraphQLError] {
        do {
            _ = try buildSchema([Source(sdl)])
            return []
        } catch {
            return error.errors
        }
    }

    @Test func duplicateTypeNamesAreRejectedWithBothLocations() {
        let found = errors("type Query { a: Int }\ntype Query { b: Int }")
        #expect(found.count == 1)
        #expect(found.first?.locations == [SourceLocation(line: 1, column: 6), SourceLocation(line: 2, column: 6)])
        #expect(found.first?.extensions.contains { $0.0 == "rule" && $0.1 == .string("UniqueTypeNamesRule") } == true)
    }

    @Test func unknownDirectivesAndDuplicateFieldsAreRejected() {
        let found = errors("type Query { a: Int @nope, a: String }")
        let rules = found.compactMap { e in e.extensions.first { $0.0 == "rule" }?.1 }
        #expect(Set(rules) == [.string("KnownDirectivesRule"), .string("UniqueFieldDefinitionNamesRule")])
    }
}
