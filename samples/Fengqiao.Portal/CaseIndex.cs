using System.Collections.Concurrent;
using Fengqiao.Cases;
using Fengqiao.Cases.Desk;
using Fengqiao.Cases.Events;

namespace Fengqiao.Portal;

/// <summary>
/// The ids of the cases this portal process has seen registered, for the worklist and the dashboard.
/// </summary>
/// <remarks>
/// A stand-in until the stores answer listing queries (issue 17, item 2): cases registered before a restart are not listed,
/// though they are still found by their query code.
/// </remarks>
internal sealed class CaseIndex(CaseDesk desk) : IHostedService, IObserver<CaseEvent>
{
    private readonly ConcurrentDictionary<CaseId, byte> ids = new();
    private IDisposable? subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        subscription = desk.Events.Subscribe(this);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        subscription?.Dispose();
        return Task.CompletedTask;
    }

    public async Task<IReadOnlyList<Case>> AllAsync(CancellationToken cancellationToken)
    {
        var cases = new List<Case>();
        foreach (var id in ids.Keys)
        {
            if (await desk.FindAsync(id, cancellationToken) is { } found)
            {
                cases.Add(found);
            }
        }

        return cases.OrderBy(c => c.RegisteredAt).ToList();
    }

    public void OnNext(CaseEvent value)
    {
        if (value.Payload is CaseRegistration)
        {
            ids.TryAdd(value.CaseId, 0);
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }
}
