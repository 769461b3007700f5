import Foundation
import Hummingbird
import Logging
import NIOCore
import struct Resolvers.ResponseValidity
import Schema

/// GraphQL over HTTP on `/graphql` (the GraphQL-over-HTTP specification):
///
/// - `POST` with `Content-Type: application/json` and a body `{query, variables,
///   operationName, extensions}`, or a JSON array of such objects (a batch, answered by an
///   array in the same order, at most `QueryLimits.maxBatch`).
/// - `GET` with `query`, `variables`, `operationName` URL parameters, for queries only: a
///   mutation is refused with 405 and `Allow: POST`. A browser asking for `text/html` gets the
///   explorer page instead (when enabled).
/// - The response media type follows `Accept`: `application/graphql-response+json` (the
///   default when there is no `Accept`) uses the spec's status codes — 400 when the request was
///   refused before execution (parse, validation, limits, variables), 200 once execution
///   started; `application/json` answers every well-formed request with 200. Neither
///   acceptable: 406. Requests that are not well-formed GraphQL-over-HTTP requests get 400
///   (bad JSON, wrong parameter types), 413 (body over `server.max_body_bytes`) or 415 (not
///   JSON), with a GraphQL-shaped error body.
///
/// Before preparation each operation goes through `PersistedQueries` (automatic persisted
/// queries, `extensions.persistedQuery`; trusted documents only with `graphql.persisted_only`).
///
/// One HTTP request gets one context (`GraphQLService.makeContext`) with the deadline
/// `server.request_timeout` from its arrival; the operations of a batch share it.
struct GraphQLHTTPHandler<Context: Sendable>: Sendable {
    let service: GraphQLService<Context>
    let limits: QueryLimits
    let maxBodyBytes: Int
    let requestTimeout: Duration
    let explorer: Bool
    let metrics: HyperpageMetrics
    /// Automatic persisted queries and the trusted-documents mode (`graphql.persisted_only`).
    let persisted: PersistedQueries
    /// Who is calling, from the request's headers (the session cookie); nil: always anonymous.
    var identify: (@Sendable (Request) async -> RequestCaller)? = nil

    // MARK: GET

    func get(_ request: Request, context: some RequestContext) async -> Response {
        let start = ContinuousClock.now
        let offers: [ResponseMediaType] = explorer ? [.json, .graphQLResponse, .html] : [.json, .graphQLResponse]
        guard let media = AcceptHeader.negotiate(request.headers[values: .accept].joined(separator: ","),
                                                 offers: offers, missingHeaderDefault: .graphQLResponse) else {
            return finishHTTPError(.notAcceptable, GraphQLResponseEncoding.notAcceptableMessage, code: HTTPErrorCode.notAcceptable,
                                   media: .json, start: start)
        }
        if media == .html { return ExplorerPage.response() }
        let reuse = await reusable(request, isGET: true, raw: Array((request.uri.query ?? "").utf8))
        if let body = reuse?.body { return finishReused(body, media: media, start: start, logger: context.logger) }
        defer { if let reuse, reuse.leads { service.responses?.land(reuse.key) } }
        let graphQLRequest: GraphQLRequest
        do {
            graphQLRequest = try GraphQLRequest(urlParameters: FormURLEncoding.decode(request.uri.query ?? ""))
        } catch {
            return finishHTTPError(.badRequest, error.message, code: error.code, media: media, start: start)
        }
        let outcome: GraphQLOutcome
        var validity: ResponseValidity?
        switch await prepare(graphQLRequest, allowsMutations: false) {
        case .done(let done): outcome = done
        case .ready(let prepared):
            let caller = await caller(of: request, known: reuse?.key.caller)
            if reuse != nil {
                (outcome, validity) = await service.executeForReuse(prepared, context: makeContext(start, caller: caller))
            } else {
                outcome = await service.execute(prepared, context: makeContext(start, caller: caller))
            }
        }
        return finish([outcome], batch: false, media: media, start: start, logger: context.logger,
                      keep: keeper(reuse?.key, validity))
    }

