import CouncilCore
import Foundation
import Yams

/// Reads one `.councilrc` onto a configuration. Works on Yams' node tree rather than `Decodable`, so
/// every key keeps its line: each error names the file, the line and the key.
struct ConfigFileReader {
    let path: String
    let paths: StandardPaths
    /// Lines holding a secret written into the file (`api_key:` or an authorization header).
    private(set) var secretLines: [Int] = []
    /// The scalar settings the file gives, by slot key (`mode`, `tiers.quick.timeout`), parsed.
    private(set) var settingValues: [String: Layered<any Sendable>] = [:]

    init(path: String, paths: StandardPaths) {
        self.path = path
        self.paths = paths
    }

    /// One key of a mapping, with the line it is written on.
    struct Entry {
        var key: String
        var line: Int
        var value: Node
    }

    mutating func read(_ text: String, into config: inout CouncilConfig) throws {
        let root: Node?
        do {
            // No implicit tags: the reader takes every scalar as text and parses it itself, and Yams' default
            // resolver compiles its regular expressions with ICU, megabytes kept for the life of the REPL.
            root = try Yams.compose(yaml: text, Resolver.basic)
        } catch let error as YamlError {
            throw syntaxError(error)
        }
        guard let root, !isNull(root) else { return }  // An empty file changes nothing.
        for entry in try entries(of: root, section: nil, allowed: ConfigSchema.topLevel) {
            switch entry.key {
            case "providers": try readProviders(entry.value, into: &config)
            case "models": try readModels(entry.value, into: &config)
            case "tiers": try readTiers(entry.value, into: &config)
            case "request": config.request = try readRequest(entry, section: "request", over: config.request, into: &config)
            case "stages": try readStages(entry.value, into: &config)
            default:
                if let setting = SettingDeclarations.global(entry.key) {
                    try readSetting(entry, setting, slotKey: setting.key)
                } else {
                    try readSection(entry)  // e.g. `breaker:`, whose fields are settings `breaker.*`
                }
            }
        }
    }

    /// One scalar setting: parsed here, so its error names this file, line and key.
    private mutating func readSetting(_ entry: Entry, _ setting: any AnySetting, slotKey: String) throws {
        guard case .scalar(let scalar) = entry.value, !isNull(entry.value) else {
            throw wrongType(slotKey, expected: setting.expected, got: entry.value, line: entry.line)
        }
        let directory = (path as NSString).deletingLastPathComponent
        let context = SettingContext(paths: paths, directory: directory.isEmpty ? "." : directory)
        let value = try setting.parse(scalar.string, key: slotKey, at: source(entry.value.mark?.line ?? entry.line), context: context)
        settingValues[slotKey] = Layered(.file, value, from: source(entry.line))
    }

    private mutating func readSection(_ entry: Entry) throws {
        for field in try entries(of: entry.value, section: entry.key, allowed: ConfigSchema.fields(of: entry.key)) {
            let key = "\(entry.key).\(field.key)"
            guard let setting = SettingDeclarations.global(key) else { continue }
            try readSetting(field, setting, slotKey: key)
        }
    }

    // MARK: - Sections

    private mutating func readProviders(_ node: Node, into config: inout CouncilConfig) throws {
        for provider in try entries(of: node, section: "providers", allowed: nil) {
            let name = provider.key
            var value = config.providers[name] ?? ProviderConfig(name: name, baseURL: "")
            let isNew = config.providers[name] == nil
            config.sources[ConfigKey.provider(name)] = source(provider.line)
            let fields = try entries(of: provider.value, section: "providers.\(name)", allowed: ConfigSchema.provider)
            for field in fields {
                let key = ConfigKey.provider(name, field.key)
                switch field.key {
                case "base_url": value.baseURL = try scalar(field, .baseURL, as: key)
                case "api_key_env": value.apiKeyEnv = isNull(field.value) ? nil : try scalar(field, .variableName, as: key, secret: true)
                case "api_key":
                    value.apiKey = isNull(field.value) ? nil : APIKey(try scalar(field, .text, as: key, secret: true))
                    secretLines.append(field.line)
                case "headers": value.headers = try readHeaders(field, provider: name, into: &config)
                case "extra_body": value.extraBody = try extraBody(field, key: key)
                case "cache": value.cache = try scalar(field, .cacheMarks, as: key)
                default: break
                }
                config.sources[key] = source(field.line)
            }
            if isNew, !fields.contains(where: { $0.key == "base_url" }) {
                throw ConfigError(.missingKey, at: source(provider.line),
                                  "provider '\(name)' needs 'base_url' (the OpenAI-compatible API's address)")
            }
            config.providers[name] = value
        }
    }

