using Fengqiao.Cases;

namespace Fengqiao.Storage.Sqlite;

/// <summary>One thing <see cref="SqliteCaseStore.VerifyAsync"/> found wrong: a broken hash chain or a derived column
/// (<c>version</c>, <c>next_due</c>, query code) that does not match the case's events.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Version">The first version concerned (for a derived column, the case's last stored version).</param>
/// <param name="Description">What is wrong, without any personal data or event content.</param>
/// <param name="IsRepairable">Whether <see cref="SqliteCaseStore.RepairAsync"/> can fix it: a derived column is
/// rebuilt from intact events; a broken chain is not repairable (restore from a backup).</param>
/// <threadsafety>Immutable.</threadsafety>
public sealed record SqliteCaseStoreProblem(CaseId CaseId, long Version, string Description, bool IsRepairable)
{
    /// <summary>Describes the problem on one line.</summary>
    /// <returns>For example <c>case 'C-1' version 3: the stored next due instant is empty, the events say …</c>.</returns>
    public override string ToString() => $"case '{CaseId}' version {Version}: {Description}";
}
