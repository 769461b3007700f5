import Foundation
import Schema

/// `hyperpage graphql execute --schema FILE... [--data FILE.json] [--variables FILE.json]
/// [--operation NAME] [--repeat N] FILE|-`.
///
/// Executes with the default resolver over the `--data` JSON (each field reads the same-named
/// key of its parent object; `__typename` in the data picks the concrete type of an abstract
/// type). `--repeat N` runs the whole pipeline N times without caching and reports per-phase
/// medians on stderr as one JSON line.
struct ExecuteCommand {
    let schemaPaths: [String]
    let dataPath: String?
    let variablesPath: String?
    let operationName: String?
    /// `nil` without `--repeat`: then no timing line is printed.
    let repeatCount: Int?
    let path: String

    init(_ args: inout ArgumentList) throws {
        let parsed = try args.parse(valued: ["schema", "data", "variables", "operation", "repeat"], flags: [])
        func last(_ name: String) -> String? { parsed.options.last { $0.0 == name }?.1 }
        schemaPaths = parsed.options.filter { $0.0 == "schema" }.map(\.1)
        if schemaPaths.isEmpty { throw UsageError("execute needs --schema FILE") }
        dataPath = last("data")
        variablesPath = last("variables")
        operationName = last("operation")
        if let r = last("repeat") {
            guard let n = Int(r), n >= 1 else { throw UsageError("--repeat needs a positive integer, got '\(r)'") }
            repeatCount = n
        } else {
            repeatCount = nil
        }
        path = try singleDocumentPath(parsed.positionals)
    }

    func run() async throws -> CommandResult {
        let schema = try loadSchema(schemaPaths)
        let source = try readSource(path)
        let data = try dataPath.map { try readJSONFile($0, what: "data") } ?? .object(ObjectValue())
        let variables: ObjectValue
        switch try variablesPath.map({ try readJSONFile($0, what: "variables") }) {
        case nil, .null?: variables = ObjectValue()
        case .object(let o)?: variables = o
        case _?: throw UsageError("\(variablesPath ?? "") must hold a JSON object of variable values")
        }
        let pipeline = Pipeline(schema: schema, source: source, rootValue: data, variables: variables,
                                operationName: operationName)
        var timings: [PhaseTimings] = []
        timings.reserveCapacity(repeatCount ?? 1)
        var output: [UInt8] = []
        var hadErrors = false
        for _ in 0..<(repeatCount ?? 1) {
            let run = await pipeline.runOnce()
            timings.append(run.timings)
            output = run.output
            hadErrors = run.hadErrors
        }
        output.append(0x0A)
        let report = repeatCount != nil ? PhaseTimings.medianReport(timings) + "\n" : ""
        return CommandResult(stdout: output, stderr: report, status: hadErrors ? 1 : 0)
    }

    private func readJSONFile(_ path: String, what: String) throws -> Value {
        let bytes = try readInput(path)
        do {
            return try JSONParser.parse(bytes: bytes)
        } catch {
            throw UsageError("\(path) is not valid JSON \(what): \(error)")
        }
    }
}
