import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The sign-in routes:
///
/// - `GET /auth/{provider}/login` → 302 to the provider with `state` and the PKCE challenge,
///   setting the `hp_oauth` browser-binding cookie (`Path=/auth`, ten minutes).
/// - `GET /auth/{provider}/callback?code&state` → 302 to `/` with the `hp_session` cookie, or an
///   error (HTML for browsers, JSON otherwise) with a code such as `AUTH_STATE_INVALID`.
/// - `POST /auth/{provider}/disconnect` → revokes and deletes the connection (JSON).
/// - `POST /auth/logout` → ends the session and clears its cookie (JSON).
///
/// Cookies are `HttpOnly; SameSite=Lax` and `Secure` unless `auth.cookie_secure: false`. POSTs
/// with an `Origin` other than `auth.public_url`'s are refused. Responses are `no-store`.
struct AuthRoutes: Sendable {
    let auth: AuthService

    var secure: Bool { auth.settings.cookieSecure }

    func add(to router: Router<BasicRequestContext>) {
        let routes = self
        router.get("/auth/:provider/login") { request, context in await routes.login(request, context) }
        router.get("/auth/:provider/callback") { request, context in await routes.callback(request, context) }
        router.post("/auth/:provider/disconnect") { request, context in await routes.disconnect(request, context) }
        router.post("/auth/logout") { request, _ in await routes.logout(request) }
    }

    /// The caller of a request, from its session cookie (anonymous when absent, expired or when
    /// the store fails), with the tokens of the tools the user connected.
    func caller(_ request: Request) async -> RequestCaller {
        guard let userID = try? await auth.signedInUser(sessionID: sessionID(request))?.id else { return RequestCaller() }
        return RequestCaller(userID: userID, toolCredentials: await auth.toolCredentials(userID: userID))
    }

    // MARK: Handlers

    private func login(_ request: Request, _ context: BasicRequestContext) async -> Response {
        let provider = context.parameters.get("provider") ?? ""
        do throws(AuthError) {
            let redirect = try await auth.startLogin(provider: provider, sessionID: sessionID(request))
            var headers = Self.noStore()
            headers[.location] = redirect.location
            headers.append(HTTPField(name: .setCookie, value: Cookies.setCookie(Cookies.oauth, redirect.browserNonce, path: "/auth",
                                                                                maxAge: Int(AuthService.stateLifetime), secure: secure)))
            return Response(status: .found, headers: headers)
        } catch {
            return failure(error, request: request)
        }
    }

    private func callback(_ request: Request, _ context: BasicRequestContext) async -> Response {
        let provider = context.parameters.get("provider") ?? ""
        let query = FormURLEncoding.decode(request.uri.query ?? "")
        func item(_ name: String) -> String? { query.first { $0.0 == name }?.1 }
        let clearOAuth = HTTPField(name: .setCookie, value: Cookies.clear(Cookies.oauth, path: "/auth", secure: secure))
        do throws(AuthError) {
            let signIn = try await auth.finishLogin(provider: provider, code: item("code"), state: item("state"),
                                                    providerError: item("error"),
                                                    browserNonce: Cookies.value(Cookies.oauth, in: request.headers[values: .cookie]),
                                                    previousSessionID: sessionID(request))
            var headers = Self.noStore()
            headers[.location] = "/"
            headers.append(clearOAuth)
            headers.append(HTTPField(name: .setCookie, value: Cookies.setCookie(Cookies.session, signIn.sessionID, path: "/",
                                                                                maxAge: auth.sessions.cookieMaxAge, secure: secure)))
            return Response(status: .found, headers: headers)
        } catch {
            var response = failure(error, request: request)
            response.headers.append(clearOAuth)
            return response
        }
    }

    private func disconnect(_ request: Request, _ context: BasicRequestContext) async -> Response {
        let provider = context.parameters.get("provider") ?? ""
        do throws(AuthError) {
            try checkOrigin(request)
            guard let user = try await auth.signedInUser(sessionID: sessionID(request)) else {
                throw AuthError(.unauthenticated, "Sign in first.")
            }
            let revoked = try await auth.disconnect(userID: user.id, provider: provider)
            return Self.json(.ok, "{\"provider\":\"\(JSONEscaping.escape(provider))\",\"disconnected\":true,\"revoked\":\(revoked)}")
        } catch {
            return failure(error, request: request)
        }
    }

    private func logout(_ request: Request) async -> Response {
        do throws(AuthError) {
            try checkOrigin(request)
            try await auth.logout(sessionID: sessionID(request))
            var response = Self.json(.ok, "{\"signedOut\":true}")
            response.headers.append(HTTPField(name: .setCookie, value: Cookies.clear(Cookies.session, path: "/", secure: secure)))
            return response
        } catch {
            return failure(error, request: request)
        }
    }

    // MARK: Helpers

    private func sessionID(_ request: Request) -> String? {
        Cookies.value(Cookies.session, in: request.headers[values: .cookie])
    }

    /// Refuses a POST whose `Origin` is another site's (defence in depth next to `SameSite=Lax`).
    private func checkOrigin(_ request: Request) throws(AuthError) {
        guard let origin = request.headers[.origin], origin != "null" else { return }
        guard let ours = URLComponents(string: auth.publicURL), let theirs = URLComponents(string: origin),
              ours.scheme == theirs.scheme, ours.host == theirs.host, ours.port == theirs.port else {
            throw AuthError(.crossOrigin, "Cross-site requests cannot change the session.")
        }
    }

    private func failure(_ error: AuthError, request: Request) -> Response {
        let status = HTTPResponse.Status(code: error.httpStatus)
        if request.headers[values: .accept].joined(separator: ",").contains("text/html") {
            var headers = Self.noStore()
            headers[.contentType] = "text/html; charset=utf-8"
            let html = """
            <!doctype html><html><head><meta charset="utf-8"><title>Sign-in failed</title></head>
            <body><h1>Sign-in failed</h1><p>\(Self.escapeHTML(error.message))</p><p><code>\(error.code.rawValue)</code></p>
            <p><a href="/">Back to Hyperpage</a></p></body></html>
            """
            return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
        }
        return Self.json(status, "{\"error\":{\"code\":\"\(error.code.rawValue)\",\"message\":\"\(JSONEscaping.escape(error.message))\"}}")
    }

    static func json(_ status: HTTPResponse.Status, _ body: String) -> Response {
        var headers = noStore()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }

    static func noStore() -> HTTPFields {
        var headers = HTTPFields()
        headers[.cacheControl] = "no-store"
        // The callback URL carries the authorization code: never send it on as a referrer.
        headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        return headers
    }

    static func escapeHTML(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
