import Foundation

/// Material the user attached to a question: a file, piped input or a command's output as text, or an
/// image. `name` is how the user named it (the path as given, `stdin`, `$ git diff`).
public struct Attachment: Sendable, Codable, Equatable {
    public enum Content: Sendable, Codable, Equatable {
        case text(String)
        /// PNG, JPEG, GIF or WebP bytes; `mediaType` is `image/png` and so on.
        case image(mediaType: String, data: Data)
    }

    public var name: String
    public var content: Content

    public init(name: String, content: Content) {
        self.name = name
        self.content = content
    }

    public var byteCount: Int {
        switch content {
        case .text(let text): text.utf8.count
        case .image(_, let data): data.count
        }
    }

    public var isImage: Bool {
        if case .image = content { return true }
        return false
    }

    /// What it costs in the context budget, by the same rough estimate as every message. An image is
    /// counted as a fixed `imageTokens` (providers bill images by their size in tiles, not their bytes).
    public var estimatedTokens: Int {
        switch content {
        case .text(let text): (text.utf8.count + 3) / 4 + 12
        case .image: Self.imageTokens
        }
    }

    /// About what a 1024 × 1024 image costs at OpenAI's high detail (765) and Anthropic's (≈1,400), rounded.
    public static let imageTokens = 1_000
}

/// An image part of a chat message, sent as an OpenAI `image_url` content part with a data URL.
public struct ChatImage: Sendable, Equatable {
    public var mediaType: String
    public var data: Data

    public init(mediaType: String, data: Data) {
        self.mediaType = mediaType
        self.data = data
    }

    var dataURL: String { "data:\(mediaType);base64," + data.base64EncodedString() }

    /// `data:image/png;base64,…` back to an image; nil for anything else.
    public init?(dataURL: String) {
        guard dataURL.hasPrefix("data:"), let comma = dataURL.firstIndex(of: ","),
              dataURL[..<comma].hasSuffix(";base64"),
              let data = Data(base64Encoded: String(dataURL[dataURL.index(after: comma)...])) else { return nil }
        mediaType = String(dataURL[dataURL.index(dataURL.startIndex, offsetBy: 5)..<comma].dropLast(";base64".count))
        self.data = data
    }
}
