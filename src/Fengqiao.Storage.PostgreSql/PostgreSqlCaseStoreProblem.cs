using Fengqiao.Cases;

namespace Fengqiao.Storage.PostgreSql;

/// <summary>One thing <see cref="PostgreSqlCaseStore.VerifyAsync"/> (or <see cref="PostgreSqlCaseStore.RepairAsync"/>) found wrong: a broken hash chain, personal data
/// that does not match its digest, or a derived column (<c>version</c>, <c>next_due</c>, the query-code index) that does
/// not match the case's events.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Version">The first version concerned (for a derived column, the case's last stored version).</param>
/// <param name="Description">What is wrong, without any personal data or event content.</param>
/// <threadsafety>Immutable.</threadsafety>
public sealed record PostgreSqlCaseStoreProblem(CaseId CaseId, long Version, string Description)
{
    /// <summary>Gets whether <see cref="PostgreSqlCaseStore.RepairAsync"/> can fix it: a derived column is rebuilt from
    /// intact events; a broken chain or edited personal data is not repairable (restore the case from a backup).</summary>
    public bool IsRepairable { get; init; }

    /// <summary>Describes the problem on one line.</summary>
    /// <returns>For example <c>case 'C-1' version 3: the event does not match its hash link …</c>.</returns>
    public override string ToString() => $"case '{CaseId}' version {Version}: {Description}";
}
