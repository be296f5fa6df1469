import Foundation
import GRDB

/// A row of `sessions`: one named conversation with the council.
public struct SessionRecord: Codable, Sendable, Equatable {
    public var id: Int64?
    public var name: String
    public var created: Date
    /// Last used: moved by `touchSession` and by every new turn.
    public var updated: Date
    public var settings: SessionSettings

    public init(id: Int64? = nil, name: String, created: Date, updated: Date, settings: SessionSettings) {
        self.id = id
        self.name = name
        self.created = created
        self.updated = updated
        self.settings = settings
    }

    enum CodingKeys: String, CodingKey {
        case id, name, created, updated, settings
    }

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let name = Column(CodingKeys.name)
        public static let updated = Column(CodingKeys.updated)
        public static let settings = Column(CodingKeys.settings)
    }
}

extension SessionRecord: FetchableRecord, MutablePersistableRecord, StoredDateCoding {
    public static let databaseTableName = "sessions"
    static let turns = hasMany(TurnRecord.self, key: "turns")

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
