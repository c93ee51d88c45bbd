using System.Collections.Concurrent;
using System.Diagnostics;

namespace Fengqiao.Storage.PostgreSql.Tests;

/// <summary>Records the statements Npgsql sends from the calling flow while it is open: one entry per command or batch
/// executed (a round trip each; a transaction's COMMIT is not traced), its text as Npgsql's tracing gives it (a batch's
/// statements joined). Only activities under this recorder's own trace are kept, so tests running in parallel do not
/// count each other's statements.</summary>
internal sealed class ServerStatements : IDisposable
{
    private readonly Activity scope;
    private readonly ActivityListener listener;
    private readonly ConcurrentQueue<string> sent = new();

    public ServerStatements()
    {
        scope = new Activity(nameof(ServerStatements)).SetIdFormat(ActivityIdFormat.W3C).Start();
        var trace = scope.TraceId;
        listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> options) =>
                options.Parent.TraceId == trace ? ActivitySamplingResult.AllDataAndRecorded : ActivitySamplingResult.None,
            ActivityStopped = activity => sent.Enqueue((activity.GetTagItem("db.query.text") ?? activity.GetTagItem("db.statement")) as string ?? string.Join(", ", activity.TagObjects.Select(t => $"{t.Key}={t.Value}"))),
        };
        ActivitySource.AddActivityListener(listener);
    }

    /// <summary>Gets the statements sent so far, in the order they finished.</summary>
    public IReadOnlyList<string> Sent => [.. sent];

    public void Dispose()
    {
        listener.Dispose();
        scope.Stop();
    }
}
