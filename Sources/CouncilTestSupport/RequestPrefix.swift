import Foundation

/// How much of a request body repeats the one before it, byte for byte: what a provider's prompt cache
/// can reuse. A body is `{"messages":[…],"model":…}`, so a request that keeps its predecessor as a
/// prefix begins with that body's bytes up to the end of its last message.
public enum RequestPrefix {
    /// `body` up to the end of its last message (the `]` closing `messages` left out). Inside a JSON
    /// string a quote is escaped, so the first `],"model":` is the end of the array.
    public static func messages(of body: Data) -> Data {
        guard let end = body.range(of: Data(#"],"model":"#.utf8)) else { return body }
        return body[body.startIndex..<end.lowerBound]
    }

    /// The number of leading bytes `earlier` and `later` share.
    public static func sharedLength(_ earlier: Data, _ later: Data) -> Int {
        zip(earlier, later).prefix { $0 == $1 }.count
    }

    /// Whether `later` begins with every message of `earlier`, in the same encoding.
    public static func keeps(_ earlier: Data, in later: Data) -> Bool {
        later.starts(with: messages(of: earlier))
    }

    /// The share of `later`'s bytes that repeat `earlier` from the first byte.
    public static func share(of later: Data, repeating earlier: Data) -> Double {
        later.isEmpty ? 0 : Double(sharedLength(earlier, later)) / Double(later.count)
    }
}
