import Hummingbird
import NIOCore
import Schema

/// `POST /admin/reload` (admin token): reloads the configuration on this pod and tells the
/// others. 200 `{"applied": true, "published": Bool, "restartNeeded": [section]}`; 400 with
/// `{"applied": false, "problems": [...]}` for a file with problems; 403 without the token.
struct ReloadRoute: Sendable {
    struct Result: Sendable {
        var outcome: ConfigReloader.Outcome
        /// Whether the reload event reached Redis (false without Redis).
        var published: Bool
    }

    let admin: AdminToken
    let reload: @Sendable () async -> Result
    /// Refusals are recorded as `admin_refused`.
    var audit: AuditTrail = .none

    func add(_ router: Router<BasicRequestContext>) {
        router.post("/admin/reload") { request, _ in await handle(request) }
    }

    func handle(_ request: Request) async -> Response {
        guard admin.admits(request) else {
            await audit.record(.adminRefused, details: [("operation", .string("POST /admin/reload"))])
            return HealthRoutes.json(.forbidden, .object(ObjectValue([
                ("error", .string("POST /admin/reload needs the admin token (Authorization: Bearer …).")),
                ("code", .string("FORBIDDEN")),
            ])))
        }
        let result = await reload()
        let o = result.outcome
        return HealthRoutes.json(o.applied ? .ok : .badRequest, .object(ObjectValue([
            ("applied", .bool(o.applied)),
            ("published", .bool(result.published)),
            ("restartNeeded", .list(o.restartNeeded.map { .string($0) })),
            ("problems", .list(o.problems.map { .string($0) })),
        ])))
    }
}
