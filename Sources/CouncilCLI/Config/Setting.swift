import CouncilCore
import CouncilStore

/// Where a setting applies.
public enum SettingScope: Sendable, Equatable {
    /// One value for the whole configuration (`mode`, `breaker.window`).
    case global
    /// One value per tier, under `tiers.<tier>.` in the file; the variable and the flag set every tier.
    case tier
}

/// One place a setting's value lives in `CouncilConfig`: its dotted key, and the tier for a tier setting.
struct SettingSlot: Sendable, Hashable {
    var key: String
    var tier: Tier?
}

/// What a setting's text is read against: a path is taken from the file's directory (in the file) or
/// the working directory (variables and flags).
struct SettingContext: Sendable {
    var paths: StandardPaths
    var directory: String
}

/// How a session keeps its own choice of a setting, and the slash command that makes it.
struct SessionBinding<Value: Sendable>: Sendable {
    /// The value as the session stores it; the setting's parser reads it back.
    var text: @Sendable (Value) -> String = { "\($0)" }
    /// Where versions before `SessionSettings.choices` stored the choice.
    var legacy: @Sendable (SessionSettings) -> String?
    var command: SettingCommand<Value>
}

/// A setting as every consumer sees it: the file reader, the loader (variables and flags), the
/// command line, `council config` and `SessionState` iterate `SettingDeclarations.all`.
protocol AnySetting: Sendable {
    /// The key in `.councilrc`: `mode`, `breaker.window`, or for a tier setting its field (`timeout`).
    var key: String { get }
    var environmentVariable: String? { get }
    /// The option's main spelling, e.g. `--min-responses`.
    var flag: String? { get }
    /// Other spellings of the option, e.g. `--min`.
    var flagAliases: [String] { get }
    var help: String { get }
    var scope: SettingScope { get }
    /// What a valid value looks like, for errors.
    var expected: String { get }
    /// The words a value may be (tiers, modes, `auto`), for shell completion.
    var words: [String] { get }
    /// Whether a session may choose it (`/tier`, `/timeout`, …).
    var isSessionScoped: Bool { get }
    /// Every place the setting fills: one key, or one per tier.
    var slots: [SettingSlot] { get }

    /// Reads one layer's text; throws a `ConfigError` naming `key` at `source`.
    func parse(_ text: String, key: String, at source: ConfigSource, context: SettingContext) throws -> any Sendable
    /// Writes the winner of the default and `layers` (by `Precedence`) and its source into `config`.
    func settle(_ slot: SettingSlot, layers: [Layered<any Sendable>], into config: inout CouncilConfig, paths: StandardPaths)
    /// The value at `slot`, as `council config` shows it.
    func display(_ slot: SettingSlot, in config: CouncilConfig) -> String
    /// The session's saved choice as text, from `choices` or where an older version kept it.
    func sessionText(in saved: SessionSettings) -> String?
    /// Which layer wins between the run's configuration and the session's choice `text` (`Precedence`);
    /// nil for a setting a session cannot choose.
    func sessionWinner(config: CouncilConfig, choice text: String?) -> SettingLayer?
    /// Writes the session's choice `text` into every slot of `config`, with `session` as its source.
    func apply(sessionChoice text: String, to config: inout CouncilConfig)
    /// The slash command that sets it in a session.
    var slashCommand: SlashCommand? { get }
}

extension AnySetting {
    func sessionWinner(config: CouncilConfig, saved: SessionSettings) -> SettingLayer? {
        sessionWinner(config: config, choice: sessionText(in: saved))
    }
}

/// The declaration of one scalar setting: key, variable, flag, parser, default, help, where it lives
/// and whether a session may choose it.
struct Setting<Value: Sendable>: AnySetting {
    enum Storage: Sendable {
        case config(WritableKeyPath<CouncilConfig, Value> & Sendable)
        case tier(WritableKeyPath<TierConfig, Value> & Sendable)
    }

    enum Default: Sendable {
        case value(Value)
        /// A tier setting's default for each tier.
        case perTier([Tier: Value])
        /// Depends on the environment (the XDG directories), which it names as the source.
        case derived(@Sendable (StandardPaths) -> (Value, ConfigSource))
    }

