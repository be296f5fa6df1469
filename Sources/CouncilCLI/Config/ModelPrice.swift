/// What a model costs, in US dollars per million tokens; either side may be unknown.
public struct ModelPrice: Sendable, Equatable, Codable {
    public var inputPerMillion: Double?
    public var outputPerMillion: Double?

    public init(inputPerMillion: Double? = nil, outputPerMillion: Double? = nil) {
        self.inputPerMillion = inputPerMillion
        self.outputPerMillion = outputPerMillion
    }
}
