import Foundation
import CouncilCore

/// The text of `council config`: every effective value with where it came from. Keys are never
/// shown, only whether one is set and from which variable.
public enum ConfigRenderer {
    public static func render(_ loaded: LoadedConfig, excluded: [ExcludedModel] = [], demo: CouncilSetup.DemoReason? = nil) -> String {
        render(loaded.config, file: loaded.file, selectedBy: loaded.fileSelectedBy,
               warnings: loaded.warnings, excluded: excluded, demo: demo)
    }

    /// Renders an assembled setup (possibly the demo council) with its load's file and warnings; with
    /// `config`, a session's (the setup's with the session's choices in force).
    public static func render(_ setup: CouncilSetup, loaded: LoadedConfig, config: CouncilConfig? = nil) -> String {
        render(config ?? setup.config, file: loaded.file, selectedBy: loaded.fileSelectedBy,
               warnings: loaded.warnings, excluded: setup.excluded, demo: setup.demo, notes: setup.notes)
    }

    public static func render(_ config: CouncilConfig, file: String?, selectedBy: ConfigSource?,
                              warnings: [ConfigWarning] = [], excluded: [ExcludedModel] = [],
                              demo: CouncilSetup.DemoReason? = nil, notes: [String] = []) -> String {
        var lines: [String] = []
        if let file {
            // Say how the file was chosen when it was named explicitly (--config, $COUNCIL_CONFIG).
            let how = selectedBy.flatMap { $0 == .builtInDefault ? nil : " (\($0))" } ?? ""
            lines.append("# config file: \(file)\(how)")
        } else {
            lines.append("# config file: none (built-in defaults)")
        }
        if let demo { lines.append("# \(demo)") }
        lines.append("")
        lines.append(contentsOf: table(rows(config)))
        lines.append("")
        lines.append(contentsOf: EffectiveRequestText.lines(config))
        if !excluded.isEmpty {
            lines.append("")
            lines.append("# left out at start-up:")
            lines.append(contentsOf: excluded.map { "#   \($0)" })
        }
        if !notes.isEmpty || !warnings.isEmpty {
            lines.append("")
            lines.append(contentsOf: notes.map { "# note: \($0)" })
            lines.append(contentsOf: warnings.map { "# \($0)" })
        }
        return lines.joined(separator: "\n") + "\n"
    }

    struct Row: Equatable {
        var key: String
        var value: String
        var source: ConfigSource
    }

    static func rows(_ config: CouncilConfig) -> [Row] {
        var rows: [Row] = []
        func add(_ key: String, _ value: String) { rows.append(Row(key: key, value: value, source: config.source(of: key))) }

        // The scalar settings as declared, each tier's after its model list.
        for setting in SettingDeclarations.all where setting.scope == .global {
            for slot in setting.slots { add(slot.key, setting.display(slot, in: config)) }
        }
        let tierSettings = SettingDeclarations.all.filter { $0.scope == .tier }
        if !config.request.isEmpty { add("request", EffectiveRequestText.describe(config.request)) }
        for (stage, value) in config.stages.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            if let prompt = value.systemPrompt { add("stages.\(stage.rawValue).system_prompt", SystemPromptText.show(prompt)) }
            if !value.request.isEmpty { add("stages.\(stage.rawValue).request", EffectiveRequestText.describe(value.request)) }
        }
        for name in Tier.allCases {
            add(ConfigKey.tier(name, "models"), config.tier(name).models.map(\.rawValue).joined(separator: ", "))
            if let prompt = config.tier(name).systemPrompt { add(ConfigKey.tier(name, "system_prompt"), SystemPromptText.show(prompt)) }
            if !config.tier(name).request.isEmpty {
                add(ConfigKey.tier(name, "request"), EffectiveRequestText.describe(config.tier(name).request))
            }
            if let hedge = config.tier(name).hedgeAfter { add(ConfigKey.tier(name, "hedge_after"), hedge.description) }
            if let debate = config.tier(name).debate { add(ConfigKey.tier(name, "debate"), debate.rawValue) }
            for setting in tierSettings {
                for slot in setting.slots where slot.tier == name { add(slot.key, setting.display(slot, in: config)) }
            }
        }

        for provider in config.providers.values.sorted(by: { $0.name < $1.name }) {
            add(ConfigKey.provider(provider.name, "base_url"), Self.withoutCredentials(provider.baseURL))
            add(ConfigKey.provider(provider.name, "api_key_env"), provider.apiKeyEnv ?? "(none)")
            add(ConfigKey.provider(provider.name, "api_key"), keyStatus(provider, config: config))
            if let cache = provider.cache { add(ConfigKey.provider(provider.name, "cache"), cache.rawValue) }
            if !provider.extraBody.isEmpty {
                add(ConfigKey.provider(provider.name, "extra_body"), JSONValue.object(provider.extraBody).compactText)
            }
            for (header, value) in provider.headers.sorted(by: { $0.key < $1.key }) {
                add(ConfigKey.provider(provider.name, "headers.\(header)"),
                    CredentialHeader.isSecret(name: header, value: value) ? "[redacted]" : value)
            }
        }

