/// The agreement figure in words, as the board and the chairman's brief say it.
public enum AgreementStrength: String, Sendable, Codable {
    case strong, moderate, weak, split

    public init(_ value: Double) {
        self = switch value {
        case 0.75...: .strong
        case 0.5..<0.75: .moderate
        case 0.25..<0.5: .weak
        default: .split
        }
    }
}