    private mutating func readHeaders(_ field: Entry, provider: String, into config: inout CouncilConfig) throws -> [String: String] {
        guard !isNull(field.value) else { return [:] }
        var headers: [String: String] = [:]
        for header in try entries(of: field.value, section: "providers.\(provider).headers", allowed: nil) {
            let key = ConfigKey.provider(provider, "headers.\(header.key)")
            headers[header.key] = try scalar(header, .text, as: key, secret: true)
            config.sources[key] = source(header.line)
            if CredentialHeader.isSecret(name: header.key, value: headers[header.key] ?? "") {
                secretLines.append(header.line)
            }
        }
        return headers
    }

    private func readModels(_ node: Node, into config: inout CouncilConfig) throws {
        for model in try entries(of: node, section: "models", allowed: nil) {
            let id = ModelID(model.key)
            _ = try ValueParser<ModelID>.modelID.value(model.key, key: "models", at: source(model.line))
            var value = config.models[id]
            let fields = isNull(model.value) ? [] : try entries(of: model.value, section: "models.\(id)", allowed: ConfigSchema.model)
            if value == nil {
                guard let provider = fields.first(where: { $0.key == "provider" }) else {
                    throw ConfigError(.missingKey, at: source(model.line),
                                      "model '\(id)' needs 'provider' (one of the names under 'providers')")
                }
                value = ModelConfig(id: id, provider: try scalar(provider, .text, as: ConfigKey.model(id, "provider")))
            }
            guard var value else { continue }
            config.sources[ConfigKey.model(id)] = source(model.line)
            for field in fields {
                let key = ConfigKey.model(id, field.key)
                switch field.key {
                case "provider": value.provider = try scalar(field, .text, as: key)
                case "name": value.displayName = isNull(field.value) ? nil : try scalar(field, .text, as: key)
                case "price": value.price = try readPrice(field, model: id, into: &config)
                case "system_prompt": value.systemPrompt = try scalar(field, .systemPrompt, as: key)
                case "request": value.request = try readRequest(field, section: key, over: value.request, into: &config)
                case "timeout": value.timeout = try scalar(field, SettingDeclarations.timeout.parser, as: key)
                case "hedge_after": value.hedgeAfter = try scalar(field, SettingDeclarations.hedgeAfter.parser, as: key)
                case "vision": value.vision = try scalar(field, .boolean, as: key)
                case "cache": value.cache = try scalar(field, .cacheMarks, as: key)
                default: break
                }
                config.sources[key] = source(field.line)
            }
            config.models[id] = value
        }
    }

    private func readPrice(_ field: Entry, model: ModelID, into config: inout CouncilConfig) throws -> ModelPrice? {
        guard !isNull(field.value) else { return nil }
        var price = ModelPrice()
        for side in try entries(of: field.value, section: "models.\(model).price", allowed: ConfigSchema.price) {
            let key = ConfigKey.model(model, "price.\(side.key)")
            let amount = try scalar(side, .price, as: key)
            switch side.key {
            case "input": price.inputPerMillion = amount
            case "cached_input": price.cachedInputPerMillion = amount
            default: price.outputPerMillion = amount
            }
            config.sources[key] = source(side.line)
        }
        return price
    }

    private mutating func readTiers(_ node: Node, into config: inout CouncilConfig) throws {
        for tierEntry in try entries(of: node, section: "tiers", allowed: ConfigSchema.tiers) {
            guard let name = Tier(rawValue: tierEntry.key) else { continue }
            for field in try entries(of: tierEntry.value, section: "tiers.\(name.rawValue)", allowed: ConfigSchema.tier) {
                let key = ConfigKey.tier(name, field.key)
                if ["models", "system_prompt", "request", "hedge_after", "debate"].contains(field.key) {
                    var tier = config.tier(name)
                    switch field.key {
                    case "models": tier.models = try modelList(field, tier: name, into: &config)
                    case "system_prompt": tier.systemPrompt = try scalar(field, .systemPrompt, as: key)
                    case "hedge_after": tier.hedgeAfter = try scalar(field, SettingDeclarations.hedgeAfter.parser, as: key)
                    case "debate": tier.debate = try scalar(field, SettingDeclarations.debate.parser, as: key)
                    default: tier.request = try readRequest(field, section: key, over: tier.request, into: &config)
                    }
                    config.tiers[name] = tier
                    config.sources[key] = source(field.line)
                } else if let setting = SettingDeclarations.tier(field.key) {
                    try readSetting(field, setting, slotKey: key)
                }
            }
        }
    }

