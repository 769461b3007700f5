/// Page-number pagination as GitHub and GitLab do it: `page` (1-based) and `per_page`, with the
/// neighbouring pages announced in headers.
struct FakeOffsetPage: Sendable, Equatable {
    var page: Int
    var perPage: Int
    var total: Int

    /// Reads `page`/`per_page` from the request; out-of-range values fall back the way the real
    /// APIs do (page < 1 -> 1, per_page < 1 -> default, per_page > max -> max).
    init(_ request: FakeRequest, total: Int, defaultPerPage: Int, maxPerPage: Int = 100) {
        let page = request.queryInt("page") ?? 1
        let perPage = request.queryInt("per_page") ?? defaultPerPage
        self.page = max(1, page)
        self.perPage = perPage < 1 ? defaultPerPage : min(perPage, maxPerPage)
        self.total = total
    }

    var totalPages: Int { max(1, (total + perPage - 1) / perPage) }
    var range: Range<Int> {
        let start = min(total, (page - 1) * perPage)
        return start..<min(total, start + perPage)
    }
    var next: Int? { page < totalPages ? page + 1 : nil }
    var previous: Int? { page > 1 ? min(page - 1, totalPages) : nil }

    func slice<T>(_ items: [T]) -> ArraySlice<T> { items[range] }

    /// The request's URL (at `root`) with `page` set to `page`, other query items kept in order.
    func url(root: String, request: FakeRequest, page: Int) -> String {
        var items = request.query.filter { $0.name != "page" }.map { "\(fakePercentEncode($0.name))=\(fakePercentEncode($0.value))" }
        items.append("page=\(page)")
        return root + request.path + "?" + items.joined(separator: "&")
    }

    /// `Link` header value with the given relations, or `nil` when there are none.
    func linkHeader(root: String, request: FakeRequest, order: [String]) -> String? {
        var parts: [String] = []
        for rel in order {
            let target: Int? = switch rel {
            case "prev": previous
            case "next": next
            case "first": 1
            case "last": totalPages
            default: nil
            }
            guard let target else { continue }
            parts.append("<\(url(root: root, request: request, page: target))>; rel=\"\(rel)\"")
        }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }
}
