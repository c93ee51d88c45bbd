namespace Fengqiao.Rules.Tables;

/// <summary>The shape of one node of a <see cref="TableCondition"/>.</summary>
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
