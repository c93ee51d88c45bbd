using System.Collections.Immutable;

namespace Fengqiao.Storage.PostgreSql;

/// <summary>What <see cref="PostgreSqlCaseStore.VerifyAsync"/> found, or what <see cref="PostgreSqlCaseStore.RepairAsync"/> repaired and left.</summary>
/// <threadsafety>Immutable.</threadsafety>
public sealed class PostgreSqlCaseStoreVerification
{
    internal PostgreSqlCaseStoreVerification(long casesChecked, long eventsChecked, ImmutableArray<PostgreSqlCaseStoreProblem> problems, long casesRepaired)
    {
        CasesChecked = casesChecked;
        EventsChecked = eventsChecked;
        Problems = problems;
        CasesRepaired = casesRepaired;
    }

    /// <summary>Gets how many cases <see cref="PostgreSqlCaseStore.RepairAsync"/> rewrote; 0 for a verification.</summary>
    public long CasesRepaired { get; }

    /// <summary>Gets how many cases were checked.</summary>
    public long CasesChecked { get; }

    /// <summary>Gets how many events were checked.</summary>
    public long EventsChecked { get; }

    /// <summary>Gets the problems found, ordered by case id.</summary>
    public ImmutableArray<PostgreSqlCaseStoreProblem> Problems { get; }

    /// <summary>Gets whether no problem was found.</summary>
    public bool IsIntact => Problems.IsEmpty;
}
