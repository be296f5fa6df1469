import CouncilStore
import Foundation

/// A stored session as text: the Markdown transcript or the JSON document (`/export`, `council sessions export`).
enum TranscriptExport {
    static func render(_ transcript: SessionTranscript, as format: ExportFormat, names: ModelNames = ModelNames()) -> String {
        var transcript = transcript
        // Only the models this session called: the configuration may name many more.
        let called = Set(transcript.turns.flatMap { $0.turn.models.map(\.rawValue) + $0.results.map(\.model.rawValue) })
        let shown = names.byID.filter { called.contains($0.key) }
        if !shown.isEmpty { transcript.modelNames = shown }
        switch format {
        case .md:
            // A transcript file is read with `cat` too: what models wrote loses its control sequences.
            return TerminalSanitizer.sanitize(TranscriptMarkdown.render(transcript))
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            encoder.dateEncodingStrategy = .iso8601
            return (try? encoder.encode(transcript)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        }
    }
}

/// What `/export` and `council sessions export` write: Markdown or JSON.
public enum ExportFormat: String, CaseIterable, Equatable, Sendable {
    case md, json
}