        for model in config.models.values.sorted(by: { $0.id < $1.id }) {
            add(ConfigKey.model(model.id, "provider"), model.provider)
            if let name = model.displayName { add(ConfigKey.model(model.id, "name"), name) }
            if let input = model.price?.inputPerMillion { add(ConfigKey.model(model.id, "price.input"), "$\(number(input))/M tokens") }
            if let output = model.price?.outputPerMillion { add(ConfigKey.model(model.id, "price.output"), "$\(number(output))/M tokens") }
            if let cached = model.price?.cachedInputPerMillion { add(ConfigKey.model(model.id, "price.cached_input"), "$\(number(cached))/M tokens") }
            if let prompt = model.systemPrompt { add(ConfigKey.model(model.id, "system_prompt"), SystemPromptText.show(prompt)) }
            if !model.request.isEmpty { add(ConfigKey.model(model.id, "request"), EffectiveRequestText.describe(model.request)) }
            if let timeout = model.timeout { add(ConfigKey.model(model.id, "timeout"), timeout.description) }
            if let hedge = model.hedgeAfter { add(ConfigKey.model(model.id, "hedge_after"), hedge.description) }
            if model.vision { add(ConfigKey.model(model.id, "vision"), "true (takes images)") }
            if let cache = model.cache { add(ConfigKey.model(model.id, "cache"), cache.rawValue) }
        }
        return rows
    }

    /// Whether a key is set and where from; never the key.
    static func keyStatus(_ provider: ProviderConfig, config: CouncilConfig) -> String {
        let source = config.source(of: ConfigKey.provider(provider.name, "api_key"))
        switch (provider.apiKey, source) {
        case (nil, _) where provider.needsKey: return "not set ($\(provider.apiKeyEnv ?? "?") is empty or unset)"
        case (nil, _): return "not needed"
        case (_?, .environment(let variable)): return "set (from $\(variable))"
        case (_?, .file): return "set (literal in the config file)"
        case (_?, _): return "set"
        }
    }

    /// `council config`: through the pager on a terminal.
    public static func show(_ runtime: CouncilRuntime) {
        Console().page(render(runtime.setup, loaded: runtime.loaded))
    }

    /// `council config --session NAME`: the configuration as that stored session runs it, its own
    /// choices shown with `session` as their source. False when there is no such session.
    public static func show(_ runtime: CouncilRuntime, session name: String) async throws -> Bool {
        guard let record = try await runtime.store.session(named: name) else {
            let names = try await runtime.store.listSessions().map(\.name)
            Console().error("no session '\(name)'\(WordSuggestion.hint(name, in: names)) (council sessions lists them)")
            return false
        }
        let settings = SessionState(config: runtime.config, saved: record.settings)
        Console().page(render(runtime.setup, loaded: runtime.loaded, config: settings.config))
        return true
    }

    /// Three aligned columns; a value wider than its column (a long model list, a system prompt)
    /// wraps onto lines of its own under it, so the sources stay in line.
    static func table(_ rows: [Row]) -> [String] {
        let keyWidth = rows.map(\.key.count).max() ?? 0
        let valueWidth = min(valueColumn, rows.map(\.value.count).max() ?? 0)
        return rows.flatMap { row in
            let key = row.key.padding(toLength: keyWidth, withPad: " ", startingAt: 0)
            let pieces = MarkdownTable.wrap(row.value, width: valueWidth)
            let first = (pieces.first ?? "").padding(toLength: valueWidth, withPad: " ", startingAt: 0)
            let indent = String(repeating: " ", count: keyWidth + 2)
            return ["\(key)  \(first)  \(row.source)"] + pieces.dropFirst().map { indent + $0 }
        }
    }

    /// The widest a value's column gets before values wrap.
    static let valueColumn = 48


    /// `30`, `2.5`, `0.25`: no trailing zeros.
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        var text = String(format: "%.4f", value)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }

    /// A base URL may carry a user, password or token: show where it points, not how it gets in.
    static func withoutCredentials(_ url: String) -> String {
        var shown = url
        if let query = shown.firstIndex(of: "?") { shown = shown[..<query] + "?[redacted]" }
        guard let scheme = shown.range(of: "://") else { return shown }
        let authorityEnd = shown[scheme.upperBound...].firstIndex(of: "/") ?? shown.endIndex
        if let at = shown[scheme.upperBound..<authorityEnd].lastIndex(of: "@") {
            shown.replaceSubrange(scheme.upperBound..<at, with: "[redacted]")
        }
        return shown
    }
}
