import CouncilCore

extension CallPlanner {
    /// `debate:` for this tier: a choice made now (session, flag, variable) is every tier's, else the
    /// tier's own (`tiers.NAME.debate`), else the top level's.
    var debate: DebateMode {
        if SettingLayer(config.source(of: SettingDeclarations.debate.key)) >= .session { return config.debate }
        return config.tier(tier).debate ?? config.debate
    }
}
