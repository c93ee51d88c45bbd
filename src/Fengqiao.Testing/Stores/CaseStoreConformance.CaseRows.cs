using System.Collections.Immutable;

namespace Fengqiao.Testing;

/// <content>The case-row checks: the columns a store derives from a case's events (its version, next due instant and
/// query-code index entry) are damaged behind the store's back through its <see cref="ISnapshotTamper"/>; verify must
/// report the case as repairable, and repair must rebuild the row from the intact events.</content>
public static partial class CaseStoreConformance
{
    private static readonly ImmutableSortedDictionary<string, Func<SnapshotRun, Task>> CaseRowChecks =
        new Dictionary<string, Func<SnapshotRun, Task>>
        {
            ["next-due-set-to-null-is-reported-and-repaired"] = NextDueSetToNullAsync,
            ["version-and-query-code-damaged-are-rebuilt-from-the-events"] = VersionAndQueryCodeDamagedAsync,
        }.ToImmutableSortedDictionary(StringComparer.Ordinal);

    /// <summary>Gets the names of the case-row checks, sorted; run them with <see cref="RunCaseRowAsync"/>.</summary>
    /// <remarks>Each writes a case through a desk on a store the tamper opens, rewrites its case row behind the store's
    /// back (<see cref="ISnapshotTamper.RewriteCaseRowAsync"/>), and checks what a second store on the same data lists,
    /// finds, verifies and repairs.</remarks>
    public static IReadOnlyList<string> CaseRowCheckNames { get; } = [.. CaseRowChecks.Keys];

    /// <summary>Runs one case-row check on stores the tamper opens.</summary>
    /// <param name="check">The check's name, one of <see cref="CaseRowCheckNames"/>.</param>
    /// <param name="tamper">Opens the stores and edits their data behind their backs.</param>
    /// <returns>A task that completes when the check passes.</returns>
    /// <remarks>Every store the tamper opened for the check is disposed when it ends, the last opened first.</remarks>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">There is no case-row check of that name (the message lists them).</exception>
    /// <exception cref="CaseStoreConformanceException">The store failed the check.</exception>
    public static async Task RunCaseRowAsync(string check, ISnapshotTamper tamper)
    {
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(tamper);
        var run = CaseRowChecks.GetValueOrDefault(check)
            ?? throw new ArgumentException($"No case-row check named '{check}'; the checks are: {string.Join(", ", CaseRowCheckNames)}.", nameof(check));
        await RunTamperedAsync(check, run, tamper).ConfigureAwait(false);
    }

    private static async Task NextDueSetToNullAsync(SnapshotRun run)
    {
        var writer = await run.NewStoreAsync().ConfigureAwait(false);
        var c = await NewCounty(writer).DispatchedAsync().ConfigureAwait(false);
        var due = c.NextDueAt ?? throw new CheckFailed("a dispatched case has no next due instant (conformance set-up)");
        Expect(await run.Tamper.RewriteCaseRowAsync(writer, c.Id, r => r with { NextDue = null }).ConfigureAwait(false) == 1, "the tamper did not rewrite the case row (conformance set-up)");
        var store = await run.ReopenAsync(writer).ConfigureAwait(false);

        var listed = await store.ListDueAsync(due, default).ConfigureAwait(false);
        Expect(listed.Count == 0, $"a case whose row lists it as never due is still listed due ({string.Join(", ", listed)}): the sweep must list by the case rows");
        var problems = await run.Tamper.VerifyAsync(store).ConfigureAwait(false);
        Expect(problems.Count == 1 && problems[0].CaseId == c.Id && problems[0].IsRepairable && problems[0].Description.Contains("next due", StringComparison.Ordinal),
            $"verify should name one repairable next due problem of '{c.Id}'; it found: {string.Join("; ", problems)}");

        Expect(await run.Tamper.RepairAsync(store).ConfigureAwait(false) == 1, "repair did not rebuild the one case row");

        listed = await store.ListDueAsync(due, default).ConfigureAwait(false);
        Expect(listed.SequenceEqual([c.Id]), $"after repair the sweep lists [{string.Join(", ", listed)}] at the case's due instant, not ['{c.Id}']");
        problems = await run.Tamper.VerifyAsync(store).ConfigureAwait(false);
        Expect(problems.Count == 0, $"verify after repair still finds: {string.Join("; ", problems)}");
    }

    private static async Task VersionAndQueryCodeDamagedAsync(SnapshotRun run)
    {
        var writer = await run.NewStoreAsync().ConfigureAwait(false);
        var c = await NewCounty(writer).DispatchedAsync().ConfigureAwait(false);
        Expect(await run.Tamper.RewriteCaseRowAsync(writer, c.Id, r => r with { Version = r.Version + 5, QueryCode = "XXXX-XXXX" }).ConfigureAwait(false) == 1,
            "the tamper did not rewrite the case row (conformance set-up)");

        // Loads skip the chain check, which would refuse a row whose version the events do not reach.
        var store = await run.ReopenAsync(writer, verifyChainOnLoad: false).ConfigureAwait(false);
        Expect(await store.FindByQueryCodeAsync(c.QueryCodeDigest, default).ConfigureAwait(false) is null, "the case is still found by its query code after its index entry was damaged");
        var problems = await run.Tamper.VerifyAsync(store).ConfigureAwait(false);
        Expect(problems.Count == 1 && problems[0].CaseId == c.Id && problems[0].IsRepairable
                && problems[0].Description.Contains("query", StringComparison.Ordinal) && problems[0].Description.Contains("stored version", StringComparison.Ordinal),
            $"verify should name one repairable problem of '{c.Id}' naming its query code and its stored version; it found: {string.Join("; ", problems)}");

        Expect(await run.Tamper.RepairAsync(store).ConfigureAwait(false) == 1, "repair did not rebuild the one case row");

        var fresh = await run.ReopenAsync(writer).ConfigureAwait(false);
        Same(c, await fresh.FindByQueryCodeAsync(c.QueryCodeDigest, default).ConfigureAwait(false), "after repair, a look-up by the case's query code");
        Expect((await fresh.LoadAsync(c.Id, default).ConfigureAwait(false))?.Version == c.Version, $"after repair the case does not load at its version {c.Version}");
        problems = await run.Tamper.VerifyAsync(fresh).ConfigureAwait(false);
        Expect(problems.Count == 0, $"verify after repair still finds: {string.Join("; ", problems)}");
    }
}
