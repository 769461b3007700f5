import Foundation
import Resolvers
import Schema

/// The resolvers of `schema/cluster.graphql`: `Query.cluster` and `Mutation.invalidateCache`.
enum ClusterResolvers {
    static let forbiddenCode = "FORBIDDEN"

    static func add(to r: inout ResolverMap<RequestContext>, coordinator: ClusterCoordinator, audit: AuditTrail = .none) {
        r.resolve("Query", "cluster") { _ in
            .value(cluster(coordinator.snapshot(), answeredBy: coordinator.identity.id))
        }
        r.resolveAsync("Mutation", "invalidateCache") { ctx in
            guard ctx.context.isAdmin else {
                await audit.record(.adminRefused, actor: ctx.context.viewerID, details: [("operation", .string("invalidateCache"))])
                throw GraphQLFieldError("invalidateCache is for admins: send the admin token (Authorization: Bearer …) or sign in as a user listed in auth.admins.",
                                        code: forbiddenCode)
            }
            guard case .enumValue(let kind)? = ctx[argument: "tool"] else {
                throw GraphQLFieldError("tool is required.", code: "BAD_USER_INPUT")
            }
            let result = await coordinator.invalidate(tool: kind.lowercased())
            await audit.record(.cacheInvalidated, actor: ctx.context.viewerID, tool: kind.lowercased(), details: [
                ("sharedEntriesRemoved", .bool(result.removed)), ("podsNotified", .int(result.notified)),
            ])
            return .value(.object(ObjectValue([
                ("tool", .enumValue(kind)),
                ("sharedEntriesRemoved", .bool(result.removed)),
                ("podsNotified", .int(result.notified)),
            ])))
        }
    }

    static func cluster(_ s: ClusterView.Snapshot, answeredBy: String) -> Value {
        .object(ObjectValue([
            ("answeredBy", .string(answeredBy)),
            ("pods", .list(s.pods.map { pod in
                .object(ObjectValue([
                    ("id", .string(pod.id)),
                    ("startedAt", .string(timestamp(pod.startedAt))),
                    ("lastSeen", .string(timestamp(pod.lastSeen))),
                    ("isLeader", .bool(pod.id == s.leader?.podID)),
                ]))
            })),
            ("leader", s.leader.map { leader in
                .object(ObjectValue([("id", .string(leader.podID)), ("fencingToken", .int(Int(leader.fencingToken)))]))
            } ?? .null),
        ]))
    }

    static func timestamp(_ seconds: Double) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date(timeIntervalSince1970: seconds))
    }
}
