import CouncilCore
import Crypto
import Foundation
import GRDB

/// A turn's attachments: each content once in `attachments` by its SHA-256, however many turns or
/// sessions attach it, and each turn's list (position, name as given, content) in `turn_attachments`.
extension CouncilStore {
    /// Links `attachments` to `turn` in order, storing each content not stored yet.
    static func attach(_ attachments: [Attachment], toTurn turn: Int64, _ db: Database) throws {
        for (position, attachment) in attachments.enumerated() {
            let stored = StoredAttachment(attachment)
            let (mediaType, content): (String?, Data) = switch attachment.content {
            case .text(let text): (nil, Data(text.utf8))
            case .image(let type, let data): (type, data)
            }
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO attachments (sha256, media_type, content) VALUES (?, ?, ?)")
                .execute(arguments: [stored.sha256, mediaType, content])
            try db.cachedStatement(sql: "INSERT INTO turn_attachments (turn_id, position, name, sha256) VALUES (?, ?, ?, ?)")
                .execute(arguments: [turn, position, attachment.name, stored.sha256])
        }
    }

    /// The attachments of each of `turns`, in the order they were given.
    static func attachments(of turns: [Int64], _ db: Database) throws -> [Int64: [StoredAttachment]] {
        guard !turns.isEmpty else { return [:] }
        let rows = try Row.fetchAll(db, sql: """
            SELECT l.turn_id, l.name, a.sha256, a.media_type, a.content FROM turn_attachments l
            JOIN attachments a ON a.sha256 = l.sha256
            WHERE l.turn_id IN (\(turns.map { _ in "?" }.joined(separator: ","))) ORDER BY l.turn_id, l.position
            """, arguments: StatementArguments(turns))
        var byTurn: [Int64: [StoredAttachment]] = [:]
        for row in rows {
            let content: Data = row["content"]
            let attachment = if let type = row["media_type"] as String? {
                Attachment(name: row["name"], content: .image(mediaType: type, data: content))
            } else {
                Attachment(name: row["name"], content: .text(String(decoding: content, as: UTF8.self)))
            }
            byTurn[row["turn_id"], default: []].append(StoredAttachment(attachment, sha256: row["sha256"]))
        }
        return byTurn
    }

    /// Contents no turn attaches any more (their sessions deleted).
    static func dropUnusedAttachments(_ db: Database) throws {
        try db.execute(sql: "DELETE FROM attachments WHERE sha256 NOT IN (SELECT sha256 FROM turn_attachments)")
    }

    /// The number of contents stored, however many turns attach them.
    public func storedAttachmentCount() async throws -> Int {
        try await pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM attachments") ?? 0 }
    }
}

/// An attachment as a turn stored it, with the hash its content is stored under.
public struct StoredAttachment: Sendable, Equatable, Codable {
    public var attachment: Attachment
    public var sha256: String

    public init(_ attachment: Attachment, sha256: String? = nil) {
        self.attachment = attachment
        self.sha256 = sha256 ?? Self.hash(attachment)
    }

    static func hash(_ attachment: Attachment) -> String {
        let digest = switch attachment.content {
        case .text(let text): SHA256.hash(data: Data(text.utf8))
        case .image(_, let data): SHA256.hash(data: data)
        }
        return digest.map { String(format: "%02x", $0) }.joined()
    }

    // `{"name", "sha256", "bytes", "text"}` or `{…, "media_type", "base64"}` in exports.
    enum CodingKeys: String, CodingKey { case name, sha256, bytes, text, mediaType = "media_type", base64 }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(attachment.name, forKey: .name)
        try container.encode(sha256, forKey: .sha256)
        try container.encode(attachment.byteCount, forKey: .bytes)
        switch attachment.content {
        case .text(let text): try container.encode(text, forKey: .text)
        case .image(let type, let data):
            try container.encode(type, forKey: .mediaType)
            try container.encode(data.base64EncodedString(), forKey: .base64)
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let name = try container.decode(String.self, forKey: .name)
        if let type = try container.decodeIfPresent(String.self, forKey: .mediaType) {
            let data = Data(base64Encoded: try container.decode(String.self, forKey: .base64)) ?? Data()
            attachment = Attachment(name: name, content: .image(mediaType: type, data: data))
        } else {
            attachment = Attachment(name: name, content: .text(try container.decode(String.self, forKey: .text)))
        }
        sha256 = try container.decode(String.self, forKey: .sha256)
    }
}