    // MARK: POST

    func post(_ request: Request, context: some RequestContext) async -> Response {
        let start = ContinuousClock.now
        guard let media = AcceptHeader.negotiate(request.headers[values: .accept].joined(separator: ","),
                                                 offers: [.json, .graphQLResponse],
                                                 missingHeaderDefault: .graphQLResponse) else {
            return finishHTTPError(.notAcceptable, GraphQLResponseEncoding.notAcceptableMessage, code: HTTPErrorCode.notAcceptable,
                                   media: .json, start: start)
        }
        if let problem = RequestContentType.problem(with: request.headers[.contentType]) {
            return finishHTTPError(.unsupportedMediaType, problem, code: HTTPErrorCode.unsupportedMediaType,
                                   media: media, start: start)
        }
        let tooLarge = "The request body is larger than the limit of \(maxBodyBytes) bytes."
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > maxBodyBytes {
            return finishHTTPError(.contentTooLarge, tooLarge, code: HTTPErrorCode.payloadTooLarge, media: media, start: start)
        }
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: maxBodyBytes)
        } catch is NIOTooManyBytesError {
            return finishHTTPError(.contentTooLarge, tooLarge, code: HTTPErrorCode.payloadTooLarge, media: media, start: start)
        } catch {
            return finishHTTPError(.badRequest, "The request body could not be read.", code: HTTPErrorCode.badRequest,
                                   media: media, start: start)
        }
        let raw = Array(body.readableBytesView)
        let reuse = await reusable(request, isGET: false, raw: raw)
        if let body = reuse?.body { return finishReused(body, media: media, start: start, logger: context.logger) }
        defer { if let reuse, reuse.leads { service.responses?.land(reuse.key) } }
        let json: Value
        do {
            json = try JSONParser.parse(bytes: raw)
        } catch {
            return finishHTTPError(.badRequest, "The request body is not valid JSON: \(error.description).",
                                   code: HTTPErrorCode.badRequest, media: media, start: start)
        }
        if case .list(let items) = json {
            if items.isEmpty {
                return finishHTTPError(.badRequest, "The batch is empty: send at least one operation.",
                                       code: HTTPErrorCode.badRequest, media: media, start: start)
            }
            if items.count > limits.maxBatch {
                return finishHTTPError(.badRequest,
                                       "The batch has \(items.count) operations, more than the limit of \(limits.maxBatch).",
                                       code: HTTPErrorCode.batchTooLarge, media: media, start: start)
            }
            let (outcomes, _) = await run(items, start: start, request: request, caller: reuse?.key.caller, reusable: false)
            return finish(outcomes, batch: true, media: media, start: start, logger: context.logger)
        }
        let (outcomes, validity) = await run([json], start: start, request: request, caller: reuse?.key.caller,
                                             reusable: reuse != nil)
        return finish(outcomes, batch: false, media: media, start: start, logger: context.logger,
                      keep: keeper(reuse?.key, validity))
    }

    // MARK: Reused responses

    /// The response cache's key for this request (nil when the service reuses no responses)
    /// and the body kept under it, if still valid — or the one kept by the request with the same
    /// key executing now, after waiting for it. `leads`: this request executes for the others
    /// with its key (the caller must `land` the key when done).
    private func reusable(_ request: Request, isGET: Bool, raw: [UInt8]) async -> (key: ResponseCache.Key, body: ByteBuffer?, leads: Bool)? {
        guard let responses = service.responses else { return nil }
        let key = ResponseCache.Key(isGET: isGET, request: raw, caller: await identify?(request) ?? RequestCaller())
        if let body = responses.body(for: key) {
            metrics.responseCacheLookup(hit: true)
            return (key, body, false)
        }
        switch await responses.flight(for: key) {
        case .lead:
            metrics.responseCacheLookup(hit: false)
            return (key, nil, true)
        case .followed(let body):
            metrics.responseCacheLookup(hit: body != nil)
            return (key, body, false)
        }
    }

    /// What keeps a response's bytes for reuse, when it may be reused.
    private func keeper(_ key: ResponseCache.Key?, _ validity: ResponseValidity?) -> (@Sendable ([UInt8]) -> Void)? {
        guard let key, let validity, let responses = service.responses else { return nil }
        return { bytes in responses.insert(bytes, validity: validity, for: key) }
    }

    private func caller(of request: Request, known: RequestCaller?) async -> RequestCaller {
        if let known { return known }
        return await identify?(request) ?? RequestCaller()
    }

    /// A reused response: an executed query's answer, so 200 in either media type.
    private func finishReused(_ body: ByteBuffer, media: ResponseMediaType, start: ContinuousClock.Instant, logger: Logger) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = media.contentType
        metrics.graphQLOperation(type: OperationType.query.rawValue, outcome: .ok)
        logger.debug("GraphQL operation", metadata: [
            "hyperpage.operation_type": "query", "hyperpage.outcome": "ok", "hyperpage.response": "reused",
        ])
        metrics.graphQLRequestDuration(seconds: Self.seconds(since: start))
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: body))
    }

    /// Prepares every operation, then runs the ready ones with one shared context: concurrently
    /// when they are all queries, in order when a mutation is among them (mutations have
    /// side effects a later operation may depend on).
    ///
    /// `reusable`: a single operation whose response may be kept (the second value says until
    /// when). `caller`: who is calling, when already known.
    private func run(_ items: [Value], start: ContinuousClock.Instant, request: Request, caller known: RequestCaller?,
                     reusable: Bool) async -> ([GraphQLOutcome], ResponseValidity?) {
        var outcomes: [GraphQLOutcome?] = []
        var ready: [(Int, PreparedOperation)] = []
        for (i, item) in items.enumerated() {
            do {
                let request = try GraphQLRequest(json: item)
                switch await prepare(request, allowsMutations: true) {
                case .done(let outcome): outcomes.append(outcome)
                case .ready(let prepared):
                    outcomes.append(nil)
                    ready.append((i, prepared))
                }
            } catch {
                outcomes.append(.malformed(error))
            }
        }
        guard !ready.isEmpty else { return (outcomes.map { $0! }, nil) }
        let context = makeContext(start, caller: await caller(of: request, known: known))
        if reusable, items.count == 1, let (i, prepared) = ready.first {
            let (outcome, validity) = await service.executeForReuse(prepared, context: context)
            outcomes[i] = outcome
            return (outcomes.map { $0! }, validity)
        }
        if ready.count == 1 || ready.contains(where: { $0.1.operationType == .mutation }) {
            for (i, prepared) in ready { outcomes[i] = await service.execute(prepared, context: context) }
        } else {
            let service = service
            await withTaskGroup(of: (Int, GraphQLOutcome).self) { group in
                for (i, prepared) in ready {
                    group.addTask { (i, await service.execute(prepared, context: context)) }
                }
                for await (i, outcome) in group { outcomes[i] = outcome }
            }
        }
        return (outcomes.map { $0! }, nil)
    }

    /// The persisted-query step (which may refuse the request or supply its text), then
    /// `GraphQLService.prepare`; a document new to automatic persisted queries is registered
    /// once it proved valid.
    private func prepare(_ request: GraphQLRequest, allowsMutations: Bool) async -> Preparation {
        switch await persisted.resolve(request) {
        case .refused(let outcome):
            return .done(outcome)
        case .run(let resolved, let register):
            let preparation = service.prepare(resolved, limits: limits, allowsMutations: allowsMutations)
            if case .ready = preparation, let register, let text = resolved.query {
                await persisted.register(sha256: register, text: text)
            }
            return preparation
        }
    }

    private func makeContext(_ start: ContinuousClock.Instant, caller: RequestCaller) -> Context {
        service.makeCallerContext(start.advanced(by: requestTimeout), caller)
    }

    // MARK: Responses

    /// `keep` receives the body of a response that may be reused.
    private func finish(_ outcomes: [GraphQLOutcome], batch: Bool, media: ResponseMediaType,
                        start: ContinuousClock.Instant, logger: Logger, keep: (@Sendable ([UInt8]) -> Void)? = nil) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = media.contentType
        let status: HTTPResponse.Status
        var bytes: [UInt8]
        if batch {
            // A batch is well formed as a whole: application/json answers 200; the GraphQL
            // media type answers 200 when at least one operation was executed, else 400.
            let executed = outcomes.contains { if case .executed = $0 { true } else { false } }
            status = media == .graphQLResponse && !executed ? .badRequest : .ok
            bytes = [UInt8(ascii: "[")]
            for (i, outcome) in outcomes.enumerated() {
                if i > 0 { bytes.append(UInt8(ascii: ",")) }
                bytes += GraphQLResponseEncoding.body(of: outcome)
            }
            bytes.append(UInt8(ascii: "]"))
        } else {
            status = GraphQLResponseEncoding.status(of: outcomes[0], media: media)
            bytes = GraphQLResponseEncoding.body(of: outcomes[0])
            if case .mutationOverGET = outcomes[0] { headers[.allow] = "POST" }
            keep?(bytes)
        }
        for outcome in outcomes {
            let type = outcome.operationType?.rawValue
            let label: HyperpageMetrics.Outcome
            switch outcome {
            case .executed(let result, _): label = result.errors.isEmpty ? .ok : .fieldError
            case .rejected: label = .rejected
            case .mutationOverGET, .malformed: label = .badRequest
            }
            metrics.graphQLOperation(type: type, outcome: label)
            logger.debug("GraphQL operation", metadata: [
                "hyperpage.operation_type": .string(type ?? "unknown"),
                "hyperpage.outcome": .string(label.rawValue),
            ])
        }
        metrics.graphQLRequestDuration(seconds: Self.seconds(since: start))
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    private func finishHTTPError(_ status: HTTPResponse.Status, _ message: String, code: ErrorCode,
                                 media: ResponseMediaType, start: ContinuousClock.Instant) -> Response {
        metrics.graphQLOperation(type: nil, outcome: .badRequest)
        metrics.graphQLRequestDuration(seconds: Self.seconds(since: start))
        var headers = HTTPFields()
        headers[.contentType] = media.contentType
        return Response(status: status, headers: headers,
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: GraphQLResponseEncoding.errorBody(message, code: code))))
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let d = ContinuousClock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
}

