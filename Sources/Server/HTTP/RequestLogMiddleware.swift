import Foundation
import Hummingbird
import Logging

/// Logs one line per HTTP request at `info`: method, path, status and duration. The query
/// string is left out on purpose — a GET GraphQL request carries its variables there — and so
/// are headers and bodies (tokens, variables).
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            log(request, status: response.status.code, start: start, logger: context.logger)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            log(request, status: status, start: start, logger: context.logger)
            throw error
        }
    }

    private func log(_ request: Request, status: Int, start: ContinuousClock.Instant, logger: Logger) {
        guard logger.logLevel <= .info else { return }
        let d = ContinuousClock.now - start
        let tenths = d.components.seconds * 10_000 + d.components.attoseconds / 100_000_000_000_000
        logger.info("HTTP request", metadata: [
            "hyperpage.http.method": .string(request.method.rawValue),
            "hyperpage.http.path": .string(request.uri.path),
            "hyperpage.http.status": .stringConvertible(status),
            "hyperpage.http.duration_ms": .string("\(tenths / 10).\(tenths % 10)"),
        ])
    }
}
