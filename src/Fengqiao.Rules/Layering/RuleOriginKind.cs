namespace Fengqiao.Rules.Layering;

/// <summary>The kind of layer a rule definition came from.</summary>
/// <remarks>The kind is descriptive: layers apply in the order the host applies them, not by kind.</remarks>
/// <threadsafety>An enumeration: safe to share.</threadsafety>
public enum RuleOriginKind
{
    /// <summary>The defaults shipped with a package (e.g. Fengqiao.Escalation's default rule set).</summary>
    Default = 0,

    /// <summary>A province or autonomous region (省/自治区), e.g. Xinjiang.</summary>
    Region = 1,

    /// <summary>A prefecture-level city (地级市), e.g. Baiyin.</summary>
    City = 2,

    /// <summary>A county-level unit: county, county-level city or district (县/县级市/区), e.g. Saybagh district.</summary>
    County = 3,

    /// <summary>Any other layer a host defines (a pilot, a test, a street's own rules).</summary>
    Custom = 4,
}
