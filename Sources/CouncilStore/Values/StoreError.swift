/// Errors the store reports in its own words (SQLite's stay `DatabaseError`).
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    case sessionNameTaken(String)
    case sessionNotFound(Int64)
    case turnNotFound(Int64)

    public var description: String {
        switch self {
        case .sessionNameTaken(let name): "a session named \"\(name)\" already exists"
        case .sessionNotFound(let id): "no session with id \(id)"
        case .turnNotFound(let id): "no turn with id \(id)"
        }
    }
}
