#if canImport(Glibc)
import Glibc
#endif

/// One input from libFuzzer: its first bytes choose parameters (how to cut the rest into chunks, a
/// limit, a width), the rest is the payload. Parameters come from the input rather than a random
/// source, so every finding replays exactly from its file.
public struct FuzzInput {
    public private(set) var bytes: ArraySlice<UInt8>

    public init(_ data: UnsafePointer<UInt8>?, _ count: Int) {
        bytes = data.map { ArraySlice(UnsafeBufferPointer(start: $0, count: count)) } ?? []
    }

    /// One parameter byte off the front; 0 once the input is used up.
    public mutating func takeByte() -> UInt8 { bytes.popFirst() ?? 0 }

    /// The payload as text, as a provider's bytes become a Swift string (invalid UTF-8 replaced).
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}

/// Where to cut a payload of `count` elements into consecutive chunks: a deterministic shuffle of
/// cut points from `seed` (SplitMix64), from one chunk (seed 0) to single elements (seed 255).
public func cutPoints(count: Int, seed: UInt8) -> [Int] {
    guard count > 1, seed > 0 else { return [] }
    var state = UInt64(seed) &* 0x9E37_79B9_7F4A_7C15
    func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    if seed == 255 { return Array(1..<count) }
    let cuts = min(count - 1, Int(seed))
    return Set((0..<cuts).map { _ in 1 + Int(next() % UInt64(count - 1)) }).sorted()
}

/// `elements` cut at `cutPoints(count:seed:)`.
public func chunks<Element>(_ elements: [Element], seed: UInt8) -> [ArraySlice<Element>] {
    var start = 0
    var pieces: [ArraySlice<Element>] = []
    for cut in cutPoints(count: elements.count, seed: seed) + [elements.count] {
        pieces.append(elements[start..<cut])
        start = cut
    }
    return pieces
}

/// `text` cut into strings at unicode-scalar boundaries, as deltas of a streamed answer arrive.
public func textChunks(_ text: String, seed: UInt8) -> [String] {
    chunks(Array(text.unicodeScalars), seed: seed).map { piece in
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: piece)
        return String(scalars)
    }
}

/// Traps when an invariant is broken, so libFuzzer records the input as a crash: a target that
/// only ran the code would miss every wrong answer that does not crash.
public func invariant(_ condition: Bool, _ message: @autoclosure () -> String,
                      file: StaticString = #fileID, line: UInt = #line) {
    guard !condition else { return }
    let text = Array("invariant broken (\(file):\(line)): \(message())\n".utf8)
    _ = text.withUnsafeBufferPointer { write(2, $0.baseAddress, $0.count) }
    abort()
}

/// The Unicode scalars a terminal must never receive from outside text: ESC and every other C0
/// control but newline and tab, DEL, the C1 controls (8-bit CSI, OSC, …), bidi marks, embeddings,
/// overrides and isolates.
public func isForbiddenOnTerminal(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x0A, 0x09: false
    case 0x00...0x1F, 0x7F...0x9F: true
    case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
    default: false
    }
}