    let key: String
    var environmentVariable: String?
    var flag: String?
    var flagAliases: [String] = []
    let help: String
    let parser: ValueParser<Value>
    let storage: Storage
    let defaultValue: Default
    var show: @Sendable (Value) -> String = { "\($0)" }
    var session: SessionBinding<Value>?
    /// After parsing: e.g. a path made absolute.
    var finish: @Sendable (Value, SettingContext) -> Value = { value, _ in value }

    var scope: SettingScope {
        if case .tier = storage { return .tier }
        return .global
    }

    var expected: String { parser.expected }
    var words: [String] { parser.choices }
    var isSessionScoped: Bool { session != nil }

    var slots: [SettingSlot] {
        switch storage {
        case .config: [SettingSlot(key: key, tier: nil)]
        case .tier: Tier.allCases.map { SettingSlot(key: ConfigKey.tier($0, key), tier: $0) }
        }
    }

    func parse(_ text: String, key: String, at source: ConfigSource, context: SettingContext) throws -> any Sendable {
        finish(try parser.value(text, key: key, at: source), context)
    }

    func value(at slot: SettingSlot, in config: CouncilConfig) -> Value {
        switch storage {
        case .config(let path): config[keyPath: path]
        case .tier(let path): config.tier(slot.tier ?? .balanced)[keyPath: path]
        }
    }

    func settle(_ slot: SettingSlot, layers: [Layered<any Sendable>], into config: inout CouncilConfig, paths: StandardPaths) {
        let fallback: Layered<Value> = switch defaultValue {
        case .value(let value): Layered(.builtInDefault, value, from: .builtInDefault)
        // Every tier has a default: the table test over `SettingDeclarations.all` checks each slot.
        case .perTier(let values): Layered(.builtInDefault, values[slot.tier ?? .balanced]!, from: .builtInDefault)
        case .derived(let make): { let (value, source) = make(paths); return Layered(.builtInDefault, value, from: source) }()
        }
        let candidates = [fallback] + layers.compactMap { layer in
            (layer.value as? Value).map { Layered(layer.layer, $0, from: layer.source) }
        }
        guard let winner = Precedence.resolve(candidates) else { return }
        // Lower layers are written first and the winner over them: for most settings that is the
        // winner's value, but `timeout: auto` from a variable keeps the file's number as its ceiling.
        let beneath = candidates.filter { Precedence.rank($0.layer) < Precedence.rank(winner.layer) }
            .sorted { Precedence.rank($0.layer) < Precedence.rank($1.layer) }
        for value in beneath.map(\.value) + [winner.value] { write(value, at: slot, in: &config) }
        // No entry means "default": the validator blames only what the user wrote.
        config.sources[slot.key] = winner.source == .builtInDefault ? nil : winner.source
    }

    private func write(_ value: Value, at slot: SettingSlot, in config: inout CouncilConfig) {
        switch storage {
        case .config(let path):
            config[keyPath: path] = value
        case .tier(let path):
            let name = slot.tier ?? .balanced
            var tier = config.tier(name)
            tier[keyPath: path] = value
            config.tiers[name] = tier
        }
    }

    func display(_ slot: SettingSlot, in config: CouncilConfig) -> String { show(value(at: slot, in: config)) }

    func sessionText(in saved: SessionSettings) -> String? {
        saved.choices?[key] ?? session?.legacy(saved)
    }

    func sessionWinner(config: CouncilConfig, choice text: String?) -> SettingLayer? {
        guard session != nil else { return nil }
        var candidates = slots.map { slot in
            let source = config.source(of: slot.key)
            return Layered(SettingLayer(source), value(at: slot, in: config), from: source)
        }
        if let choice = text.flatMap(parser.parse) { candidates.append(Layered(.session, choice, from: .session)) }
        return Precedence.resolve(candidates)?.layer
    }

    func apply(sessionChoice text: String, to config: inout CouncilConfig) {
        guard let value = parser.parse(text) else { return }
        for slot in slots {
            write(value, at: slot, in: &config)
            config.sources[slot.key] = .session
        }
    }

    var slashCommand: SlashCommand? { session.map { SlashCommand(setting: self, binding: $0) } }
}
