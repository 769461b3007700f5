import Schema

/// `hyperpage graphql validate [--sdl] [--schema FILE]... [--rule NAME]... FILE|-`.
///
/// Without `--sdl` the document is an executable document validated against the schema built
/// from the `--schema` files. With `--sdl` it is a type-system document, validated alone or as an
/// extension of the `--schema` files. `--rule` restricts validation to the named rules
/// (graphql-js names, e.g. `NoUnusedFragmentsRule`).
struct ValidateCommand {
    let sdl: Bool
    let schemaPaths: [String]
    let ruleNames: [String]
    let path: String

    init(_ args: inout ArgumentList) throws {
        let parsed = try args.parse(valued: ["schema", "rule"], flags: ["sdl"])
        sdl = parsed.flags.contains("sdl")
        schemaPaths = parsed.options.filter { $0.0 == "schema" }.map(\.1)
        ruleNames = parsed.options.filter { $0.0 == "rule" }.map(\.1)
        path = try singleDocumentPath(parsed.positionals)
        if !sdl && schemaPaths.isEmpty { throw UsageError("validating an executable document needs --schema FILE") }
    }

    func run() throws -> CommandResult {
        let rules = try ruleNames.map { name -> any ValidationRule.Type in
            guard let rule = validationRule(named: name) else { throw UsageError("unknown validation rule '\(name)'") }
            return rule
        }
        let source = try readSource(path)
        let document: Document
        do {
            document = try parse(source)
        } catch {
            return errorsResult([error])
        }
        if sdl {
            return try validateTypeSystem(document, rules: rules)
        }
        let schema = try loadSchema(schemaPaths)
        return errorsResult(validate(schema: schema, document: document, rules: rules.isEmpty ? specifiedRules : rules))
    }

    private func validateTypeSystem(_ document: Document, rules: [any ValidationRule.Type]) throws -> CommandResult {
        let base = schemaPaths.isEmpty ? nil : try loadSchema(schemaPaths, complete: false)
        let errors = validateSDL(document, schema: base, rules: rules.isEmpty ? specifiedSDLRules : rules)
        if !errors.isEmpty || !rules.isEmpty { return errorsResult(errors) }
        // The document passed the SDL rules: build it to report the type-system rules too.
        do {
            if let base {
                let extended = try extendSchema(base, with: document)
                return errorsResult(validateSchema(extended))
            }
            _ = try buildSchema([document.source ?? Source("")])
            return errorsResult([])
        } catch {
            return errorsResult(error.errors)
        }
    }
}