/// How outcomes become HTTP statuses and bodies.
enum GraphQLResponseEncoding {
    /// The HTTP status of one outcome in `media`.
    static func status(of outcome: GraphQLOutcome, media: ResponseMediaType) -> HTTPResponse.Status {
        switch outcome {
        case .executed: .ok
        case .rejected: media == .graphQLResponse ? .badRequest : .ok
        case .mutationOverGET: .methodNotAllowed
        case .malformed: .badRequest
        }
    }

    static func body(of outcome: GraphQLOutcome) -> [UInt8] {
        switch outcome {
        case .executed(let result, _), .rejected(let result, _):
            JSONSerializer.serialize(result)
        case .mutationOverGET:
            errorBody("Mutations cannot be sent with GET; use POST.", code: HTTPErrorCode.methodNotAllowed)
        case .malformed(let problem):
            errorBody(problem.message, code: problem.code)
        }
    }

    static func errorBody(_ message: String, code: ErrorCode) -> [UInt8] {
        JSONSerializer.serialize(ExecutionResult(data: nil, errors: [
            GraphQLError(message: message, extensions: [("code", .string(code.rawValue))]),
        ]))
    }

    static let notAcceptableMessage =
        "None of the media types in Accept can be served: accept application/graphql-response+json or application/json."
}

/// `application/x-www-form-urlencoded` (WHATWG URLSearchParams): `+` is a space, then
/// percent-decoding; pairs without `=` have an empty value.
enum FormURLEncoding {
    static func decode(_ query: String) -> [(String, String)] {
        query.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String {
                let spaced = s.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        }
    }
}
