using System.Collections.Immutable;
using Fengqiao.Cases;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.InMemory;
using Fengqiao.Cases.Ports;
using NodaTime;

namespace Fengqiao.Escalation.Tests.Desk;

/// <summary>The in-memory store with batch loads and group commit, as the desk sees a SQLite or PostgreSQL store: each
/// append of a group gets its own outcome. Records every group's size, and runs <see cref="BeforeGroup"/> once before the
/// next group is written (another desk acting meanwhile).</summary>
internal sealed class GroupCommitStore(InMemoryCaseStore inner) : ICaseStore, ICaseGroupCommit, ICaseBatchLoad
{
    private readonly List<int> groups = [];

    public InMemoryCaseStore Inner { get; } = inner;

    /// <summary>Runs once, before the next group is written, then is cleared.</summary>
    public Func<ValueTask>? BeforeGroup { get; set; }

    public IReadOnlyList<int> Groups => groups;

    public ValueTask<Case?> LoadAsync(CaseId id, CancellationToken cancellationToken) => Inner.LoadAsync(id, cancellationToken);

    public ValueTask<Case?> FindByQueryCodeAsync(Fengqiao.Cases.QueryCodes.QueryCodeDigest digest, CancellationToken cancellationToken) =>
        Inner.FindByQueryCodeAsync(digest, cancellationToken);

    public ValueTask<IReadOnlyList<CaseEvent>> ReadEventsAsync(CaseId id, CancellationToken cancellationToken) => Inner.ReadEventsAsync(id, cancellationToken);

    public ValueTask AppendAsync(long expectedVersion, IReadOnlyList<CaseEvent> events, Case snapshot, CancellationToken cancellationToken) =>
        Inner.AppendAsync(expectedVersion, events, snapshot, cancellationToken);

    public ValueTask<IReadOnlyList<CaseId>> ListDueAsync(Instant dueBy, CancellationToken cancellationToken) => Inner.ListDueAsync(dueBy, cancellationToken);

    public async ValueTask<IReadOnlyList<Case?>> LoadManyAsync(IReadOnlyList<CaseId> ids, CancellationToken cancellationToken)
    {
        var loaded = new Case?[ids.Count];
        for (var i = 0; i < ids.Count; i++)
        {
            loaded[i] = await Inner.LoadAsync(ids[i], cancellationToken);
        }

        return loaded;
    }

    public async ValueTask<ImmutableArray<Exception?>> AppendGroupAsync(IReadOnlyList<CaseAppend> appends, CancellationToken cancellationToken)
    {
        if (BeforeGroup is { } before)
        {
            BeforeGroup = null;
            await before();
        }

        groups.Add(appends.Count);
        var outcomes = ImmutableArray.CreateBuilder<Exception?>(appends.Count);
        foreach (var append in appends)
        {
            try
            {
                await Inner.AppendAsync(append.ExpectedVersion, append.Events, append.Snapshot, cancellationToken);
                outcomes.Add(null);
            }
            catch (ConcurrencyConflictException e)
            {
                outcomes.Add(e);
            }
        }

        return outcomes.MoveToImmutable();
    }
}
