import Foundation
import Schema

/// Microseconds spent in each phase of one run of the pipeline.
struct PhaseTimings {
    var parse = 0.0, validate = 0.0, execute = 0.0, serialize = 0.0
    var total: Double { parse + validate + execute + serialize }

    /// `{"iterations", "parse_us", "validate_us", "execute_us", "serialize_us", "total_us"}` with
    /// the median of each phase over all runs.
    static func medianReport(_ runs: [PhaseTimings]) -> String {
        func median(_ values: [Double]) -> Double {
            let s = values.sorted()
            guard !s.isEmpty else { return 0 }
            return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
        }
        func f(_ v: Double) -> String { String(format: "%.2f", v) }
        return "{\"iterations\": \(runs.count), \"parse_us\": \(f(median(runs.map(\.parse)))), "
            + "\"validate_us\": \(f(median(runs.map(\.validate)))), \"execute_us\": \(f(median(runs.map(\.execute)))), "
            + "\"serialize_us\": \(f(median(runs.map(\.serialize)))), \"total_us\": \(f(median(runs.map(\.total))))}"
    }
}

/// One full, uncached run of parse → validate → execute → serialize, as the CLI and the
/// benchmark use it.
struct Pipeline {
    let schema: GraphQLSchema
    let source: Source
    let rootValue: Value
    let variables: ObjectValue
    let operationName: String?

    func runOnce() async -> (output: [UInt8], hadErrors: Bool, timings: PhaseTimings) {
        var t = PhaseTimings()
        let clock = ContinuousClock()
        var start = clock.now
        func lap() -> Double {
            let now = clock.now
            let d = now - start
            start = now
            return Double(d.components.seconds) * 1e6 + Double(d.components.attoseconds) / 1e12
        }
        let document: Document
        do {
            document = try parse(source)
        } catch {
            t.parse = lap()
            let out = JSONSerializer.serialize(ExecutionResult(data: nil, errors: [error]))
            t.serialize = lap()
            return (out, true, t)
        }
        t.parse = lap()
        let errors = validate(schema: schema, document: document)
        t.validate = lap()
        if !errors.isEmpty {
            let out = JSONSerializer.serialize(ExecutionResult(data: nil, errors: errors))
            t.serialize = lap()
            return (out, true, t)
        }
        let result = await execute(schema: schema, document: document, operationName: operationName,
                                   variableValues: variables, rootValue: rootValue)
        t.execute = lap()
        let out = JSONSerializer.serialize(result)
        t.serialize = lap()
        return (out, !result.errors.isEmpty, t)
    }
}
