using Fengqiao.Cases.Organisation;
using NodaTime;

namespace Fengqiao.Cases;

/// <summary>A people's deputy's score of a closed case (测评打分, <see cref="Events.CaseDeputyScored"/>), as the case shows it.</summary>
/// <param name="Deputy">The deputy.</param>
/// <param name="Score">The score, 0 to 100.</param>
/// <param name="ScoredAt">When.</param>
/// <param name="Cycle">The handling cycle scored (<see cref="Case.Cycle"/> when it was given): a score before a reopening belongs to the earlier cycle.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CaseDeputyScore(ActorId Deputy, int Score, Instant ScoredAt, int Cycle);
