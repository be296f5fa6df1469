import CouncilCore
import Foundation
import GRDB

/// A row of `breakers`: one model's circuit breaker, saved as the JSON of the plain value.
struct BreakerRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord, StoredDateCoding {
    static let databaseTableName = "breakers"

    var model: ModelID
    var state: CircuitBreaker
    var updated: Date
}
