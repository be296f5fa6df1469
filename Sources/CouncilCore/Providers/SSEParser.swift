/// Incremental parser for `text/event-stream` bodies: feed bytes as they arrive, get complete events.
///
/// Handles LF, CRLF and lone CR line ends (also when a CRLF is split across reads), comment lines
/// (`: keep-alive`), multi-line `data:` fields and events split anywhere across network reads.
public struct SSEParser: Sendable {
    public struct Event: Sendable, Equatable {
        public var name: String?
        public var data: String
    }

    private var line: [UInt8] = []
    private var dataLines: [String] = []
    /// Scalars of the event's data so far, line ends included: capped like a line, or an event of many
    /// short `data:` lines (and no blank line) would grow without end (found by its property test).
    /// Scalars, not UTF-8: an invalid byte read as U+FFFD takes three, and the body fitted the cap
    /// (found by fuzzing).
    private var dataScalars = 0
    private var eventName: String?
    private var skipNextLineFeed = false
    /// Bytes one line, or one event's data, may hold; the rest is dropped and `overflowed` set.
    public let maxLineBytes: Int
    /// A line or an event was longer than `maxLineBytes`: the stream is broken, its events cannot be trusted.
    public private(set) var overflowed = false

    public init(maxLineBytes: Int = .max) { self.maxLineBytes = maxLineBytes }

    public mutating func feed<Bytes: Sequence>(_ bytes: Bytes) -> [Event] where Bytes.Element == UInt8 {
        var events: [Event] = []
        for byte in bytes {
            if skipNextLineFeed {
                skipNextLineFeed = false
                if byte == 0x0A { continue }
            }
            switch byte {
            case 0x0D:
                skipNextLineFeed = true
                if let event = endLine() { events.append(event) }
            case 0x0A:
                if let event = endLine() { events.append(event) }
            default:
                if line.count < maxLineBytes { line.append(byte) } else { overflowed = true }
            }
        }
        return events
    }

    /// Call at the end of the body: a last event that lacks its blank line is still delivered.
    public mutating func finish() -> [Event] {
        var events: [Event] = []
        if !line.isEmpty, let event = endLine() { events.append(event) }
        if let event = dispatch() { events.append(event) }
        return events
    }

    private mutating func endLine() -> Event? {
        defer { line.removeAll(keepingCapacity: true) }
        if line.isEmpty { return dispatch() }
        if line.first == UInt8(ascii: ":") { return nil }  // comment or keep-alive
        let text = String(decoding: line, as: UTF8.self)
        let field: Substring
        var value: Substring
        if let colon = text.firstIndex(of: ":") {
            field = text[..<colon]
            value = text[text.index(after: colon)...]
            if value.first == " " { value = value.dropFirst() }
        } else {
            field = text[...]
            value = ""
        }
        switch field {
        case "data":
            dataScalars += value.unicodeScalars.count + (dataLines.isEmpty ? 0 : 1)
            if dataScalars > maxLineBytes { overflowed = true } else { dataLines.append(String(value)) }
        case "event": eventName = String(value)
        default: break  // id, retry and unknown fields do not matter here
        }
        return nil
    }

    private mutating func dispatch() -> Event? {
        defer { dataLines.removeAll(); dataScalars = 0; eventName = nil }
        guard !dataLines.isEmpty else { return nil }
        return Event(name: eventName, data: dataLines.joined(separator: "\n"))
    }
}
