using System.Collections.Immutable;
using Fengqiao.Cases;

namespace Fengqiao.Testing;

/// <summary>What a desk script did: the cases it touched and how many calls the desk accepted and refused.</summary>
/// <param name="Cases">The cases registered (in order).</param>
/// <param name="Played">The calls the desk accepted, each as <c>case: action by actor</c>.</param>
/// <param name="Refused">How many calls the desk refused.</param>
/// <threadsafety>Immutable; safe from any thread.</threadsafety>
public sealed record DeskScriptResult(ImmutableArray<CaseId> Cases, ImmutableArray<string> Played, int Refused);
