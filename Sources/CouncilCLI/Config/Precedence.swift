/// The places a setting's value can come from, and the one rule that orders them.
public enum SettingLayer: Int, Sendable, Hashable, Comparable, CaseIterable {
    case builtInDefault, file, session, environment, flag

    public static func < (lhs: SettingLayer, rhs: SettingLayer) -> Bool {
        Precedence.rank(lhs) < Precedence.rank(rhs)
    }

    /// The layer a loaded value came from, told by its source. A default derived from the
    /// environment (`$XDG_DATA_HOME`) is still a default.
    init(_ source: ConfigSource) {
        switch source {
        case .builtInDefault, .demo: self = .builtInDefault
        case .file: self = .file
        case .session: self = .session
        case .environment: self = .environment
        case .flag: self = .flag
        }
    }
}

/// A value with the layer and the source it came from.
public struct Layered<Value: Sendable>: Sendable {
    public var layer: SettingLayer
    public var value: Value
    public var source: ConfigSource

    public init(_ layer: SettingLayer, _ value: Value, from source: ConfigSource) {
        self.layer = layer
        self.value = value
        self.source = source
    }
}

/// The one place that decides which layer of a setting wins.
public enum Precedence {
    /// Highest first: flag > environment > session > file > default.
    ///
    /// The session sits above the file on purpose (issue 10 wrote "file > session"): a choice made
    /// in a session (`/tier`, `/mode`, `/chairman`, `/min`, `/timeout`) is what the user asked of that
    /// session, and reopening it must restore it even after the file changed. A flag or variable is
    /// an instruction for this run, so it beats the session, but `SessionState.saved` does not write
    /// it into the session.
    public static let order: [SettingLayer] = [.flag, .environment, .session, .file, .builtInDefault]

    /// The winning candidate: the one whose layer comes first in `order`; nil when there is none.
    public static func resolve<Value>(_ candidates: [Layered<Value>]) -> Layered<Value>? {
        candidates.max { rank($0.layer) < rank($1.layer) }
    }

    /// Position in `order` counted from the lowest, so a higher rank wins.
    static func rank(_ layer: SettingLayer) -> Int {
        order.count - 1 - order.firstIndex(of: layer)!
    }
}
