using System.Collections.Immutable;

namespace Fengqiao.Storage.Sqlite;

/// <summary>What <see cref="SqliteCaseStore.VerifyAsync"/> or <see cref="SqliteCaseStore.RepairAsync"/> found.</summary>
/// <threadsafety>Immutable.</threadsafety>
public sealed class SqliteCaseStoreVerification
{
    internal SqliteCaseStoreVerification(long casesChecked, long eventsChecked, ImmutableArray<SqliteCaseStoreProblem> problems, long casesRepaired)
    {
        CasesChecked = casesChecked;
        EventsChecked = eventsChecked;
        Problems = problems;
        CasesRepaired = casesRepaired;
    }

    /// <summary>Gets how many cases were checked.</summary>
    public long CasesChecked { get; }

    /// <summary>Gets how many events were checked.</summary>
    public long EventsChecked { get; }

    /// <summary>Gets the problems found, ordered by case id then version; after a repair, those left unrepaired.</summary>
    public ImmutableArray<SqliteCaseStoreProblem> Problems { get; }

    /// <summary>Gets how many cases had derived columns rewritten (or were chained for the first time) by a repair; 0 for a verification.</summary>
    public long CasesRepaired { get; }

    /// <summary>Gets whether no problem was found (or left).</summary>
    public bool IsIntact => Problems.IsEmpty;
}
