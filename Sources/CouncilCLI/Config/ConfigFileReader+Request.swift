import CouncilCore
import Yams

/// `request:` (top level, `tiers.NAME`, `models.ID`, `stages.STAGE`) and `stages:`.
extension ConfigFileReader {
    /// Reads a `request:` mapping over `base`: a field the mapping gives replaces the one in `base`.
    func readRequest(_ entry: Entry, section: String, over base: RequestOptions,
                     into config: inout CouncilConfig) throws -> RequestOptions {
        guard !isNull(entry.value) else { return base }
        var options = base
        for field in try entries(of: entry.value, section: section, allowed: ConfigSchema.request) {
            let key = "\(section).\(field.key)"
            switch field.key {
            case "temperature": options.temperature = try scalar(field, .temperature, as: key)
            case "top_p": options.topP = try scalar(field, .topP, as: key)
            case "max_tokens": options.maxTokens = try scalar(field, .positiveInteger, as: key)
            case "reasoning_effort": options.reasoningEffort = try scalar(field, .reasoningEffort, as: key)
            default:
                options.extraBody = options.extraBody.merging(try extraBody(field, key: key)) { $0.merged(with: $1) }
            }
            config.sources[key] = source(field.line)
        }
        return options
    }

    /// Values one `extra_body:` may hold. YAML aliases are copies: nine anchors of nine aliases each
    /// are a few hundred bytes and 387 million values, which would hang the reader and then fill
    /// memory (found by its property test). A real request body needs a handful.
    static let maxExtraBodyValues = 10_000

    /// An `extra_body:` mapping; `extra_body: {}` (or nothing) is none.
    func extraBody(_ field: Entry, key: String) throws -> [String: JSONValue] {
        if isNull(field.value) { return [:] }
        var budget = Self.maxExtraBodyValues
        guard case .object(let object) = try json(field.value, key: key, line: field.line, budget: &budget) else {
            throw wrongType(key, expected: "a mapping of fields to add to the request body", got: field.value, line: field.line)
        }
        return object
    }

    func readStages(_ node: Node, into config: inout CouncilConfig) throws {
        guard !isNull(node) else { return }  // every example commented out
        for stageEntry in try entries(of: node, section: "stages", allowed: ConfigSchema.stages) {
            guard let stage = StageConfig.configurable[stageEntry.key] else { continue }
            let section = "stages.\(stageEntry.key)"
            var value = config.stages[stage] ?? StageConfig()
            let fields = isNull(stageEntry.value) ? [] : try entries(of: stageEntry.value, section: section, allowed: ConfigSchema.stage)
            for field in fields {
                let key = "\(section).\(field.key)"
                if field.key == "system_prompt" {
                    value.systemPrompt = try scalar(field, .systemPrompt, as: key)
                } else {
                    value.request = try readRequest(field, section: key, over: value.request, into: &config)
                }
                config.sources[key] = source(field.line)
            }
            config.stages[stage] = value
        }
    }

    /// A YAML node as JSON: plain scalars become numbers, booleans or null where they read as one;
    /// quoted scalars stay text.
    func json(_ node: Node, key: String, line: Int, budget: inout Int) throws -> JSONValue {
        budget -= 1
        guard budget >= 0 else {
            throw ConfigError(.invalidValue, at: source(line),
                              "'\(key)' holds more than \(Self.maxExtraBodyValues) values (YAML aliases count once per use)")
        }
        switch node {
        case .scalar(let scalar):
            guard scalar.style == .plain || scalar.style == .any else { return .string(scalar.string) }
            if isNull(node) { return .null }
            if let value = Int(scalar.string) { return .integer(value) }
            if let value = Double(scalar.string), value.isFinite { return .number(value) }
            switch scalar.string.lowercased() {
            case "true": return .bool(true)
            case "false": return .bool(false)
            default: return .string(scalar.string)
            }
        case .sequence(let sequence):
            return .array(try sequence.map { try json($0, key: key, line: $0.mark?.line ?? line, budget: &budget) })
        case .mapping:
            var object: [String: JSONValue] = [:]
            for item in try entries(of: node, section: key, allowed: nil) {
                object[item.key] = try json(item.value, key: "\(key).\(item.key)", line: item.line, budget: &budget)
            }
            return .object(object)
        case .alias:
            throw wrongType(key, expected: "JSON-like values (no YAML aliases)", got: node, line: line)
        }
    }
}
