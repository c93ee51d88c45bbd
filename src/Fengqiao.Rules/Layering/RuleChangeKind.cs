namespace Fengqiao.Rules.Layering;

/// <summary>What a layer does to one rule id.</summary>
/// <remarks>Unknown ids for <see cref="Replace"/> and <see cref="Disable"/>, and existing ids for <see cref="Add"/>, are errors when the layer is applied.</remarks>
/// <threadsafety>An enumeration: safe to share.</threadsafety>
public enum RuleChangeKind
{
    /// <summary>Replace the existing rule with this id by a new definition, keeping its position; the new
    /// definition is enabled even if a lower layer had disabled the rule.</summary>
    Replace = 0,

    /// <summary>Disable the existing rule with this id: it stays in the set (and in traces) but never applies.</summary>
    Disable = 1,

    /// <summary>Add a rule whose id the lower layers do not have; it goes after the existing rules.</summary>
    Add = 2,
}
