using System.Collections.ObjectModel;
using System.Text;
using Fengqiao.Rules.Evaluation;

namespace Fengqiao.Rules;

/// <summary>
/// A condition over a fact made of named parts, combined with all/any/not: the "when" of a
/// <see cref="Rule{TFact, TDecision}"/>. Create one through <see cref="Condition"/>.
/// </summary>
/// <typeparam name="TFact">The type of fact the condition reads.</typeparam>
/// <remarks>
/// <para>A condition is compiled into one delegate when it is created, so testing a fact costs a few delegate
/// calls and never uses reflection. <see cref="Condition.All{TFact}"/> stops at the first failing child and <see cref="Condition.Any{TFact}"/> at the
/// first holding one, exactly as C#'s <c>&amp;&amp;</c> and <c>||</c> do; traces mark the parts skipped this way as
/// <see cref="PartOutcome.NotEvaluated"/>, so a part may safely rely on an earlier part of an <c>All</c>.</para>
/// <para>Parts are numbered depth first, left to right; <see cref="PartNames"/> lists them in that order, which is the
/// order of <see cref="RuleTrace.Parts"/>.</para>
/// </remarks>
/// <threadsafety>Immutable and thread-safe, provided the part predicates are (they should be pure functions).</threadsafety>
public sealed class Condition<TFact>
    where TFact : notnull
{
    private readonly Condition<TFact>[] _children;
    private readonly Func<TFact, bool>? _predicate;
    private readonly int[] _offsets;
    private readonly string[] _partNames;
    private readonly bool[] _negated;

    private Condition(ConditionKind kind, string? name, Func<TFact, bool>? predicate, Condition<TFact>[] children)
    {
        Kind = kind;
        Name = name;
        _predicate = predicate;
        _children = children;
        _offsets = new int[children.Length];
        if (kind == ConditionKind.Part)
        {
            _partNames = [name!];
            _negated = [false];
        }
        else
        {
            var names = new List<string>();
            var negated = new List<bool>();
            for (var i = 0; i < children.Length; i++)
            {
                _offsets[i] = names.Count;
                names.AddRange(children[i]._partNames);
                negated.AddRange(children[i]._negated.Select(n => kind == ConditionKind.Not ? !n : n));
            }

            _partNames = [.. names];
            _negated = [.. negated];
        }

        Children = new ReadOnlyCollection<Condition<TFact>>(_children);
        PartNames = new ReadOnlyCollection<string>(_partNames);
        Compiled = Compile();
    }

    /// <summary>Gets the kind of this node.</summary>
    public ConditionKind Kind { get; }

    /// <summary>Gets the part's name for a <see cref="ConditionKind.Part"/> node; null for the other kinds.</summary>
    public string? Name { get; }

    /// <summary>Gets the child conditions of an all/any/not node; empty for a part.</summary>
    public IReadOnlyList<Condition<TFact>> Children { get; }

    /// <summary>Gets the names of every part below this node, depth first, left to right.</summary>
    public IReadOnlyList<string> PartNames { get; }

    /// <summary>Gets the number of parts below this node (1 for a part).</summary>
    public int PartCount => _partNames.Length;

    internal Func<TFact, bool> Compiled { get; }

    /// <summary>Gets, for each part, whether it sits under an odd number of <c>not</c> nodes.</summary>
    internal IReadOnlyList<bool> NegatedParts => _negated;

    /// <summary>Tests the condition on a fact.</summary>
    /// <param name="fact">The fact to test.</param>
    /// <returns>Whether the condition holds.</returns>
    /// <exception cref="Exception">Whatever a part's predicate throws, unwrapped (a rule set wraps it in a
    /// <see cref="RuleEvaluationException"/>).</exception>
    public bool IsSatisfiedBy(TFact fact) => Compiled(fact);

    /// <summary>Renders the condition on one line: parts by name, groups as <c>all(…)</c>, <c>any(…)</c>, <c>not(…)</c>.</summary>
    /// <returns>The rendering, e.g. <c>all(handling clock overdue, not(at top of ladder))</c>.</returns>
    public override string ToString()
    {
        var sb = new StringBuilder();
        Append(sb);
        return sb.ToString();
    }

    internal static Condition<TFact> CreatePart(string name, Func<TFact, bool> predicate) =>
        new(ConditionKind.Part, name, predicate, []);

    internal static Condition<TFact> CreateGroup(ConditionKind kind, Condition<TFact>[] children) =>
        new(kind, null, null, children);

    /// <summary>Evaluates with the same short-circuits as <see cref="Compiled"/>, recording each part's outcome.</summary>
    /// <param name="fact">The fact.</param>
    /// <param name="outcomes">One slot per part of the root, all <see cref="PartOutcome.NotEvaluated"/> on entry.</param>
    /// <param name="offset">The index of this node's first part in <paramref name="outcomes"/>.</param>
    /// <param name="failingPart">Set to the index of the part whose predicate threw, if one did.</param>
    internal bool Trace(TFact fact, PartOutcome[] outcomes, int offset, ref int failingPart)
    {
        switch (Kind)
        {
            case ConditionKind.Part:
                failingPart = offset;
                var held = _predicate!(fact);
                failingPart = -1;
                outcomes[offset] = held ? PartOutcome.Held : PartOutcome.Failed;
                return held;
            case ConditionKind.All:
                for (var i = 0; i < _children.Length; i++)
                {
                    if (!_children[i].Trace(fact, outcomes, offset + _offsets[i], ref failingPart))
                    {
                        return false;
                    }
                }

                return true;
            case ConditionKind.Any:
                for (var i = 0; i < _children.Length; i++)
                {
                    if (_children[i].Trace(fact, outcomes, offset + _offsets[i], ref failingPart))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return !_children[0].Trace(fact, outcomes, offset, ref failingPart);
        }
    }

    internal void Append(StringBuilder sb)
    {
        if (Kind == ConditionKind.Part)
        {
            sb.Append(Name);
            return;
        }

        sb.Append(Kind switch { ConditionKind.All => "all(", ConditionKind.Any => "any(", _ => "not(" });
        for (var i = 0; i < _children.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }

            _children[i].Append(sb);
        }

        sb.Append(')');
    }

    private Func<TFact, bool> Compile()
    {
        switch (Kind)
        {
            case ConditionKind.Part:
                return _predicate!;
            case ConditionKind.Not:
                var inner = _children[0].Compiled;
                return fact => !inner(fact);
            case ConditionKind.All:
                return _children.Length switch
                {
                    0 => static _ => true,
                    1 => _children[0].Compiled,
                    2 => AllOf(_children[0].Compiled, _children[1].Compiled),
                    _ => AllOf(Array.ConvertAll(_children, c => c.Compiled)),
                };
            default:
                return _children.Length switch
                {
                    0 => static _ => false,
                    1 => _children[0].Compiled,
                    2 => AnyOf(_children[0].Compiled, _children[1].Compiled),
                    _ => AnyOf(Array.ConvertAll(_children, c => c.Compiled)),
                };
        }
    }

    private static Func<TFact, bool> AllOf(Func<TFact, bool> a, Func<TFact, bool> b) => fact => a(fact) && b(fact);

    private static Func<TFact, bool> AnyOf(Func<TFact, bool> a, Func<TFact, bool> b) => fact => a(fact) || b(fact);

    private static Func<TFact, bool> AllOf(Func<TFact, bool>[] parts) => fact =>
    {
        foreach (var part in parts)
        {
            if (!part(fact))
            {
                return false;
            }
        }

        return true;
    };

    private static Func<TFact, bool> AnyOf(Func<TFact, bool>[] parts) => fact =>
    {
        foreach (var part in parts)
        {
            if (part(fact))
            {
                return true;
            }
        }

        return false;
    };
}
