import Schema
import Synchronization

/// Documents that parsed and passed validation against the service's (fixed) schema, by their
/// exact text, so that a dashboard sending the same query again skips parsing and validation.
///
/// Only valid documents are kept: a rejected one is parsed and validated again, so its errors
/// are always computed afresh. Bounded in entries and in text size; when full it is emptied
/// and refills with the documents in use.
final class ValidatedDocumentCache: Sendable {
    let capacity: Int
    /// Longer documents are not cached.
    let maxTextBytes: Int
    private let documents = Mutex<[String: Document]>([:])

    init(capacity: Int = 512, maxTextBytes: Int = 65_536) {
        self.capacity = max(1, capacity)
        self.maxTextBytes = maxTextBytes
    }

    func document(for text: String) -> Document? {
        documents.withLock { $0[text] }
    }

    func insert(_ document: Document, for text: String) {
        guard text.utf8.count <= maxTextBytes else { return }
        documents.withLock { map in
            if map.count >= capacity, map[text] == nil { map.removeAll(keepingCapacity: true) }
            map[text] = document
        }
    }

    var count: Int { documents.withLock { $0.count } }
}
