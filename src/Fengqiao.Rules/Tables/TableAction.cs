using System.Collections.ObjectModel;

namespace Fengqiao.Rules.Tables;

/// <summary>What a decision-table row decides, as plain data: a target from the table's declared targets (a ladder
/// level, a unit, a committee) and optional named parameters (e.g. <c>supervision: red</c>).</summary>
/// <remarks>The target is checked against <see cref="DecisionTable.Targets"/> when the table is built. Parameters keep
/// the order given, for round-tripping.</remarks>
/// <threadsafety>Immutable and thread-safe.</threadsafety>
public sealed class TableAction
{
    /// <summary>Creates an action.</summary>
    /// <param name="target">The target's name.</param>
    /// <param name="parameters">Optional parameters; names must be unique and not empty.</param>
    /// <exception cref="ArgumentNullException"><paramref name="target"/>, a parameter name or value is null.</exception>
    /// <exception cref="ArgumentException">A parameter name is empty or repeated.</exception>
    public TableAction(string target, IEnumerable<KeyValuePair<string, string>>? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        var list = new List<KeyValuePair<string, string>>();
        var byName = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in parameters ?? [])
        {
            ArgumentNullException.ThrowIfNull(name, nameof(parameters));
            ArgumentNullException.ThrowIfNull(value, nameof(parameters));
            if (name.Length == 0 || !byName.TryAdd(name, value))
            {
                throw new ArgumentException($"Action with target '{target}': parameter name '{name}' is empty or repeated.", nameof(parameters));
            }

            list.Add(new(name, value));
        }

        Target = target;
        ParameterList = list.AsReadOnly();
        Parameters = new ReadOnlyDictionary<string, string>(byName);
    }

    /// <summary>Gets the target's name.</summary>
    public string Target { get; }

    /// <summary>Gets the parameters by name.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; }

    /// <summary>Gets the parameters in the order they were given.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ParameterList { get; }

    /// <summary>Returns the target and parameters, e.g. <c>street (supervision=yellow)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => ParameterList.Count == 0
        ? Target
        : $"{Target} ({string.Join(", ", ParameterList.Select(p => p.Key + "=" + p.Value))})";
}
