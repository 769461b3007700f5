import Testing
@testable import Server

/// `${VAR}`, `${VAR:-default}` and `$$`, alone and through the loader; durations and key
/// suggestions, the small syntaxes the loader relies on.
@Suite struct ConfigSubstitutionTests {
    private func substitute(_ raw: String, _ environment: [String: String] = [:]) throws -> EnvironmentSubstitution.Result {
        try EnvironmentSubstitution.apply(raw, environment: environment)
    }

    @Test func replacesVariablesAndDefaults() throws {
        let env = ["HOST": "db", "EMPTY": ""]
        #expect(try substitute("postgres://${HOST}:${PORT:-5432}/hp", env).text == "postgres://db:5432/hp")
        #expect(try substitute("${EMPTY:-fallback}", env).text == "fallback")
        #expect(try substitute("${HOST:-fallback}", env).text == "db")
        #expect(try substitute("${EMPTY}", env) == .init(text: "", references: ["EMPTY"], unset: []))
        #expect(try substitute("a${MISSING}b", env) == .init(text: "ab", references: ["MISSING"], unset: ["MISSING"]))
        #expect(try substitute("${MISSING:-}", env) == .init(text: "", references: ["MISSING"], unset: []))
        #expect(try substitute("${D:-a:-b}").text == "a:-b")
    }

    @Test func dollarsOutsideReferencesAreLiteral() throws {
        #expect(try substitute("pa$$word").text == "pa$word")
        #expect(try substitute("$${HOST}", ["HOST": "db"]) == .init(text: "${HOST}", references: [], unset: []))
        #expect(try substitute("cost: $5 and $").text == "cost: $5 and $")
        #expect(try substitute("$$$${X}").text == "$${X}")
    }

    @Test func malformedReferencesAreProblems() {
        #expect(throws: EnvironmentSubstitution.Failure(message: "unterminated '${' (close it with '}', or write '$$' for a literal '$')")) {
            try substitute("${HOST")
        }
        for body in ["", "1X", "A-B", "A:?x", "A B"] {
            #expect(throws: EnvironmentSubstitution.Failure.self) { try substitute("${\(body)}") }
        }
    }

    @Test func substitutesInValuesButNotKeys() {
        #expect(configProblems("${SECTION}:\n  port: 1\n", environment: ["SECTION": "server"])
            == ["1:1: unknown key '${SECTION}' at the top level"])
        #expect(configProblems("server:\n  port: \"${P}\"\n  host: \"${H:-0.0.0.0}\"\n", environment: ["P": "80"]) == [])
    }

    @Test func substitutesInListItems() throws {
        let config = try ConfigLoader.load(
            yaml: "tools:\n  github:\n    repositories: [\"${ORG}/api\", \"$${literal}/x\"]\n", file: "t.yaml", environment: ["ORG": "acme"])
        #expect(config.tools.github.repositories == ["acme/api", "${literal}/x"])
    }

    @Test func parsesDurations() {
        #expect(DurationSyntax.parse("500ms") == .milliseconds(500))
        #expect(DurationSyntax.parse("60s") == .seconds(60))
        #expect(DurationSyntax.parse("2m") == .seconds(120))
        #expect(DurationSyntax.parse("1h") == .seconds(3600))
        #expect(DurationSyntax.parse("1m30s") == .seconds(90))
        #expect(DurationSyntax.parse("0") == .zero)
        for bad in ["", "60", "s", "1.5s", "-1s", "1 s", "1d", "10sec", "1s2"] {
            #expect(DurationSyntax.parse(bad) == nil, "\(bad)")
        }
    }

    @Test func suggestsCloseKeys() {
        let keys = ["host", "port", "max_body_bytes", "request_timeout"]
        #expect(KeySuggestion.closest(to: "prot", among: keys) == "port")
        #expect(KeySuggestion.closest(to: "maxBodyBytes", among: keys) == "max_body_bytes")
        #expect(KeySuggestion.closest(to: "request-timeout", among: keys) == "request_timeout")
        #expect(KeySuggestion.closest(to: "request_timout", among: keys) == "request_timeout")
        #expect(KeySuggestion.closest(to: "database", among: keys) == nil)
    }
}
