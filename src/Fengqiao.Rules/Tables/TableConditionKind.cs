namespace Fengqiao.Rules.Tables;

/// <summary>The shape of one node of a <see cref="TableCondition"/>.</summary>
/// <remarks>Tests carry a field, an operator and values; groups carry children only.</remarks>
/// <threadsafety>An enumeration: safe to share.</threadsafety>
public enum TableConditionKind
{
    /// <summary>A test of one field with an operator and literal values.</summary>
    Test = 0,

    /// <summary>Holds when every child holds (none: always).</summary>
    All = 1,

    /// <summary>Holds when some child holds (none: never).</summary>
    Any = 2,
}
