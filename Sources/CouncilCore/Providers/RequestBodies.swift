import Foundation
import Synchronization

/// Request bodies for one provider. A stage sends the same conversation to each of its models, and once
/// a session has history that conversation is most of every body: its JSON is encoded once and reused
/// while the next calls carry the same messages (a 40 KB conversation takes about 0.1 ms to encode).
/// Two are kept: with an image attached, the models that take images and the others get two
/// conversations, called in any order.
final class RequestBodies: Sendable {
    private let recent = Mutex<[(messages: [ChatMessage], marks: CacheMarks, json: Data)]>([])

    func body(model: ModelID, messages: [ChatMessage], options: RequestOptions, providerFields: [String: JSONValue],
              marks: CacheMarks = .off) throws -> Data {
        try ChatWireFormat.encodeRequest(model: model, encodedMessages: encoded(messages, marks: marks), options: options,
                                         providerFields: providerFields)
    }

    private func encoded(_ messages: [ChatMessage], marks: CacheMarks) throws -> Data {
        // Comparing is cheap: arrays and strings that share storage compare by identity first.
        if let hit = recent.withLock({ $0 }).first(where: { $0.marks == marks && $0.messages == messages }) { return hit.json }
        let json = try ChatWireFormat.encodeMessages(messages, marks: marks)
        recent.withLock { $0 = [(messages, marks, json)] + $0.prefix(1) }
        return json
    }
}
