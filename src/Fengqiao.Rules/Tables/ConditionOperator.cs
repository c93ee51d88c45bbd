namespace Fengqiao.Rules.Tables;

/// <summary>The operator of one test in a <see cref="TableCondition"/>, with the number of values it takes.</summary>
/// <remarks>Which field types accept which operator is listed on <see cref="FieldType"/>.</remarks>
/// <threadsafety>An enumeration: safe to share.</threadsafety>
public enum ConditionOperator
{
    /// <summary>The field equals the one value.</summary>
    Equal = 0,

    /// <summary>The field equals one of the values (one or more).</summary>
    In = 1,

    /// <summary>The field equals none of the values (one or more).</summary>
    NotIn = 2,

    /// <summary>The number is less than the one value.</summary>
    LessThan = 3,

    /// <summary>The number is less than or equal to the one value.</summary>
    LessThanOrEqual = 4,

    /// <summary>The number is greater than the one value.</summary>
    GreaterThan = 5,

    /// <summary>The number is greater than or equal to the one value.</summary>
    GreaterThanOrEqual = 6,

    /// <summary>The number lies between the two values, both included (the first not above the second).</summary>
    Between = 7,

    /// <summary>A text contains one of the keywords (ordinal substring), or a text list holds one of them
    /// (ordinal equality). One or more non-empty keywords.</summary>
    ContainsAny = 8,
}
