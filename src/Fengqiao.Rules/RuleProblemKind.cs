namespace Fengqiao.Rules;

/// <summary>The kind of a <see cref="RuleProblem"/>: what was wrong when a rule set, layer, schema or table was built.</summary>
/// <remarks>New kinds may be added in later versions; treat unknown values as generic problems.</remarks>
/// <threadsafety>An enumeration: safe to share.</threadsafety>
public enum RuleProblemKind
{
    /// <summary>An id or name is empty, has surrounding white space or control characters.</summary>
    InvalidId = 0,

    /// <summary>Two rules (or two changes of one layer) share an id.</summary>
    DuplicateRuleId = 1,

    /// <summary>A layer replaces or disables a rule id that the rule set does not have.</summary>
    UnknownRuleId = 2,

    /// <summary>A layer adds a rule whose id the rule set already has (use replace).</summary>
    RuleIdExists = 3,

    /// <summary>A table condition names a field that the fact schema does not declare.</summary>
    UnknownField = 4,

    /// <summary>A fact schema declares a field name twice, or an enumeration a value twice.</summary>
    DuplicateField = 5,

    /// <summary>A table condition uses an operator that the field's type does not support (e.g. <c>&lt;</c> on text).</summary>
    OperatorNotAllowed = 6,

    /// <summary>A table condition has the wrong number of values for its operator (e.g. between needs two).</summary>
    WrongValueCount = 7,

    /// <summary>A value cannot be read as the field's type (e.g. "three" for a number field).</summary>
    ValueNotOfFieldType = 8,

    /// <summary>A value is not one of the enumeration field's declared values.</summary>
    ValueOutsideEnumeration = 9,

    /// <summary>A between condition's lower bound is above its upper bound.</summary>
    InvalidRange = 10,

    /// <summary>A table action names a target that the table does not declare.</summary>
    UnknownTarget = 11,

    /// <summary>A table declares a target twice.</summary>
    DuplicateTarget = 12,

    /// <summary>An enumeration field declares no values.</summary>
    EmptyEnumeration = 13,

    /// <summary>A table condition is malformed: a test without a field, or a group with a field or values.</summary>
    InvalidCondition = 14,
}