    private func modelList(_ field: Entry, tier: Tier, into config: inout CouncilConfig) throws -> [ModelID] {
        let key = ConfigKey.tier(tier, "models")
        if isNull(field.value) { return [] }  // Reported as an empty tier by the validator.
        guard case .sequence(let sequence) = field.value else {
            throw wrongType(key, expected: "a list of model ids", got: field.value, line: field.line)
        }
        for index in config.sources.keys.filter({ $0.hasPrefix(key + "[") }) { config.sources[index] = nil }
        var models: [ModelID] = []
        for (index, item) in sequence.enumerated() {
            let line = item.mark?.line ?? field.line
            let model = try scalar(Entry(key: key, line: line, value: item), .modelID, as: "\(key)[\(index)]")
            config.sources[ConfigKey.tierModel(tier, index)] = source(line)
            models.append(model)
        }
        return models
    }

    // MARK: - Nodes

    /// The keys of a mapping in file order. With `allowed`, a key outside it is an error naming the
    /// nearest valid key.
    func entries(of node: Node, section: String?, allowed: [String]?) throws -> [Entry] {
        guard case .mapping(let mapping) = node else {
            throw wrongType(section ?? "the file", expected: "a mapping of keys to values", got: node,
                            line: node.mark?.line ?? 1)
        }
        return try mapping.map { key, value in
            let line = key.mark?.line ?? node.mark?.line ?? 1
            guard let name = key.scalar?.string else {
                throw ConfigError(.wrongType, at: source(line), "a key in \(section ?? "the file") must be a word, not a list or mapping")
            }
            if let allowed, !allowed.contains(name) {
                let place = section.map { "in \($0)" } ?? "at the top level"
                throw ConfigError(.unknownKey, at: source(line), "unknown key '\(name)' \(place)",
                                  suggestion: WordSuggestion.nearest(name, in: allowed))
            }
            return Entry(key: name, line: line, value: value)
        }
    }

    func scalar<Value>(_ entry: Entry, _ parser: ValueParser<Value>, as key: String? = nil,
                               secret: Bool = false) throws -> Value {
        let key = key ?? entry.key
        guard case .scalar(let scalar) = entry.value, !isNull(entry.value) else {
            throw wrongType(key, expected: parser.expected, got: entry.value, line: entry.line)
        }
        return try parser.value(scalar.string, key: key, at: source(entry.value.mark?.line ?? entry.line), secret: secret)
    }

    func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    func wrongType(_ key: String, expected: String, got node: Node, line: Int) -> ConfigError {
        let found = switch node {
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .scalar(let scalar) where isNull(node) && scalar.string.isEmpty: "nothing"
        case .scalar(let scalar): "'\(scalar.string)'"
        case .alias: "an alias"
        }
        return ConfigError(.wrongType, at: source(line), "'\(key)' must be \(expected), got \(found)")
    }

    func source(_ line: Int) -> ConfigSource { .file(path: path, line: line) }

    /// Yams reports line and column; the message keeps libyaml's words without the snippet.
    private func syntaxError(_ error: YamlError) -> ConfigError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let during = context.map { " (\($0.text) at line \($0.mark.line), column \($0.mark.column))" } ?? ""
            return ConfigError(.syntax, at: source(mark.line), "YAML syntax error at column \(mark.column): \(problem)\(during)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return ConfigError(.syntax, at: source(context.mark.line), "duplicate key \(keys)")
        case .reader(let problem, _, _, _):
            return ConfigError(.syntax, at: source(1), "the file is not readable YAML: \(problem)")
        default:
            return ConfigError(.syntax, at: source(1), "YAML error: \(error)")
        }
    }
}
