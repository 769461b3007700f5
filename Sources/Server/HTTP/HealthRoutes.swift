import Hummingbird
import NIOCore
import Schema

/// `GET /healthz`, `GET /readyz` and `GET /metrics`.
enum HealthRoutes {
    /// Liveness: 200 `{"status":"ok"}` whenever the process answers HTTP at all.
    static func healthz() -> Response {
        json(.ok, .object(ObjectValue([("status", .string("ok"))])))
    }

    /// Readiness: the report as JSON, 200 unless an essential check is down (503), so a load
    /// balancer stops routing here only when the pod really cannot serve.
    static func readyz(_ report: ReadinessReport) -> Response {
        json(report.status == .down ? .serviceUnavailable : .ok, report.json)
    }

    /// Prometheus text exposition format, version 0.0.4.
    static func metrics(_ metrics: HyperpageMetrics) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers,
                        body: ResponseBody(byteBuffer: ByteBuffer(string: metrics.exposition())))
    }

    static func json(_ status: HTTPResponse.Status, _ value: Value) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers,
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: JSONSerializer.serialize(value))))
    }
}
