import Foundation
import Synchronization

/// Request bodies for one provider. A stage sends the same conversation to each of its models, and once
/// a session has history that conversation is most of every body: its JSON is encoded once and reused
/// while the next calls carry the same messages (a 40 KB conversation takes about 0.1 ms to encode).
final class RequestBodies: Sendable {
    private let last = Mutex<(messages: [ChatMessage], marks: CacheMarks, json: Data)?>(nil)

    func body(model: ModelID, messages: [ChatMessage], options: RequestOptions, providerFields: [String: JSONValue],
              marks: CacheMarks = .off) throws -> Data {
        try ChatWireFormat.encodeRequest(model: model, encodedMessages: encoded(messages, marks: marks), options: options,
                                         providerFields: providerFields)
    }

    private func encoded(_ messages: [ChatMessage], marks: CacheMarks) throws -> Data {
        // Comparing is cheap: arrays and strings that share storage compare by identity first.
        if let last = last.withLock({ $0 }), last.marks == marks, last.messages == messages { return last.json }
        let json = try ChatWireFormat.encodeMessages(messages, marks: marks)
        last.withLock { $0 = (messages, marks, json) }
        return json
    }
}
