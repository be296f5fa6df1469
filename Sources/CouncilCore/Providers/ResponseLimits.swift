/// How many bytes a provider may send for one request: past these the request is cancelled, so a
/// runaway model or a broken gateway cannot grow the process's memory.
public struct ResponseLimits: Sendable, Equatable {
    /// An answer's text: past it the request is cancelled and the answer kept, marked truncated.
    public var answerBytes: Int
    /// An error body: only its beginning is read (the message is at the start).
    public var errorBodyBytes: Int

    public init(answerBytes: Int = ResponseLimits.defaultAnswerBytes, errorBodyBytes: Int = 64 << 10) {
        self.answerBytes = max(1, answerBytes)
        self.errorBodyBytes = errorBodyBytes
    }

    public static let defaultAnswerBytes = 4 << 20
    public static let `default` = ResponseLimits()

    /// One line of an event stream: a chunk holding more than a whole answer is broken.
    public var eventLineBytes: Int { answerBytes + (64 << 10) }
    /// A whole (non-streamed) JSON body: the answer plus its envelope.
    public var wholeBodyBytes: Int { answerBytes + (64 << 10) }
}

extension String {
    /// The longest beginning of the string that fits in `bytes` of UTF-8, cut at a scalar boundary.
    func prefix(utf8Bytes bytes: Int) -> String {
        guard utf8.count > bytes else { return self }
        var end = utf8.index(startIndex, offsetBy: max(0, bytes))
        while end > startIndex, end.samePosition(in: unicodeScalars) == nil { utf8.formIndex(before: &end) }
        return String(self[..<end])
    }
}
