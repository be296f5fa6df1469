/// The program's version, for `council --version`.
public enum CouncilVersion {
    public static let string = "council 0.1.0"
}
