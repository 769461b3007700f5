import Testing
@testable import Schema

@Suite struct SchemaPrinterTests {
    /// A schema touching every printable feature, already in canonical printed form.
    static let rich = #"""
    """The library catalogue."""
    schema {
      query: Catalogue
      mutation: Librarian
    }

    """Marks a field as costly to compute."""
    directive @cost(
      """Relative weight."""
      weight: Int! = 1
    ) repeatable on FIELD_DEFINITION | OBJECT

    directive @internal on FIELD | QUERY

    """
    A point in time.
    Always in UTC.
    """
    scalar Instant @specifiedBy(url: "https://tools.ietf.org/html/rfc3339")

    scalar Blob

    interface Node {
      id: ID!
    }

    interface Item implements Node {
      id: ID!
      title: String!
      tags(first: Int = 10, after: String): [String!]!
    }

    """A printed work."""
    type Book implements Item & Node {
      id: ID!
      title: String!
      tags(first: Int = 10, after: String): [String!]!

      """The people who wrote it, "in order"."""
      authors: [Person!]! @deprecated(reason: "Use `credits`.")
      isbn: String @deprecated
      published: Instant
    }

    type Person implements Node {
      id: ID!
      name: String
    }

    union SearchResult = Book | Person

    enum Format {
      HARDCOVER

      """Thin."""
      PAPERBACK @deprecated
      EBOOK @deprecated(reason: "Gone")
    }

    input BookFilter {
      title: String = "a \"quoted\" title"
      formats: [Format!] = [HARDCOVER, EBOOK]
      range: Range = {from: 1, to: 2.5}
      legacy: Boolean @deprecated(reason: "Unused")
    }

    input Range {
      from: Float!
      to: Float
    }

    input Lookup @oneOf {
      id: ID
      isbn: String
    }

    type Catalogue {
      node(id: ID!): Node
      search(
        """What to look for."""
        text: String!

        """Restrict the results."""
        filter: BookFilter
      ): [SearchResult!]!
      lookup(by: Lookup!): Book
      blob: Blob
    }

    type Librarian {
      addBook(title: String!, format: Format = PAPERBACK): Book
    }
    """#

    @Test func printsRichSchemaCanonically() throws {
        let schema = try buildSchema(Self.rich)
        #expect(printSchema(schema) == Self.rich)
    }

    @Test func richSchemaTypeMapOrder() throws {
        let schema = try buildSchema(Self.rich)
        #expect(schema.types.map(\.name) == [
            "Instant", "Blob", "Node", "ID", "Item", "String", "Int", "Book", "Person", "SearchResult", "Format",
            "BookFilter", "Boolean", "Range", "Float", "Lookup", "Catalogue", "Librarian", "__Schema", "__Type",
            "__TypeKind", "__Field", "__InputValue", "__EnumValue", "__Directive", "__DirectiveLocation",
        ])
        #expect(schema.directives.map(\.name) == ["cost", "internal", "include", "skip", "deprecated", "specifiedBy",
                                                  "oneOf"])
    }

    @Test func roundTripsThroughBuild() throws {
        let once = printSchema(try buildSchema(Self.rich))
        let twice = printSchema(try buildSchema(once))
        #expect(once == twice)
    }

    @Test func omitsSchemaDefinitionForConventionalRoots() throws {
        let schema = try buildSchema("""
            schema { query: Query mutation: Mutation }
            type Query { a: Int }
            type Mutation { b: Int }
            """)
        #expect(printSchema(schema) == """
            type Query {
              a: Int
            }

            type Mutation {
              b: Int
            }
            """)
    }

    @Test func printsExtensionsMergedIntoTheirTypes() throws {
        let schema = try buildSchema("""
            type Query { a: Int }
            extend type Query { b: String }
            enum E { X }
            extend enum E { Y }
            """)
        #expect(printSchema(schema) == """
            type Query {
              a: Int
              b: String
            }

            enum E {
              X
              Y
            }
            """)
    }

    @Test func printsNonBlockDescriptionsAsStrings() throws {
        let schema = try buildSchema(#"""
            type Query {
              "  indented first line\n  and second"
              a: Int
            }
            """#)
        #expect(printSchema(schema) == #"""
            type Query {
              "  indented first line\n  and second"
              a: Int
            }
            """#)
    }

    @Test func printedTypeDefinitionOfSingleType() throws {
        let schema = try buildSchema("type Query { a(x: [Int!] = [1, 2]): [[String]!] }")
        #expect(printTypeDefinition(schema.queryType!) == "type Query {\n  a(x: [Int!] = [1, 2]): [[String]!]\n}")
    }

    @Test func printsSchemaDefinitionForDescriptionOrUnusualRootNames() throws {
        let described = try buildSchema("\"\"\"The API.\"\"\" schema { query: Query }\ntype Query { a: Int }")
        #expect(printSchema(described) == "\"\"\"The API.\"\"\"\nschema {\n  query: Query\n}\n\ntype Query {\n  a: Int\n}")
        let renamed = try buildSchema("schema { query: Query, mutation: Change }\ntype Query { a: Int }\ntype Change { b: Int }")
        #expect(printSchema(renamed).hasPrefix("schema {\n  query: Query\n  mutation: Change\n}\n\n"))
    }

    @Test func extendedSchemaPrintsLikeOneBuiltFromTheWholeText() throws {
        let base = try buildSchema("type Query { a: Int }")
        let extended = try extendSchema(base, with: try parse(Source("extend type Query { b: [Int!] }\nscalar S")))
        #expect(printSchema(extended) == printSchema(try buildSchema("type Query { a: Int b: [Int!] }\nscalar S")))
    }
}
